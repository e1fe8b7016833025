/**
 * The wire contract between the convlab library (which emits payloads) and the JupyterLab
 * extension (which draws them): the MIME type, the payload types, the shape rules and the
 * validator. Dependency-free: both sides import this module. What the payloads mean and how they
 * are drawn (formulas, labels, comparison rules, the view model) is the module `convlab/view`.
 */
export { MIME_TYPE, PAYLOAD_VERSION } from './mime';
export { KINDS, ACTIVATION_NAMES } from './payload';
export type {
  Payload,
  PayloadBase,
  Plane,
  ColourScale,
  ValueLabels,
  IndexBase,
  Position,
  Activation,
  MatrixPayload,
  KernelPayload,
  SignedPayload,
  GridPayload,
  ConvPayload,
  ConvBackwardPayload,
  ConvTransposePayload,
  PoolPayload,
  PoolBackwardPayload,
  ComparePayload,
  LivePayload,
  LiveSeries,
  SeriesRole,
} from './payload';
export type {
  InspectPayload,
  InspectLayer,
  Maps,
  FieldStage,
  GradcheckRow,
  ReplayPayload,
  ReplayPanel,
  ReplayStep,
} from './inspectPayload';
export type { FieldsPayload, FieldsLayer, FieldStep } from './fieldsPayload';
export type { ExplorePayload, ExploreSettings, ExplorePadding, ExploreGeometry } from './explorePayload';
export { EXPLORE_LIMITS, EXPLORE_PADDING_RULES, EXPLORE_OPERATIONS, EXPLORE_DIRECTIONS, exploreGeometry } from './explorePayload';
export { exploreSettings } from './exploreValidate';
export { FIELDS_LIMITS } from './fieldsValidate';
export { INSPECT_LIMITS } from './inspectValidate';
export { validatePayload, MAX_SIDE } from './validate';
export { packPayload, unpackPayload, PACK_MIN_LENGTH } from './packing';
export type { Validation } from './validate';
export { LIMITS } from './checks';
export { validShape, fullShape, pooledShape, pooledLength, spacedLength, namedPadding } from './shapes';
export type { DrawingPayload } from './payload';
export type {
  DrawingModel,
  DrawingLayer,
  DrawingConvLayer,
  DrawingPoolLayer,
  DrawingFlattenLayer,
  DrawingDenseLayer,
  DrawingConvPool,
  DrawingActivation,
  LayerStep,
} from './drawing';
export { DRAWING_LIMITS, DRAWING_CLASSES, drawingSteps } from './drawing';
export { DIGIT_SIDE, DIGIT_PIXELS, DIGIT_PREFIX, encodeBase64, decodeBase64, encodeDigit, decodeDigit } from './drawingCodec';
