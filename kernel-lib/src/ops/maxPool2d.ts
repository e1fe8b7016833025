import { Tensor } from '../tensor';
import { checkGradShape, checkTensor } from './args';
import { MAX_POOL2D_OPTIONS, type Pool2dOptions, pool2dGeometry, pooledShape } from './pool2dGeometry';
import { maxPool2dForwardFast } from '../fast/pool2d';
import { maxPool2dBackwardReference } from './reference/pool2d';

/**
 * Max pooling of the last two axes: y[..., oy, ox] = max_{l,m} x[..., oy·s − top + l·d, ox·s − left + m·d].
 *
 * Shapes: x [..., H, W] (e.g. NCHW) → y [..., OH, OW], OH = floor((H + top + bottom − d(size − 1) − 1)/s) + 1.
 * Options (number or [h, w]): size = 2, stride = size (windows tile the map), dilation = 1,
 * padding = 0 (p, [ph, pw] or [[top, bottom], [left, right]], each side at most size/2; padding
 * cells count as −∞), ceilMode = false (PyTorch's ceil_mode: round OH up, keeping a last partial
 * window only if it starts inside the input or its top/left padding). Unknown options are errors.
 * `argmax` is an Int32Array with one entry per element of y: the flat index into x.data of the
 * maximum. On ties the first maximum in row-major window order wins. NaN is the maximum (PyTorch's
 * rule): y is NaN and argmax points at the NaN; with several NaNs in a window, at the last one.
 *
 * @example
 * const { y, argmax } = maxPool2d(tensor([[[[1, 3], [3, 2]]]]));
 * y.toArray(); // [[[[3]]]]; argmax[0] === 1, the first 3
 * maxPool2d(zeros([1, 1, 5, 5]), { ceilMode: true }).y.shape; // [1, 1, 3, 3]
 */
export function maxPool2d(x: Tensor, opts: Pool2dOptions = {}): { y: Tensor; argmax: Int32Array } {
  checkTensor('maxPool2d', 'x', x);
  const g = pool2dGeometry('maxPool2d', x.shape, opts, MAX_POOL2D_OPTIONS);
  const shape = pooledShape(x.shape, g);
  const y = new Float64Array(g.planes * g.outHeight * g.outWidth);
  const argmax = new Int32Array(y.length);
  maxPool2dForwardFast(g, x.data, y, argmax); // the reference where fast kernels are off
  return { y: new Tensor(shape, y), argmax };
}

/**
 * Gradient of maxPool2d (same options): the whole of each dy goes to the input cell that won its
 * window, every other cell gets exactly 0 — BP2 where the winning connection has weight 1.
 * dx[argmax[o]] += dy[o]; x [..., H, W], dy [..., OH, OW] → dx [..., H, W].
 *
 * @example
 * maxPool2dBackward(tensor([[1, 3], [3, 2]]), tensor([[5]])).toArray(); // [[0, 5], [0, 0]]
 */
export function maxPool2dBackward(x: Tensor, dy: Tensor, opts: Pool2dOptions = {}): Tensor {
  checkTensor('maxPool2dBackward', 'x', x);
  checkTensor('maxPool2dBackward', 'dy', dy);
  const g = pool2dGeometry('maxPool2dBackward', x.shape, opts, MAX_POOL2D_OPTIONS);
  checkGradShape('maxPool2dBackward', dy, pooledShape(x.shape, g));
  const argmax = new Int32Array(dy.size);
  maxPool2dForwardFast(g, x.data, new Float64Array(dy.size), argmax);
  const dx = new Float64Array(x.size);
  maxPool2dBackwardReference(argmax, dy.data, dx);
  return new Tensor(x.shape, dx);
}
