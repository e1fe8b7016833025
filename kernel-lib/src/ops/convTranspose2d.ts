import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { checkGradShape, checkTensor } from './args';
import { type ConvTranspose2dOptions, convTranspose2dGeometry } from './convTranspose2dGeometry';
import { convTranspose2dBackwardFast, convTranspose2dForwardFast } from '../fast/convTranspose2d';

/**
 * Transposed convolution as in PyTorch's conv_transpose2d: each input cell scatters a copy of the
 * kernel, scaled by its value, into the output, stride cells apart:
 * y[n][g·K/groups + k][i·s − p + l·d][j·s − p + m·d] += x[n][c][i][j] · w[c][k][l][m], then + b.
 *
 * It is exactly conv2d's input gradient: with the same w, stride, padding, dilation and groups,
 * conv2dBackward(x', w, dy).dx = convTranspose2d(dy, w) (x' of the output's shape) — the notes'
 * full-mode correlation with the rotated kernel, generalised to strides by inserting s − 1 zeros
 * between δ's cells. `outputPadding` chooses among the output sizes that stride s maps onto x.
 *
 * Shapes: x [N, C, H, W], w [C, K/groups, KH, KW] (PyTorch's layout), b [K] → y [N, K, OH, OW],
 * OH = (H − 1)·s − 2p + d·(KH − 1) + outputPadding + 1, likewise OW.
 * Options (number or [h, w]): stride 1, padding 0, outputPadding 0 (< stride or < dilation),
 * dilation 1; groups 1.
 *
 * @example
 * convTranspose2d(randn([64, 20, 12, 12], 1), randn([20, 24, 4, 4], 2), undefined, { stride: 2, padding: 1 }).shape; // [64, 24, 24, 24]
 */
export function convTranspose2d(x: Tensor, w: Tensor, b?: Tensor, opts: ConvTranspose2dOptions = {}): Tensor {
  const op = 'convTranspose2d';
  checkTensor(op, 'x', x);
  checkTensor(op, 'w', w);
  const g = convTranspose2dGeometry(op, x.shape, w.shape, opts);
  if (b !== undefined) {
    checkTensor(op, 'b', b);
    assert(
      b.rank === 1 && b.shape[0] === g.outChannels,
      () => `${op}: bias must have shape [${g.outChannels}] (one per output channel, K = groups·w.shape[1]), got ${fmtShape(b.shape)}`,
    );
  }
  const y = new Float64Array(g.batch * g.outChannels * g.outHeight * g.outWidth);
  convTranspose2dForwardFast(g, x.data, w.data, b?.data, y); // the reference where fast kernels are off
  return new Tensor([g.batch, g.outChannels, g.outHeight, g.outWidth], y);
}

/**
 * Gradients of convTranspose2d (same options as the forward call), given dy = ∂L/∂y:
 * dx = conv2d(dy, w) with the same stride, padding, dilation and groups (the transpose of the
 * transpose), dw[c][k][l][m] = Σ x[n][c][i][j] · dy[n][k'][i·s − p + l·d][j·s − p + m·d],
 * db[k] = Σ_{n,r,q} dy[n][k][r][q].
 *
 * @example
 * const { dx, dw, db } = convTranspose2dBackward(x, w, dy, { stride: 2 });
 */
export function convTranspose2dBackward(
  x: Tensor,
  w: Tensor,
  dy: Tensor,
  opts: ConvTranspose2dOptions = {},
): { dx: Tensor; dw: Tensor; db: Tensor } {
  const op = 'convTranspose2dBackward';
  checkTensor(op, 'x', x);
  checkTensor(op, 'w', w);
  checkTensor(op, 'dy', dy);
  const g = convTranspose2dGeometry(op, x.shape, w.shape, opts);
  checkGradShape(op, dy, [g.batch, g.outChannels, g.outHeight, g.outWidth]);
  const dx = new Float64Array(x.size);
  const dw = new Float64Array(w.size);
  const db = new Float64Array(g.outChannels);
  convTranspose2dBackwardFast(g, x.data, w.data, dy.data, dx, dw, db); // the reference where fast kernels are off
  return { dx: new Tensor(x.shape, dx), dw: new Tensor(w.shape, dw), db: new Tensor([g.outChannels], db) };
}
