// The public API of convlab: an explicit list; nothing registers itself at import time.
// Each section belongs to one part of the library; add exports inside your own section only.

// --- tensors and randomness
export { Tensor, tensor, zeros } from './tensor';
export type { NestedArray } from './tensor';
export { Rng, randn, rand } from './random';

// --- tensor arithmetic (elementwise ops, reductions, slicing and stacking)
export { add, sub, mul } from './tensorOps/elementwise';
export { map, scale } from './tensorOps/map';
export { sum } from './tensorOps/sum';
export { maxAbs, maxAbsDiff } from './tensorOps/maxAbs';
export { select } from './tensorOps/select';
export { stack } from './tensorOps/stack';

// --- data
export { mnist } from './data/mnist';
export type { Digits } from './data/mnist';

// --- display (notebook views)
export { show, inspectTensor } from './display/show';
export type { ShowOptions } from './display/show';
export {
  showKernel,
  showDelta,
  showFeatureMaps,
  showConv,
  showConvBackward,
  showConvTranspose,
  showPool,
  showPoolBackward,
} from './display/views';
export type {
  KernelViewOptions,
  DeltaViewOptions,
  FeatureMapsOptions,
  ConvViewOptions,
  ConvBackwardViewOptions,
  ConvTransposeOptions,
  PoolOptions,
} from './display/views';
export type { MatrixViewOptions, GridViewOptions } from './display/payloads';
export type { LinkedViewOptions, PoolViewOptions } from './display/linked';
export { explore } from './display/explore';
export type { ExploreOptions } from './display/explore';
// What the explorer's page computes for a setting (the same code runs in the browser), to check it in a notebook.
export { exploreView, exploreCalls, exploreRelation } from './view/explore';
export type { ExploreSettings, ExplorePayload } from './contract';
export { compare } from './display/compare';
export type { CompareOptions } from './display/compare';
export { showLatex } from './display/latex';
export type { LatexOptions, LatexSource } from './display/latex';
export { liveView } from './display/live';
export type { LiveView, LiveViewOptions, LiveState } from './display/live';
export { drawDigit, drawing, drawingEncoding } from './display/drawing';
export type { DrawDigitOptions } from './display/drawing';
export { emit, kernelWriter } from './display/channel';
export type { EmitOptions } from './display/channel';
export { payloadBundle, matrixBundle } from './display/bundle';
export type { MimeBundle } from './display/bundle';
export { MAP_CAP } from './display/tensors';
export { MIME_TYPE, PAYLOAD_VERSION, LIMITS, validatePayload, packPayload, unpackPayload } from './contract';
export { valueRange, describePayload, describeView } from './view';
export type { Scene, ViewOptions } from './view';
export { sceneSvg } from './static/svg';
export type {
  Payload,
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
  Validation,
} from './contract';

// --- ops (2-D and batched convolution and pooling)
export { correlate2d } from './ops/correlate2d';
export type { Mode, Boundary2dOptions } from './ops/correlate2d';
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
export type { Conv2dGeometry, Conv2dOptions, ConvPadding } from './ops/conv2dGeometry';
export type { Sides } from './ops/args';
export { convTranspose2d, convTranspose2dBackward } from './ops/convTranspose2d';
export { convTranspose2dGeometry } from './ops/convTranspose2dGeometry';
export type { ConvTranspose2dGeometry, ConvTranspose2dOptions } from './ops/convTranspose2dGeometry';
export { convTranspose2dForwardReference, convTranspose2dBackwardReference } from './ops/reference/convTranspose2d';
export { maxPool2d, maxPool2dBackward } from './ops/maxPool2d';
export { avgPool2d, avgPool2dBackward } from './ops/avgPool2d';
export { pool2dGeometry, poolOutputLength } from './ops/pool2dGeometry';
export type { Pool2dGeometry, Pool2dOptions, AvgPool2dOptions } from './ops/pool2dGeometry';
export { maxUnpool2d } from './ops/maxUnpool2d';
export { conv2dForwardReference, conv2dBackwardReference } from './ops/reference/conv2d';
export {
  maxPool2dForwardReference,
  maxPool2dBackwardReference,
  avgPool2dForwardReference,
  avgPool2dBackwardReference,
  avgPoolDivisor,
} from './ops/reference/pool2d';
export { correlate2dReference } from './ops/reference/correlate2d';
export type { Correlate2dGeometry } from './ops/reference/correlate2d';

// --- nn (activations, losses, layers, models, training)
export { sigmoid, sigmoidPrime, tanh, tanhPrime, relu, reluPrime } from './nn/activations';
export type { ActivationName } from './nn/activations';
export { softmax, softmaxJvp, softmaxJacobian } from './nn/softmax';
export { quadraticLoss, quadraticLossGrad, softmaxCrossEntropy, softmaxCrossEntropyGrad } from './nn/losses';
export type { LossName } from './nn/losses';
export { countParams } from './nn/layer';
export type { Layer, Param } from './nn/layer';
export { Conv2D } from './nn/Conv2D';
export type { Conv2DLayerOptions } from './nn/Conv2D';
export { ConvPool2D } from './nn/ConvPool2D';
export type { ConvPool2DLayerOptions } from './nn/ConvPool2D';
export { MaxPool2D, AvgPool2D } from './nn/Pool2D';
export { ConvTranspose2D } from './nn/ConvTranspose2D';
export type { ConvTranspose2DLayerOptions } from './nn/ConvTranspose2D';
export { Flatten } from './nn/Flatten';
export { Dense } from './nn/Dense';
export type { DenseLayerOptions } from './nn/Dense';
export { Sequential } from './nn/Sequential';
export { sgdStep } from './nn/sgd';
export type { SgdOptions } from './nn/sgd';
export { oneHot, takeRows, argmax, accuracy } from './nn/data';
export type { Dataset } from './nn/data';
export { evaluate } from './nn/evaluate';
export { fit } from './nn/fit';
export type { FitOptions, EpochReport, BatchReport } from './nn/fit';

// --- proof utilities
export { gradcheck } from './proof/gradcheck';
export type { GradcheckOptions, GradcheckResult, ScalarFunction } from './proof/gradcheck';
export { connectionMatrix } from './proof/connectionMatrix';
export { influence, InfluenceGrid } from './proof/influence';
export { Expr, Grid, symbolicMatrix, symbolicKernel } from './proof/symbolic';
export type { Sym, Cell } from './proof/symbolic';
export { symbolicCorrelate } from './proof/symbolicCorrelate';
export type { Kernel } from './proof/kernel';
export type { WindowOptions } from './proof/window';

// --- backprop through a network (per-layer gradient checks, the δ trace, training records)
export { gradcheckLayers } from './proof/gradcheckLayers';
export type { GradcheckLayersOptions, LayerGradcheck } from './proof/gradcheckLayers';
export type { TensorCheck } from './proof/finiteDifferences';
export { traceBackprop } from './proof/traceBackprop';
export type { BackpropRule, LayerTrace } from './proof/traceBackprop';
export { inspect, traceTable } from './proof/inspect';
export type { InspectOptions } from './proof/inspect';
export { TrainingRecorder } from './nn/record';
export type { RecorderOptions, TrainingRecording, Snapshot, RecordedTensor } from './nn/record';

// --- the inspector and the replay views (one view each, on the view model)
export { inspectPayload, fieldOf } from './display/inspectPayload';
export { followNeuron, fieldBelow, fieldAbove } from './view/inspectField';
export type { Region } from './view/inspectField';
export { deadChannels } from './view/replayScene';
export { showReplay, replayPayload } from './display/replay';
export type { ReplayViewOptions, ReplayPanelChoice } from './display/replay';

// --- receptive and projective fields across a network (exact cells, Distill's r and j; one view)
export { receptiveFields, layerSteps } from './proof/receptiveFields';
export type { NetworkFields, FieldsColumn } from './proof/receptiveFields';
export { receptiveField, projectiveField, neuronFields, receptiveSizes } from './view/fields';
export type { Field, LayerSteps, ReceptiveSize } from './view/fields';
export { showFields, fieldsPayload } from './display/fields';
export type { FieldsViewOptions } from './display/fields';

// --- fast kernels
export { configureKernels, kernelStatus } from './fast/backend';
export type { KernelOptions, KernelStatus } from './fast/backend';
export { conv2dForwardFast, conv2dBackwardFast } from './fast/conv2d';
export { convTranspose2dForwardFast, convTranspose2dBackwardFast } from './fast/convTranspose2d';
export { maxPool2dForwardFast, avgPool2dForwardFast, avgPool2dBackwardFast } from './fast/pool2d';
export { FastTrainer, fastTrainer } from './fast/trainer';
export type { TrainPrecision } from './fast/trainer';

// --- kernel (the Jupyter kernel: its interrupt; which kernel, tslab or Deno, and its display)
export { interruptible } from './kernel/interrupt';
export { currentKernel } from './kernel/host';
export type { KernelName, DisplayMessage, WriteDisplayData } from './kernel/host';
export { showMarkdown } from './display/channel';

// --- your own data (images, weight files, state dicts, ONNX export)
export { loadImage } from './io/loadImage';
export type { LoadImageOptions } from './io/loadImage';
export { resizeImage } from './io/resize';
export type { ByteSource } from './io/source';
export { readSafetensors, writeSafetensors, decodeSafetensors, encodeSafetensors } from './io/safetensors';
export type { Safetensors, ReadWeightsOptions, WriteSafetensorsOptions } from './io/safetensors';
export { readNpy, writeNpy, decodeNpy, encodeNpy } from './io/npy';
export type { WeightDtype } from './io/dtypes';
export { fromLayout, toLayout } from './io/layout';
export type { WeightLayout } from './io/layout';
export { stateDict, loadStateDict } from './nn/stateDict';
export type { LoadStateDictOptions } from './nn/stateDict';
export { exportOnnx, encodeOnnx } from './io/onnx/exportOnnx';
export type { ExportOnnxOptions } from './io/onnx/exportOnnx';
export { portableModel } from './io/portableModel';
export { encodeFloat32, decodeFloat32 } from './portable/encoding';
export { forwardPortable } from './portable/forward';
export type { PortableStep, PortableValue, PortableActivation } from './portable/forward';
export { decodePortableModel } from './portable/model';
export type { PortableModel, EncodedStep } from './portable/model';
