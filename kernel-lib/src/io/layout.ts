import { assert, fmtShape } from '../assert';
import { checkTensor } from '../ops/args';
import { rot180 } from '../ops/rot180';
import { Tensor } from '../tensor';

/**
 * Where a weight tensor comes from, and so how its axes are laid out:
 * - 'pytorch' (convlab's own): conv [out, in, kh, kw], cross-correlated; Linear [out, in];
 * - 'tensorflow' (Keras): Conv2D kernel [kh, kw, in, out], cross-correlated; Dense [in, out];
 * - 'theano' (Nielsen's network3.py): conv [out, in, kh, kw] but Theano's conv2d convolves for real
 *   (flips the kernel), so the cross-correlation kernel is the 180° rotation; dense [in, out].
 */
export type WeightLayout = 'pytorch' | 'tensorflow' | 'theano';

export const WEIGHT_LAYOUTS: readonly WeightLayout[] = ['pytorch', 'tensorflow', 'theano'];

export function checkLayout(op: string, layout: unknown): asserts layout is WeightLayout {
  assert(
    WEIGHT_LAYOUTS.includes(layout as WeightLayout),
    () => `${op}: layout must be one of ${WEIGHT_LAYOUTS.map((l) => `'${l}'`).join(', ')}, got ${JSON.stringify(layout)}`,
    TypeError,
  );
}

/** Permutes axes: out[i_perm[0], …] = w[i_0, …], i.e. out.shape[a] = w.shape[perm[a]]. */
function permute(w: Tensor, perm: readonly number[]): Tensor {
  const shape = perm.map((a) => w.shape[a]);
  const inStrides = w.shape.map((_, a) => w.shape.slice(a + 1).reduce((x, y) => x * y, 1));
  const out = new Float64Array(w.size);
  const index = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let a = 0; a < shape.length; a++) src += index[a] * inStrides[perm[a]];
    out[o] = w.data[src];
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++index[a] < shape[a]) break;
      index[a] = 0;
    }
  }
  return new Tensor(shape, out);
}

function checkRankForLayout(op: string, w: Tensor): void {
  checkTensor(op, 'w', w);
  assert(
    w.rank === 1 || w.rank === 2 || w.rank === 4,
    () =>
      `${op}: w must be a bias (rank 1), a dense weight (rank 2) or a conv kernel (rank 4), got rank ${w.rank} (w ${fmtShape(w.shape)})`,
  );
}

/**
 * A weight from another library's layout in convlab's: conv kernels to [out, in, kh, kw] for
 * cross-correlation, dense weights to [out, in]; biases unchanged. By rank:
 * - rank 4: 'pytorch' as is; 'tensorflow' out[o][i][r][c] = w[r][c][i][o]; 'theano' rot180(w),
 *   out[o][i][r][c] = w[o][i][kh−1−r][kw−1−c] (convolution = correlation with the rotated kernel);
 * - rank 2: 'pytorch' as is; 'tensorflow' and 'theano' transposed, out[j][k] = w[k][j];
 * - rank 1: as is.
 *
 * @example
 * fromLayout(kerasKernel, 'tensorflow').shape; // [5,5,1,20] → [20,1,5,5]
 * fromLayout(theanoW, 'theano');               // rot180 of each 5x5 kernel
 */
export function fromLayout(w: Tensor, layout: WeightLayout): Tensor {
  checkRankForLayout('fromLayout', w);
  checkLayout('fromLayout', layout);
  if (w.rank === 1 || layout === 'pytorch') return new Tensor(w.shape, Float64Array.from(w.data));
  if (w.rank === 2) return permute(w, [1, 0]);
  return layout === 'tensorflow' ? permute(w, [3, 2, 0, 1]) : rot180(w);
}

/**
 * The inverse of fromLayout: a convlab weight in another library's layout (for exporting).
 * toLayout(fromLayout(w, l), l) equals w for every layout.
 *
 * @example
 * toLayout(conv.weight.value, 'tensorflow').shape; // [20,1,5,5] → [5,5,1,20]
 */
export function toLayout(w: Tensor, layout: WeightLayout): Tensor {
  checkRankForLayout('toLayout', w);
  checkLayout('toLayout', layout);
  if (w.rank === 1 || layout === 'pytorch') return new Tensor(w.shape, Float64Array.from(w.data));
  if (w.rank === 2) return permute(w, [1, 0]);
  return layout === 'tensorflow' ? permute(w, [2, 3, 1, 0]) : rot180(w);
}

/** The shape a convlab weight of shape `shape` has in `layout`. */
export function shapeInLayout(shape: readonly number[], layout: WeightLayout): number[] {
  if (shape.length === 1 || layout === 'pytorch') return [...shape];
  if (shape.length === 2) return [shape[1], shape[0]];
  return layout === 'tensorflow' ? [shape[2], shape[3], shape[1], shape[0]] : [...shape];
}
