import { Tensor } from '../tensor';
import { checkGradShape, checkTensor } from './args';
import { type Pool2dOptions, pool2dGeometry, pooledShape } from './pool2dGeometry';
import { avgPool2dBackwardFast, avgPool2dForwardFast } from '../fast/pool2d';

/**
 * Average pooling of the last two axes:
 * y[..., oy, ox] = (1 / (sh·sw)) · Σ_{l,m} x[..., oy·s − p + l, ox·s − p + m].
 *
 * Shapes: x [..., H, W] (e.g. NCHW) → y [..., OH, OW], OH = floor((H + 2p − size)/s) + 1.
 * Options (number or [h, w]): size = 2, stride = size, padding = 0 (at most size/2). Padding cells
 * count as zeros and the divisor is always size², as PyTorch's count_include_pad=True.
 *
 * @example
 * avgPool2d(tensor([[1, 2], [3, 6]])).toArray(); // [[3]]
 */
export function avgPool2d(x: Tensor, opts: Pool2dOptions = {}): Tensor {
  checkTensor('avgPool2d', 'x', x);
  const g = pool2dGeometry('avgPool2d', x.shape, opts);
  const y = new Float64Array(g.planes * g.outHeight * g.outWidth);
  avgPool2dForwardFast(g, x.data, y); // the reference where fast kernels are off
  return new Tensor(pooledShape(x.shape, g), y);
}

/**
 * Gradient of avgPool2d (same options): each dy is split into size² equal parts, one per cell of
 * its window (the notes' quarters for 2x2): dx[i] += dy[o] / (sh·sw) for every cell i of window o.
 * x [..., H, W], dy [..., OH, OW] → dx [..., H, W]; x gives only the shape.
 *
 * @example
 * avgPool2dBackward(zeros([2, 2]), tensor([[4]])).toArray(); // [[1, 1], [1, 1]]
 */
export function avgPool2dBackward(x: Tensor, dy: Tensor, opts: Pool2dOptions = {}): Tensor {
  checkTensor('avgPool2dBackward', 'x', x);
  checkTensor('avgPool2dBackward', 'dy', dy);
  const g = pool2dGeometry('avgPool2dBackward', x.shape, opts);
  checkGradShape('avgPool2dBackward', dy, pooledShape(x.shape, g));
  const dx = new Float64Array(x.size);
  avgPool2dBackwardFast(g, dy.data, dx); // the reference where fast kernels are off
  return new Tensor(x.shape, dx);
}
