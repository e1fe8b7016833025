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
export { MIME_TYPE, PAYLOAD_VERSION, validatePayload } from './contract';
export type { Payload, MatrixPayload, Validation } from './contract';

// --- ops (2-D and batched convolution and pooling)

// --- nn (activations, losses, layers, models, training)

// --- proof utilities

// --- fast kernels
