import type { PayloadBase } from './payload';

/** Maps [c, h, w] of one layer (one example), row-major: data[(ch·h + r)·w + col]. */
export interface Maps {
  shape: [number, number, number];
  data: number[];
}

/**
 * One step of how a layer's output cell sees its input: a window of `size` cells moved by `stride`,
 * starting `padding` cells before the input (top, left), taps `dilation` apart. `mixes`: every input
 * channel feeds every output channel (a convolution); else channel to channel (pooling).
 * Output cell (r, c) sees input rows r·s − p … r·s − p + d·(k − 1), likewise columns.
 */
export interface FieldStage {
  size: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  mixes: boolean;
}

/** One row of a gradient check: what was checked, its relative error, and (analytic − numeric)/max|numeric| at each checked cell. */
export interface GradcheckRow {
  label: string;
  /** max|analytic − numeric| / max|numeric|; null when it is not a number (no numeric gradient). */
  error: number | null;
  residual: number[];
}

/** One layer of an inspected network. */
export interface InspectLayer {
  name: string;
  /** The rule that produced the δ this layer passes down, e.g. 'full(δ, rot180 w)'. */
  rule: string;
  /** The rule that produced the δ at this layer's output, e.g. 'BP1' or 'max-pool routing (layer 3)'. */
  deltaRule: string;
  /** How an output cell connects to the layer's input: window steps in order, [] cell to cell, 'all' every input (dense, or unknown). */
  field: FieldStage[] | 'all';
  /** a_l, drawn in this shape (a reshape is drawn in its input's shape). */
  activation: Maps;
  /** δ at the layer's output, the shape of activation. */
  delta: Maps;
  /** ∂C/∂w as maps (conv [K·C, kh, kw], dense [1, out, in]) and ∂C/∂b. */
  weightGrad?: Maps;
  /** How weightGrad was reduced to fit the view, e.g. 'each cell the largest |·| of 8 columns'; plain text. */
  weightNote?: string;
  biasGrad?: number[];
  /** The layer's gradient checks (on its own, and in the whole network). */
  check?: { ok: boolean; rows: GradcheckRow[] };
}

/**
 * One example through a network (cl.inspect): the input, then per layer its activation, its δ,
 * ∂C/∂w, ∂C/∂b and gradient checks. Columns: 0 is the input, l + 1 is layer l.
 */
export interface InspectPayload extends PayloadBase {
  kind: 'inspect';
  input: Maps;
  layers: InspectLayer[];
  /** The step ε of the central differences and the tolerance of the checks. */
  eps?: number;
  tolerance?: number;
  /** The neuron followed first: [column, channel, row, col], 0-based. Default [0, 0, 0, 0]. */
  focus?: [number, number, number, number];
}

/** What one panel of a replay shows at every step: a layer's kernels, the probe's activation or its δ. */
export interface ReplayPanel {
  title: string;
  kind: 'kernels' | 'activation' | 'delta';
  shape: [number, number, number];
}

/** One recorded step of a replay. */
export interface ReplayStep {
  /** Batches trained before it (0: before training), and the epoch. */
  step: number;
  epoch: number;
  /** The training batch's loss and accuracy; null at step 0. */
  loss: number | null;
  accuracy: number | null;
  /** The probe example: its cost and predicted class. */
  probeLoss: number;
  predicted: number;
  /** One array per panel, of that panel's shape. */
  values: number[][];
}

/**
 * A recorded training run (TrainingRecorder) replayed in the page without a kernel: one step at a
 * time, on scales fixed over the whole run (so a shrinking δ fades and a dead channel stays dark).
 */
export interface ReplayPayload extends PayloadBase {
  kind: 'replay';
  panels: ReplayPanel[];
  steps: ReplayStep[];
  /** The probe's true class, if known. */
  label?: number;
  /** The step shown first (an index into steps; the static pictures show it). Default 0. */
  position?: number;
}
