import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { checkOptions, checkRank, checkTensor } from './args';
import { rot180 } from './rot180';
import { correlate2dReference, type Correlate2dGeometry } from './reference/correlate2d';

/** Output size, with scipy.signal's meaning: 'valid' h−kh+1, 'full' h+kh−1, 'same' h (per axis). */
export type Mode = 'valid' | 'full' | 'same';

/**
 * What lies outside x, scipy.signal's `boundary` and `fillvalue`: 'fill' (default) the constant
 * fillvalue (default 0); 'wrap' x repeated periodically, x[i mod h][j mod w]; 'symm' x mirrored
 * with its edge repeated (row −1 is row 0, row h is row h − 1, period 2h).
 */
export interface Boundary2dOptions {
  boundary?: 'fill' | 'wrap' | 'symm';
  fillvalue?: number;
}

/**
 * 2-D cross-correlation of one channel, the notes' formula without σ and b:
 * out[r][c] = Σ_l Σ_m k[l][m] · x[r + l][c + m]   (x [h, w], k [kh, kw]).
 *
 * `mode` follows scipy.signal.correlate2d exactly (zeros outside x):
 * - 'valid' (default): [h − kh + 1, w − kw + 1], the kernel inside x; it must fit.
 * - 'full': [h + kh − 1, w + kw − 1], every overlap; full[r][c] = valid formula at x[r − (kh−1) + l][…].
 * - 'same': [h, w], full sliced from row ceil((kh−1)/2) and column ceil((kw−1)/2): x is padded by
 *   floor((kh−1)/2) on top and the rest below, so an even kernel's extra zero row goes to the bottom
 *   (and its extra column to the right), as PyTorch's padding='same'. convolve2d 'same' does the
 *   opposite, and so does scipy.signal.correlate (n-d), whose 'same' slices full from floor((kh−1)/2).
 * Unlike scipy, 'valid' never swaps x and k when k is the larger: it throws.
 * `opts.boundary` / `opts.fillvalue` say what lies outside x for 'full' and 'same' (see
 * Boundary2dOptions); 'valid' never reads outside x.
 *
 * @example
 * correlate2d(tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), tensor([[1, 0], [0, 1]])).toArray(); // [[6, 8], [12, 14]]
 * correlate2d(tensor([[1, 2, 3]]), tensor([[1, 1, 1]]), 'same', { boundary: 'wrap' }).toArray(); // [[6, 6, 6]]
 */
export function correlate2d(x: Tensor, k: Tensor, mode: Mode = 'valid', opts: Boundary2dOptions = {}): Tensor {
  return slide2d('correlate2d', x, k, mode, opts);
}

/** x extended to rows −top … −top + rows − 1 and columns −left …, by the boundary rule. */
function extend(
  x: Tensor,
  top: number,
  left: number,
  rows: number,
  cols: number,
  { boundary = 'fill', fillvalue = 0 }: Boundary2dOptions,
): Tensor {
  const [H, W] = x.shape;
  const fold = (i: number, n: number) => {
    if (boundary === 'wrap') return ((i % n) + n) % n;
    const m = ((i % (2 * n)) + 2 * n) % (2 * n); // symm: period 2n, mirrored with the edge repeated
    return m < n ? m : 2 * n - 1 - m;
  };
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [i, j] = [r - top, c - left];
      const inside = i >= 0 && i < H && j >= 0 && j < W;
      out[r * cols + c] = inside ? x.data[i * W + j] : boundary === 'fill' ? fillvalue : x.data[fold(i, H) * W + fold(j, W)];
    }
  }
  return new Tensor([rows, cols], out);
}

/**
 * The shared body of correlate2d and convolve2d: checks, then the reference loop. convolve2d
 * correlates with rot180(k), and its 'same' pads ceil((kh−1)/2) rows on top instead of floor.
 */
export function slide2d(op: 'correlate2d' | 'convolve2d', x: Tensor, k: Tensor, mode: Mode, opts: Boundary2dOptions = {}): Tensor {
  checkOptions(op, opts, ['boundary', 'fillvalue']);
  const { boundary = 'fill', fillvalue = 0 } = opts;
  assert(
    boundary === 'fill' || boundary === 'wrap' || boundary === 'symm',
    () => `${op}: boundary must be 'fill', 'wrap' or 'symm', got ${JSON.stringify(boundary)}`,
  );
  assert(typeof fillvalue === 'number', () => `${op}: fillvalue must be a number, got ${JSON.stringify(fillvalue)}`, TypeError);
  checkTensor(op, 'x', x);
  checkTensor(op, 'k', k);
  checkRank(op, 'x', x, 2, 'h, w');
  checkRank(op, 'k', k, 2, 'kh, kw');
  assert(
    mode === 'valid' || mode === 'full' || mode === 'same',
    () => `${op}: mode must be 'valid', 'full' or 'same', got ${String(mode)}`,
  );
  const [H, W] = x.shape;
  const [KH, KW] = k.shape;
  assert(
    mode !== 'valid' || (KH <= H && KW <= W),
    () => `${op}: in 'valid' mode the kernel must fit inside the input, got k ${fmtShape(k.shape)} and x ${fmtShape(x.shape)}`,
  );
  const round = op === 'correlate2d' ? Math.floor : Math.ceil;
  const g: Correlate2dGeometry = {
    inHeight: H,
    inWidth: W,
    kernelHeight: KH,
    kernelWidth: KW,
    ...(mode === 'valid'
      ? { outHeight: H - KH + 1, outWidth: W - KW + 1, top: 0, left: 0 }
      : mode === 'full'
        ? { outHeight: H + KH - 1, outWidth: W + KW - 1, top: KH - 1, left: KW - 1 }
        : { outHeight: H, outWidth: W, top: round((KH - 1) / 2), left: round((KW - 1) / 2) }),
  };
  const out = new Float64Array(g.outHeight * g.outWidth);
  const kernel = op === 'correlate2d' ? k.data : rot180(k).data;
  if (boundary === 'fill' && fillvalue === 0) {
    correlate2dReference(g, x.data, kernel, out);
  } else {
    // the same windows over x extended by the boundary rule, read in 'valid' mode
    const [rows, cols] = [g.outHeight + KH - 1, g.outWidth + KW - 1];
    const ext = extend(x, g.top, g.left, rows, cols, { boundary, fillvalue });
    correlate2dReference({ ...g, inHeight: rows, inWidth: cols, top: 0, left: 0 }, ext.data, kernel, out);
  }
  return new Tensor([g.outHeight, g.outWidth], out);
}
