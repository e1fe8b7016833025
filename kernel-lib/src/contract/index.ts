/**
 * The one contract between the convlab library (which emits payloads) and the JupyterLab
 * extension (which draws them). Dependency-free: both sides import this module.
 */
export { MIME_TYPE, PAYLOAD_VERSION } from './mime';
export type { Payload, MatrixPayload } from './payload';
export { validatePayload } from './validate';
export type { Validation } from './validate';
export { valueRange } from './range';
