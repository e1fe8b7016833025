import type { Pool2dGeometry } from '../pool2dGeometry';

// The literal pooling formulas, loop by loop: the reference every fast kernel is tested against.
// x and dx are [planes, H, W], y and dy [planes, OH, OW], row-major.

/** Calls visit(outIndex, inIndex) for every input cell of every window, in row-major window order; padding cells are skipped. */
function forEachWindowCell(g: Pool2dGeometry, visit: (o: number, i: number) => void): void {
  const { planes, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, size, stride, padding, dilation } = g;
  for (let p = 0; p < planes; p++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let l = 0; l < size[0]; l++) {
          for (let m = 0; m < size[1]; m++) {
            const i = oy * stride[0] - padding[0] + l * dilation[0];
            const j = ox * stride[1] - padding[1] + m * dilation[1];
            if (i >= 0 && i < H && j >= 0 && j < W) visit((p * OH + oy) * OW + ox, (p * H + i) * W + j);
          }
        }
      }
    }
  }
}

/**
 * y[o] = max over window o of x; argmax[o] = the flat index into x of that maximum. Padding counts
 * as −∞, so it never wins; on ties the first maximum in row-major window order wins (strict >).
 * NaN is the maximum (PyTorch's rule): a NaN always takes over, so with several the last one wins.
 */
export function maxPool2dForwardReference(g: Pool2dGeometry, x: Float64Array, y: Float64Array, argmax: Int32Array): void {
  argmax.fill(-1);
  forEachWindowCell(g, (o, i) => {
    if (argmax[o] === -1 || x[i] > x[argmax[o]] || Number.isNaN(x[i])) argmax[o] = i;
  });
  for (let o = 0; o < y.length; o++) y[o] = x[argmax[o]];
}

/** dx[argmax[o]] += dy[o]; every other cell of dx is 0 (BP2 with weight 1 on the maximum). */
export function maxPool2dBackwardReference(argmax: Int32Array, dy: Float64Array, dx: Float64Array): void {
  dx.fill(0);
  for (let o = 0; o < dy.length; o++) dx[argmax[o]] += dy[o];
}

/**
 * The divisor of window (oy, ox), PyTorch's rule: divisorOverride if given; with countIncludePad
 * the window's cells inside the input or its padding (rows −top … H + bottom − 1, never the part of
 * a ceil-mode window beyond the far padding); without it, the cells inside the input.
 */
export function avgPoolDivisor(g: Pool2dGeometry, oy: number, ox: number): number {
  if (g.divisorOverride !== undefined) return g.divisorOverride;
  const count = (o: number, a: 0 | 1, n: number) => {
    const start = o * g.stride[a] - g.padding[a];
    const [lo, hi] = g.countIncludePad ? [-g.padding[a], n + g.paddingEnd[a]] : [0, n];
    return Math.min(start + g.size[a], hi) - Math.max(start, lo);
  };
  return count(oy, 0, g.inHeight) * count(ox, 1, g.inWidth);
}

/** y[o] = (Σ over window o of x) / avgPoolDivisor(o); padding cells count as zeros. */
export function avgPool2dForwardReference(g: Pool2dGeometry, x: Float64Array, y: Float64Array): void {
  y.fill(0);
  forEachWindowCell(g, (o, i) => {
    y[o] += x[i];
  });
  for (let o = 0; o < y.length; o++) {
    const r = o % (g.outHeight * g.outWidth);
    y[o] /= avgPoolDivisor(g, Math.floor(r / g.outWidth), r % g.outWidth);
  }
}

/** dx[i] += dy[o] / avgPoolDivisor(o) for every cell i of window o (each weight is 1/divisor). */
export function avgPool2dBackwardReference(g: Pool2dGeometry, dy: Float64Array, dx: Float64Array): void {
  dx.fill(0);
  forEachWindowCell(g, (o, i) => {
    const r = o % (g.outHeight * g.outWidth);
    dx[i] += dy[o] / avgPoolDivisor(g, Math.floor(r / g.outWidth), r % g.outWidth);
  });
}
