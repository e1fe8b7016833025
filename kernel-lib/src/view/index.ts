/**
 * What the payloads of `convlab/contract` mean and how they are drawn, shared by the library (its
 * static fallbacks) and the extension (plotly): the formulas, labels and comparison rules, and the
 * view model `describeView`, which turns a payload into the one description every backend paints.
 */
export { describeView } from './describeView';
export type { ViewOptions } from './describeView';
export type {
  Scene,
  Panel,
  Label,
  Frame,
  Ring,
  Rule,
  ColourBar,
  Plot,
  Curve,
  Box,
  Focus,
  Linking,
  ScaleSpec,
  CellLabels,
  Stepping,
} from './scene';
export { inspectScene, columnName } from './inspectScene';
export { replayScene, deadChannels } from './replayScene';
export { fieldBelow, fieldAbove, followNeuron } from './inspectField';
export type { Region } from './inspectField';
export { mosaicOf, mosaicCell, mosaicAt } from './inspectMosaic';
export type { Mosaic } from './inspectMosaic';
export { DEFAULT_WIDTH, MAX_CELL, MIN_LINKED_CELL, ROW_HEIGHT } from './panels';
export { MIN_CELL_WITH_VALUES, cellLabels } from './values';
export { widthOf } from './build';
export type { Room } from './build';
export { colourAt, colourStops, scaleOf, ticksOf } from './colour';
export { gridTiling, tilingFor } from './grid';
export type { Tiling } from './grid';
export { valueRange } from './range';
export { ACTIVATIONS, activate, convTerms, convBackwardTerms, rotated, poolWindow, differences, formatValue } from './geometry';
export type { Term } from './geometry';
export { convFormula, convBackwardFormula, poolFormula, poolBackwardFormula } from './formulas';
export { describePayload } from './describe';
export { COMPARE_TOLERANCE, compareDifferences, differenceCaption, differenceTitle } from './compare';
export type { CompareDifferences, DifferencePlane } from './compare';
export { LIVE_PANELS, liveRange, panelSummary, progressText, seriesRole } from './live';
export type { LivePanel } from './live';
export { MAX_SIDE_WITH_VALUES, MAX_CELLS_WITH_VALUES, indexBaseOf, cellName, focusOf, writesValues, panelName } from './labels';
export { runDrawing, drawingStepsOf } from './drawingForward';
export type { LayerOutput } from './drawingForward';
export { drawingAnswer, drawingText, drawingWeights, givesProbabilities } from './drawing';
export type { DrawingAnswer } from './drawing';
export { drawingScene, drawingView, padTop, PAD } from './drawingScene';
export { digitPixels, DIGIT_BOX } from './drawingInput';
export { fieldsScene, fieldsFocus, fieldsColumnName, fieldText, sizeText, runsOf } from './fieldsScene';
export { receptiveField, projectiveField, neuronFields, receptiveSizes, stepReads, stepFeeds, channelsRead, channelsFed } from './fields';
export type { Field, LayerSteps, ReceptiveSize } from './fields';
export {
  UNIT_SPACING,
  spacingOf,
  isUnitSpacing,
  convOutputShape,
  convTaps,
  unreadCells,
  poolShares,
  countedTaps,
  type PoolShare,
  paddingOnlyCells,
  correlateSpaced,
  spreadDelta,
  gatherTaps,
  gatherSpaced,
} from './windows';
export type { Spacing, Tap, SpreadDelta, GatherTap } from './windows';
export { spacingCaption, spacedPoolFormula, spreadBackwardFormula, symbolicConvFormula } from './formulas';
export { poolSpacing } from './pool';
export {
  stampFormula,
  stampTaps,
  stampAll,
  transposeSpacingOf,
  transposeOutputShape,
  transposeCaption,
  type TransposeSpacing,
  type StampTap,
} from './convTranspose';
export {
  exploreView,
  exploreScene,
  exploreRelation,
  exploreCalls,
  exploreProblem,
  explorePlanes,
  settingCaption,
  callLines,
} from './explore';
export type { ExploreCalls, PeerCall } from './explore';
