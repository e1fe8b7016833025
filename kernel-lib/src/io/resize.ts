import { assert, fmtShape } from '../assert';
import { checkRank, checkTensor, toPair } from '../ops/args';
import { Tensor } from '../tensor';

/**
 * The weights of one axis resized from n to m samples: row i lists (source index, weight) pairs.
 * - m < n, area (box) filter: out[i] = (m/n)·∫ over [i·n/m, (i+1)·n/m) of the input taken as
 *   constant on each pixel [j, j+1), i.e. weight_j = |[i·s, (i+1)·s) ∩ [j, j+1)| / s with s = n/m;
 * - m > n, bilinear with pixel centres aligned (align_corners = false): x = (i + ½)·n/m − ½ clamped
 *   to [0, n−1], j = ⌊x⌋, t = x − j, out[i] = (1 − t)·in[j] + t·in[min(j + 1, n − 1)];
 * - m = n: the identity.
 * These are OpenCV's INTER_AREA (downscaling) and INTER_LINEAR / PyTorch's bilinear (upscaling).
 */
export function axisWeights(n: number, m: number): Array<Array<[number, number]>> {
  return Array.from({ length: m }, (_, i): Array<[number, number]> => {
    if (m === n) return [[i, 1]];
    if (m < n) {
      const s = n / m;
      const from = i * s;
      const to = (i + 1) * s;
      const row: Array<[number, number]> = [];
      for (let j = Math.floor(from); j < Math.min(n, Math.ceil(to)); j++) {
        const overlap = Math.min(to, j + 1) - Math.max(from, j);
        if (overlap > 0) row.push([j, overlap / s]);
      }
      return row;
    }
    const x = Math.min(n - 1, Math.max(0, (i + 0.5) * (n / m) - 0.5));
    const j = Math.floor(x);
    const t = x - j;
    return t === 0
      ? [[j, 1]]
      : [
          [j, 1 - t],
          [Math.min(j + 1, n - 1), t],
        ];
  });
}

/**
 * Resizes every map of x [N, C, H, W] to [N, C, h, w], separably: rows first, then columns, each axis
 * with axisWeights (area filter when shrinking, bilinear when growing). Constant images stay
 * constant, and shrinking by a whole factor k equals k x k average pooling.
 *
 * @example
 * resizeImage(tensor([[[[0, 1]]]]), [1, 4]).toArray(); // [[[[0, 0.25, 0.75, 1]]]]
 */
export function resizeImage(x: Tensor, size: readonly [number, number] | number): Tensor {
  checkTensor('resizeImage', 'x', x);
  checkRank('resizeImage', 'x', x, 4, 'N, C, H, W');
  const [h, w] = toPair('resizeImage', 'size', size);
  assert(h * w <= 2 ** 26, () => `resizeImage: size must have at most ${2 ** 26} pixels, got ${h}x${w} (x ${fmtShape(x.shape)})`);
  const [n, c, inH, inW] = x.shape;
  const rows = axisWeights(inH, h);
  const cols = axisWeights(inW, w);
  const out = new Float64Array(n * c * h * w);
  const tmp = new Float64Array(h * inW);
  for (let plane = 0; plane < n * c; plane++) {
    const src = plane * inH * inW;
    tmp.fill(0);
    for (let i = 0; i < h; i++) {
      for (const [r, weight] of rows[i]) {
        for (let col = 0; col < inW; col++) tmp[i * inW + col] += weight * x.data[src + r * inW + col];
      }
    }
    const dst = plane * h * w;
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        let sum = 0;
        for (const [col, weight] of cols[j]) sum += weight * tmp[i * inW + col];
        out[dst + i * w + j] = sum;
      }
    }
  }
  return new Tensor([n, c, h, w], out);
}
