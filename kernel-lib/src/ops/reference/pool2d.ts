import type { Pool2dGeometry } from '../pool2dGeometry';

// The literal pooling formulas, loop by loop: the reference every fast kernel is tested against.
// x and dx are [planes, H, W], y and dy [planes, OH, OW], row-major.

/** Calls visit(outIndex, inIndex) for every input cell of every window, in row-major window order; padding cells are skipped. */
function forEachWindowCell(g: Pool2dGeometry, visit: (o: number, i: number) => void): void {
  const { planes, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, size, stride, padding } = g;
  for (let p = 0; p < planes; p++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let l = 0; l < size[0]; l++) {
          for (let m = 0; m < size[1]; m++) {
            const i = oy * stride[0] - padding[0] + l;
            const j = ox * stride[1] - padding[1] + m;
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
 */
export function maxPool2dForwardReference(g: Pool2dGeometry, x: Float64Array, y: Float64Array, argmax: Int32Array): void {
  argmax.fill(-1);
  forEachWindowCell(g, (o, i) => {
    if (argmax[o] === -1 || x[i] > x[argmax[o]]) argmax[o] = i;
  });
  for (let o = 0; o < y.length; o++) y[o] = x[argmax[o]];
}

/** dx[argmax[o]] += dy[o]; every other cell of dx is 0 (BP2 with weight 1 on the maximum). */
export function maxPool2dBackwardReference(argmax: Int32Array, dy: Float64Array, dx: Float64Array): void {
  dx.fill(0);
  for (let o = 0; o < dy.length; o++) dx[argmax[o]] += dy[o];
}

/** y[o] = (Σ over window o of x) / (size[0]·size[1]); padding cells count as zeros. */
export function avgPool2dForwardReference(g: Pool2dGeometry, x: Float64Array, y: Float64Array): void {
  const cells = g.size[0] * g.size[1];
  y.fill(0);
  forEachWindowCell(g, (o, i) => {
    y[o] += x[i];
  });
  for (let o = 0; o < y.length; o++) y[o] /= cells;
}

/** dx[i] += dy[o] / (size[0]·size[1]) for every cell i of window o (each weight is 1/size²). */
export function avgPool2dBackwardReference(g: Pool2dGeometry, dy: Float64Array, dx: Float64Array): void {
  const cells = g.size[0] * g.size[1];
  dx.fill(0);
  forEachWindowCell(g, (o, i) => {
    dx[i] += dy[o] / cells;
  });
}
