import { Tensor } from '../tensor';
import { checkGradShape, checkTensor } from './args';
import { AVG_POOL2D_OPTIONS, type AvgPool2dOptions, pool2dGeometry, pooledShape } from './pool2dGeometry';
import { avgPool2dBackwardFast, avgPool2dForwardFast } from '../fast/pool2d';

/**
 * Average pooling of the last two axes:
 * y[..., oy, ox] = (1 / D) · Σ_{l,m} x[..., oy·s − top + l, ox·s − left + m], padding cells as zeros.
 *
 * Shapes: x [..., H, W] (e.g. NCHW) → y [..., OH, OW], OH = floor((H + top + bottom − size)/s) + 1.
 * Options (number or [h, w]): size = 2, stride = size, padding = 0 (p, [ph, pw] or
 * [[top, bottom], [left, right]], each side at most size/2), ceilMode = false (as maxPool2d).
 * The divisor D, PyTorch's rule: `divisorOverride` if given; else with countIncludePad = true
 * (default) the window's cells inside the input or its padding — size² except for a ceil-mode
 * window reaching past the far padding, whose part beyond is not counted; with countIncludePad =
 * false, the window's cells inside the input.
 *
 * @example
 * avgPool2d(tensor([[1, 2], [3, 6]])).toArray(); // [[3]]
 * avgPool2d(tensor([[4, 8]]), { size: [1, 2], padding: [[0, 0], [1, 0]], countIncludePad: false }).toArray(); // [[4, 8]]
 */
export function avgPool2d(x: Tensor, opts: AvgPool2dOptions = {}): Tensor {
  checkTensor('avgPool2d', 'x', x);
  const g = pool2dGeometry('avgPool2d', x.shape, opts, AVG_POOL2D_OPTIONS);
  const y = new Float64Array(g.planes * g.outHeight * g.outWidth);
  avgPool2dForwardFast(g, x.data, y); // the reference where fast kernels are off
  return new Tensor(pooledShape(x.shape, g), y);
}

/**
 * Gradient of avgPool2d (same options): each dy is split into D equal parts, one per cell of its
 * window (the notes' quarters for 2x2): dx[i] += dy[o] / D for every input cell i of window o.
 * x [..., H, W], dy [..., OH, OW] → dx [..., H, W]; x gives only the shape.
 *
 * @example
 * avgPool2dBackward(zeros([2, 2]), tensor([[4]])).toArray(); // [[1, 1], [1, 1]]
 */
export function avgPool2dBackward(x: Tensor, dy: Tensor, opts: AvgPool2dOptions = {}): Tensor {
  checkTensor('avgPool2dBackward', 'x', x);
  checkTensor('avgPool2dBackward', 'dy', dy);
  const g = pool2dGeometry('avgPool2dBackward', x.shape, opts, AVG_POOL2D_OPTIONS);
  checkGradShape('avgPool2dBackward', dy, pooledShape(x.shape, g));
  const dx = new Float64Array(x.size);
  avgPool2dBackwardFast(g, dy.data, dx); // the reference where fast kernels are off
  return new Tensor(x.shape, dx);
}
