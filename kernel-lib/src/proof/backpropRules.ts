// The notes' rules for the δ a layer passes down, written out literally and independently of the
// layers' backward code, so that a trace can show each rule and check it against what ran.
import { correlate2d } from '../ops/correlate2d';
import { conv2dGeometry, type Conv2dOptions } from '../ops/conv2dGeometry';
import { pool2dGeometry, type Pool2dOptions } from '../ops/pool2dGeometry';
import { rot180 } from '../ops/rot180';
import { Tensor, zeros } from '../tensor';

/** δ_in[n][k] = Σ_j w[j][k]·δ_z[n][j], i.e. wᵀδ per example (BP2). w [J, K], δ_z [N, J] → [N, K]. */
export function denseRule(w: Tensor, dz: Tensor): Tensor {
  const [outputs, inputs] = w.shape;
  const n = dz.shape[0];
  const out = zeros([n, inputs]);
  for (let s = 0; s < n; s++) {
    for (let k = 0; k < inputs; k++) {
      let sum = 0;
      for (let j = 0; j < outputs; j++) sum += w.data[j * inputs + k] * dz.data[s * outputs + j];
      out.data[s * inputs + k] = sum;
    }
  }
  return out;
}

/** Whether a convolution has the notes' geometry (stride 1, no padding, no dilation), where δ_in = full(δ, rot180 w). */
export function isPlainConv(geometry: Conv2dOptions, xShape: readonly number[], wShape: readonly number[]): boolean {
  const g = conv2dGeometry('traceBackprop', xShape, wShape, geometry);
  const { top, bottom, left, right } = g.padding;
  return [...g.stride, ...g.dilation].every((v) => v === 1) && top + bottom + left + right === 0;
}

/**
 * The δ through a convolution, δ_in [N, C, H, W] from δ_z [N, K, OH, OW] and w [K, C, kh, kw]:
 * stride 1 without padding or dilation, the notes' δ_in[n][c] = Σ_k full(δ_z[n][k], rot180 w[k][c]);
 * otherwise the transposed convolution, each δ_z cell scattering its kernel into its window:
 * δ_in[n][c][oy·s − p + l·d][ox·s − p + m·d] += w[k][c][l][m]·δ_z[n][k][oy][ox].
 */
export function convRule(xShape: readonly number[], w: Tensor, dz: Tensor, geometry: Conv2dOptions): Tensor {
  const g = conv2dGeometry('traceBackprop', xShape, w.shape, geometry);
  const [n, c, h, wd] = xShape;
  const [k, , kh, kw] = w.shape;
  const out = zeros(xShape);
  const plane = (t: Tensor, i: number, j: number, rows: number, cols: number, count: number): Tensor =>
    new Tensor([rows, cols], t.data.slice((i * count + j) * rows * cols, (i * count + j + 1) * rows * cols));
  if (isPlainConv(geometry, xShape, w.shape)) {
    for (let s = 0; s < n; s++) {
      for (let ci = 0; ci < c; ci++) {
        for (let ki = 0; ki < k; ki++) {
          const full = correlate2d(plane(dz, s, ki, g.outHeight, g.outWidth, k), rot180(plane(w, ki, ci, kh, kw, c)), 'full');
          const base = (s * c + ci) * h * wd;
          for (let i = 0; i < h * wd; i++) out.data[base + i] += full.data[i];
        }
      }
    }
    return out;
  }
  const [sy, sx] = g.stride;
  const [dy, dx] = g.dilation;
  const { top: py, left: px } = g.padding;
  for (let s = 0; s < n; s++)
    for (let ki = 0; ki < k; ki++)
      for (let oy = 0; oy < g.outHeight; oy++)
        for (let ox = 0; ox < g.outWidth; ox++) {
          const d = dz.data[((s * k + ki) * g.outHeight + oy) * g.outWidth + ox];
          for (let ci = 0; ci < c; ci++)
            for (let l = 0; l < kh; l++)
              for (let m = 0; m < kw; m++) {
                const iy = oy * sy - py + l * dy;
                const ix = ox * sx - px + m * dx;
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                out.data[((s * c + ci) * h + iy) * wd + ix] += w.data[((ki * c + ci) * kh + l) * kw + m] * d;
              }
        }
  return out;
}

/** Max pooling: each δ_out cell goes to its window's argmax (a flat index into x), every other cell gets 0. */
export function maxPoolRule(xShape: readonly number[], argmax: Int32Array, dy: Tensor): Tensor {
  const out = zeros(xShape);
  for (let o = 0; o < dy.size; o++) out.data[argmax[o]] += dy.data[o];
  return out;
}

/** Average pooling: each δ_out cell is shared equally, δ/(size_h·size_w) (¼ for 2x2), by the cells of its window. */
export function avgPoolRule(xShape: readonly number[], dy: Tensor, opts: Pool2dOptions): Tensor {
  const g = pool2dGeometry('traceBackprop', xShape, opts);
  const out = zeros(xShape);
  const share = 1 / (g.size[0] * g.size[1]);
  for (let p = 0; p < g.planes; p++)
    for (let oy = 0; oy < g.outHeight; oy++)
      for (let ox = 0; ox < g.outWidth; ox++) {
        const d = dy.data[(p * g.outHeight + oy) * g.outWidth + ox] * share;
        for (let l = 0; l < g.size[0]; l++)
          for (let m = 0; m < g.size[1]; m++) {
            const iy = oy * g.stride[0] - g.padding[0] + l;
            const ix = ox * g.stride[1] - g.padding[1] + m;
            if (iy >= 0 && iy < g.inHeight && ix >= 0 && ix < g.inWidth) out.data[(p * g.inHeight + iy) * g.inWidth + ix] += d;
          }
      }
  return out;
}

/** A 0/1 mask of x's shape: 1 at each pooling window's argmax. */
export function argmaxMask(xShape: readonly number[], argmax: Int32Array): Tensor {
  const out = zeros(xShape);
  for (const i of argmax) out.data[i] = 1;
  return out;
}
