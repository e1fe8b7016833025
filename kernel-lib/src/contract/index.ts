/**
 * The one contract between the convlab library (which emits payloads) and the JupyterLab
 * extension (which draws them). Dependency-free: both sides import this module.
 */
export { MIME_TYPE, PAYLOAD_VERSION } from './mime';
export { KINDS } from './payload';
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
  PoolPayload,
  PoolBackwardPayload,
  ComparePayload,
  LivePayload,
  LiveSeries,
  SeriesRole,
} from './payload';
export { validatePayload, MAX_SIDE } from './validate';
export type { Validation } from './validate';
export { LIMITS } from './checks';
export { valueRange } from './range';
export {
  activate,
  validShape,
  fullShape,
  pooledShape,
  convTerms,
  convBackwardTerms,
  rotated,
  poolWindow,
  differences,
  formatValue,
} from './geometry';
export type { Term } from './geometry';
export { convFormula, convBackwardFormula, poolFormula, poolBackwardFormula } from './formulas';
export { describePayload } from './describe';
export { COMPARE_TOLERANCE, compareDifferences, differenceCaption, differenceTitle } from './compare';
export type { CompareDifferences, DifferencePlane } from './compare';
export { LIVE_PANELS, liveRange, panelSummary, progressText, seriesRole } from './live';
export type { LivePanel } from './live';
export { MAX_SIDE_WITH_VALUES, MAX_CELLS_WITH_VALUES, indexBaseOf, cellName, focusOf, writesValues, panelName } from './labels';
