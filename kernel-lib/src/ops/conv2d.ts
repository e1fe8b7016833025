// Hook for fast kernels: conv2d and conv2dBackward resolve a Conv2dGeometry, then call one pure
// function over flat Float64Arrays: conv2dForwardFast / conv2dBackwardFast (fast/conv2d.ts), which run
// WebAssembly SIMD on both cores and fall back to conv2dForwardReference / conv2dBackwardReference
// (ops/reference) where that is off or unavailable; both have the signatures below, tested equal.
import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { checkGradShape, checkTensor } from './args';
import { type Conv2dGeometry, type Conv2dOptions, conv2dGeometry } from './conv2dGeometry';
import { conv2dBackwardFast, conv2dForwardFast } from '../fast/conv2d';

/** Signature of a forward kernel: fills y [N,K,OH,OW] from x [N,C,H,W], w [K,C/groups,KH,KW], b [K]. */
export type Conv2dForwardKernel = (
  g: Conv2dGeometry,
  x: Float64Array,
  w: Float64Array,
  b: Float64Array | undefined,
  y: Float64Array,
) => void;

/** Signature of a backward kernel: overwrites dx, dw, db from x, w and dy. */
export type Conv2dBackwardKernel = (
  g: Conv2dGeometry,
  x: Float64Array,
  w: Float64Array,
  dy: Float64Array,
  dx: Float64Array,
  dw: Float64Array,
  db: Float64Array,
) => void;

/**
 * Batched multi-channel convolution as in PyTorch (a cross-correlation, as in the notes):
 * y[n][k][oy][ox] = b[k] + Σ_{c < C/groups} Σ_l Σ_m w[k][c][l][m] · x[n][g·C/groups + c][oy·s − top + l·d][ox·s − left + m·d],
 * g = floor(k/(K/groups)), the group of output channel k.
 *
 * Shapes: x [N, C, H, W], w [K, C/groups, KH, KW] (PyTorch's layout), b [K] (optional) → y [N, K, OH, OW],
 * OH = floor((H + top + bottom − d(KH − 1) − 1)/s) + 1, likewise OW.
 * Options: stride = 1, dilation = 1 (number or [h, w]); groups = 1 (groups = C: depthwise, one
 * kernel per channel); padding = 0: p on every side, [ph, pw] per axis, [[top, bottom], [left, right]],
 * or 'valid' (none), 'full' (d(k − 1) on every side) or 'same' — TensorFlow's rule: ceil(H/s) rows,
 * total padding max((ceil(H/s) − 1)·s + d(KH − 1) + 1 − H, 0), the odd extra row at the bottom and
 * column at the right; with stride 1 this is PyTorch's padding='same' (OH = H).
 * An unknown option (e.g. `{ stide: 2 }`) is an error.
 *
 * @example
 * const y = conv2d(randn([1, 1, 28, 28], 1), randn([20, 1, 5, 5], 2), zeros([20]));
 * y.shape; // [1, 20, 24, 24]
 * conv2d(randn([1, 8, 4, 4], 1), randn([8, 1, 3, 3], 2), undefined, { groups: 8, stride: 2, padding: 'same' }).shape; // [1, 8, 2, 2]
 */
export function conv2d(x: Tensor, w: Tensor, b?: Tensor, opts: Conv2dOptions = {}): Tensor {
  const op = 'conv2d';
  checkTensor(op, 'x', x);
  checkTensor(op, 'w', w);
  const g = conv2dGeometry(op, x.shape, w.shape, opts);
  if (b !== undefined) {
    checkTensor(op, 'b', b);
    assert(
      b.rank === 1 && b.shape[0] === g.outChannels,
      () => `${op}: bias must have shape [${g.outChannels}] (one per output channel of w ${fmtShape(w.shape)}), got ${fmtShape(b.shape)}`,
    );
  }
  const y = new Float64Array(g.batch * g.outChannels * g.outHeight * g.outWidth);
  conv2dForwardFast(g, x.data, w.data, b?.data, y); // the reference where fast kernels are off
  return new Tensor([g.batch, g.outChannels, g.outHeight, g.outWidth], y);
}

/**
 * Gradients of conv2d, given dy = ∂L/∂y for some scalar L (same options as the forward call):
 * dx = ∂L/∂x [N,C,H,W], dw = ∂L/∂w [K,C/groups,KH,KW], db = ∂L/∂b [K] = Σ_{n,oy,ox} dy[n][k][oy][ox].
 * dx[n][c] = Σ_k correlate2d(dy[n][k], rot180(w[k][c]), 'full') with stride 1 and no padding —
 * the notes' rule, BP2 through a convolution; in general dx = convTranspose2d(dy, w) with the same
 * stride, padding, dilation and groups (and the outputPadding that restores x's size).
 *
 * @example
 * const { dx, dw, db } = conv2dBackward(x, w, dy, { padding: 'same' });
 */
export function conv2dBackward(x: Tensor, w: Tensor, dy: Tensor, opts: Conv2dOptions = {}): { dx: Tensor; dw: Tensor; db: Tensor } {
  const op = 'conv2dBackward';
  checkTensor(op, 'x', x);
  checkTensor(op, 'w', w);
  checkTensor(op, 'dy', dy);
  const g = conv2dGeometry(op, x.shape, w.shape, opts);
  checkGradShape(op, dy, [g.batch, g.outChannels, g.outHeight, g.outWidth]);
  const dx = new Float64Array(x.size);
  const dw = new Float64Array(w.size);
  const db = new Float64Array(g.outChannels);
  conv2dBackwardFast(g, x.data, w.data, dy.data, dx, dw, db); // the reference where fast kernels are off
  return { dx: new Tensor(x.shape, dx), dw: new Tensor(w.shape, dw), db: new Tensor([g.outChannels], db) };
}
