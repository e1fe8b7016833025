// The public API of convlab: an explicit list; nothing registers itself at import time.
// Each section belongs to one part of the library; add exports inside your own section only.

// --- tensors and randomness
export { Tensor, tensor, zeros } from './tensor';
export type { NestedArray } from './tensor';
export { Rng, randn, rand } from './random';

// --- display (notebook views)
export { show, inspectTensor } from './display/show';
export type { ShowOptions } from './display/show';
export { emit, kernelWriter } from './display/channel';
export type { EmitOptions } from './display/channel';
export { matrixBundle } from './display/bundle';
export type { MimeBundle } from './display/bundle';
export { MIME_TYPE, PAYLOAD_VERSION, validatePayload, valueRange } from './contract';
export type { Payload, MatrixPayload, Validation } from './contract';

// --- ops (2-D and batched convolution and pooling)
export { correlate2d } from './ops/correlate2d';
export type { Mode } from './ops/correlate2d';
export { convolve2d } from './ops/convolve2d';
export { rot180 } from './ops/rot180';
export { pad2d } from './ops/pad2d';
export type { Pad2d } from './ops/pad2d';
export { convOutputSize, resolvePadding } from './ops/convOutputSize';
export type { Padding } from './ops/convOutputSize';
export type { Pair } from './ops/args';
export { conv2d, conv2dBackward } from './ops/conv2d';
export type { Conv2dForwardKernel, Conv2dBackwardKernel } from './ops/conv2d';
export { conv2dGeometry } from './ops/conv2dGeometry';
export type { Conv2dGeometry, Conv2dOptions } from './ops/conv2dGeometry';
export { maxPool2d, maxPool2dBackward } from './ops/maxPool2d';
export { avgPool2d, avgPool2dBackward } from './ops/avgPool2d';
export { pool2dGeometry } from './ops/pool2dGeometry';
export type { Pool2dGeometry, Pool2dOptions } from './ops/pool2dGeometry';
export { conv2dForwardReference, conv2dBackwardReference } from './ops/reference/conv2d';
export {
  maxPool2dForwardReference,
  maxPool2dBackwardReference,
  avgPool2dForwardReference,
  avgPool2dBackwardReference,
} from './ops/reference/pool2d';
export { correlate2dReference } from './ops/reference/correlate2d';
export type { Correlate2dGeometry } from './ops/reference/correlate2d';

// --- nn (activations, losses, layers, models, training)

// --- proof utilities

// --- fast kernels
