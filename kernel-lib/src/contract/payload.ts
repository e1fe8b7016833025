import type { InspectPayload, ReplayPayload } from './inspectPayload';
import type { DrawingModel } from './drawing';
import type { FieldsPayload } from './fieldsPayload';
import type { ExplorePayload } from './explorePayload';
import { ELEMENTWISE_ACTIVATIONS, type ElementwiseActivation } from '../portable/activation';

/**
 * The payloads of `application/vnd.convlab.v1+json`: one `kind` per view. Every matrix is row-major
 * (`data[r·cols + c]`), every number finite. Payloads carry the tensors only; what follows from them
 * (the terms of a convolution sum, pooling windows, differences, maximum errors) is derived on both
 * sides by the same functions (`./geometry`), so the picture and its fallbacks always agree.
 */

/** A row-major matrix: `data` holds shape[0]·shape[1] values. */
export interface Plane {
  shape: [number, number];
  data: number[];
}

/** 'sequential' (viridis, for one-signed data) or 'diverging' (RdBu centred at zero, symmetric range). */
export type ColourScale = 'sequential' | 'diverging';

/**
 * Whether each cell's value is written inside it: 'auto' does so up to 16x16; 'show' at any size
 * (up to 64x64) as long as the cells are large enough to read; 'hide' never. Where values are
 * written in the view, the HTML fallback lists them in a table under its picture.
 */
export type ValueLabels = 'auto' | 'show' | 'hide';

/**
 * How rows and columns are numbered in axis labels, hover text and written-out sums: from 1 (the
 * default, as the notes write w11 and a11) or from 0 (as code indexes arrays).
 */
export type IndexBase = 0 | 1;

/**
 * The activation σ of the forward convolution view: a = σ(b + Σ w·x). 'linear' is σ(z) = z, as
 * the layers name it; 'identity' is its earlier name, still read from payloads saved before.
 */
export type Activation = ElementwiseActivation | 'identity';

/** The activation names a payload may carry (the last one only as the earlier name of 'linear'). */
export const ACTIVATION_NAMES: readonly Activation[] = [...ELEMENTWISE_ACTIVATIONS, 'identity'];

/** Fields every payload has. `notice` is shown visibly above the view (e.g. "downsampled …"). */
export interface PayloadBase {
  version: 1;
  title: string;
  notice?: string;
  /** Numbering of rows and columns in labels and sums; default 1. */
  indexBase?: IndexBase;
}

/**
 * The position a linked view highlights first (and its fallbacks show), 0-based [row, col]: an
 * output cell (conv), a δˡ cell (conv-backward) or a window (pool, pool-backward). Default [0, 0].
 */
export type Position = [number, number];

/** A heatmap. `scale` defaults to diverging when the data has both signs. */
export interface MatrixPayload extends PayloadBase, Plane {
  kind: 'matrix';
  scale?: ColourScale;
  values?: ValueLabels;
}

/** A kernel w (kh x kw) with its bias beside it, indexed from 1 as in the notes: w11 … w_kh,kw. */
export interface KernelPayload extends PayloadBase, Plane {
  kind: 'kernel';
  /** The weight's name in labels and hover text, e.g. 'w'. */
  symbol: string;
  bias?: number;
  values?: ValueLabels;
}

/** Signed data such as δ: always the diverging scale, centred at zero, symmetric range. */
export interface SignedPayload extends PayloadBase, Plane {
  kind: 'signed';
  /** The quantity's name in hover text, e.g. 'δ'. */
  symbol: string;
  values?: ValueLabels;
}

/** Feature maps [n, c, h, w] as small multiples: one row per batch item, one panel per channel. */
export interface GridPayload extends PayloadBase {
  kind: 'grid';
  shape: [number, number, number, number];
  data: number[];
  /** One colour range and colour bar for all maps, or each map scaled to its own range. */
  scale: 'shared' | 'per-map';
  colours?: ColourScale;
  /** Panels per row when n = 1 (default: as many as fit the width the view has). */
  columns?: number;
  /** One name per channel (c of them), written over its panels instead of c0, c1, …; plain text. */
  labels?: string[];
}

/**
 * The notes' forward step: a[r][c] = σ(b + Σ_l Σ_m w[l][m]·x[r+l][c+m]) ('valid', stride 1); with
 * `stride` s, `dilation` d and zero `padding`, x[r·s₀ − top + l·d₀][c·s₁ − left + m·d₁] (zero in the padding).
 */
export interface ConvPayload extends PayloadBase {
  kind: 'conv';
  input: Plane;
  kernel: Plane;
  bias: number;
  activation: Activation;
  /** σ(z), shape ⌊(h + top + bottom − d₀(kh − 1) − 1)/s₀⌋ + 1 by the same for the columns ((h − kh + 1) x (w − kw + 1) by default). */
  output: Plane;
  /** Step between windows, [rows, cols]; default [1, 1]. */
  stride?: [number, number];
  /** Gap between kernel taps, [rows, cols]; default [1, 1]. */
  dilation?: [number, number];
  /** Zeros added around x, [[top, bottom], [left, right]]; default none. */
  padding?: [[number, number], [number, number]];
  /** Name the cells a11…, w11… in the view and write the hovered sum with those names beside the numbers (one channel only). */
  symbols?: boolean;
  /** The output cell highlighted first. */
  focus?: Position;
  /**
   * Input channels C (2 to 16; default 1): input.data then holds C planes of input.shape and
   * kernel.data C planes of kernel.shape, channel-major, and z = b + Σ_k Σ_l Σ_m w_k[l][m]·x_k[…].
   */
  channels?: number;
}

/**
 * The notes' backward step through a convolution: δ_prev = δ ⋆full rot180(w), i.e.
 * δ_prev[i][j] = Σ_a Σ_b rot180(w)[a][b]·δ[i − kh + 1 + a][j − kw + 1 + b] (δ zero outside), before ⊙ σ'.
 */
export interface ConvBackwardPayload extends PayloadBase {
  kind: 'conv-backward';
  /** δ of the later layer, oh x ow. */
  delta: Plane;
  /** The forward kernel w (not rotated), kh x kw. */
  kernel: Plane;
  /** δ of the earlier layer, (oh + kh − 1) x (ow + kw − 1); with a spacing, the forward input's h x w. */
  output: Plane;
  /** The δˡ cell highlighted first. */
  focus?: Position;
  /** The forward convolution's stride, dilation and padding (as ConvPayload's): δ is then spread with zeros between its cells. */
  stride?: [number, number];
  dilation?: [number, number];
  padding?: [[number, number], [number, number]];
  /**
   * Channels K of δˡ⁺¹ (2 to 16; default 1), the forward layer's output channels: delta.data then
   * holds K planes of delta.shape and kernel.data the K kernel planes that read this input channel,
   * channel-major, and δˡ = Σ_k δ_k ⋆full rot180(w_k) (spread as the spacing says).
   */
  channels?: number;
}

/**
 * The transposed convolution, as stamps: each input cell x(i, j) adds x(i, j)·w into the output at
 * rows i·s₀ − p₀ + l·d₀ and columns j·s₁ − p₁ + m·d₁ (kernel tap (l, m); a stamp's part outside the
 * output is cropped away by the padding p). Output (h − 1)·s − 2p + d(k − 1) + outputPadding + 1 per
 * axis (PyTorch's conv_transpose2d).
 */
export interface ConvTransposePayload extends PayloadBase {
  kind: 'conv-transpose';
  input: Plane;
  kernel: Plane;
  /** y = Σ of the stamps. */
  output: Plane;
  /** [rows, cols] each; defaults stride [1, 1], padding [0, 0] (cropped from each side), dilation [1, 1], outputPadding [0, 0]. */
  stride?: [number, number];
  padding?: [number, number];
  dilation?: [number, number];
  outputPadding?: [number, number];
  /** The input cell highlighted first. */
  focus?: Position;
}

/** Pooling over windows that tile the map (stride = size): output floor(h/sh) x floor(w/sw). */
export interface PoolPayload extends PayloadBase {
  kind: 'pool';
  mode: 'max' | 'avg';
  size: [number, number];
  input: Plane;
  output: Plane;
  /** max only: per output cell, the flat index into input.data of its window's maximum. */
  argmax?: number[];
  /** The window highlighted first. */
  focus?: Position;
  values?: ValueLabels;
  /** Step between windows, [rows, cols]; default `size` (the tiling). */
  stride?: [number, number];
  /** Gap between window taps (max only); default [1, 1]. */
  dilation?: [number, number];
  /** Cells added around x, [[top, bottom], [left, right]] (−∞ for max, counted zeros for avg); default none. */
  padding?: [[number, number], [number, number]];
  /** Round the output size up: a last, partial window; default false. */
  ceilMode?: boolean;
}

/**
 * δ through pooling: all of δ to the argmax (max) or δ/n to each of the n counted cells of the
 * window (avg). With a spacing (PoolPayload's stride, dilation, padding, ceil mode) windows may
 * overlap or skip cells: δˡ(i, j) then gathers from every window that reads x(i, j).
 */
export interface PoolBackwardPayload extends PayloadBase {
  kind: 'pool-backward';
  mode: 'max' | 'avg';
  size: [number, number];
  /** The forward input x, for the argmax marks. */
  input: Plane;
  /** δ of the pooled layer, shape of the pooled output. */
  delta: Plane;
  /** δ routed back, shape of the input. */
  output: Plane;
  argmax?: number[];
  /** The window highlighted first; with a spacing, the δˡ cell (a position of the input's shape). */
  focus?: Position;
  values?: ValueLabels;
  stride?: [number, number];
  dilation?: [number, number];
  padding?: [[number, number], [number, number]];
  ceilMode?: boolean;
}

/**
 * Two or three matrices that should be equal, each named; the view adds their differences to the
 * first, drawn on the scale of the compared values (see `compareDifferences`).
 */
export interface ComparePayload extends PayloadBase {
  kind: 'compare';
  shape: [number, number];
  items: Array<{ label: string; data: number[] }>;
  /**
   * A difference counts as zero ("≈ 0") when max |difference| ≤ tolerance · max |value| of the
   * compared items. Default COMPARE_TOLERANCE (1e-6).
   */
  tolerance?: number;
}

/** Whether a curve is measured on the training data or on held-out (validation, test) data. */
export type SeriesRole = 'training' | 'validation';

/** One curve of a live view, drawn against 1, 2, … in the 'loss' or 'accuracy' panel. */
export interface LiveSeries {
  name: string;
  panel: 'loss' | 'accuracy';
  values: number[];
  /** Solid for training, dashed with dots for validation; default from the name ("validation …"). */
  role?: SeriesRole;
}

/** Training progress, replaced in place by update_display_data: a progress bar, curves, kernels. */
export interface LivePayload extends PayloadBase {
  kind: 'live';
  step: number;
  total: number;
  /** Name of the curves' x axis, e.g. 'epoch'. */
  xLabel: string;
  /** One line on where the run is, shown beside the progress, e.g. 'epoch 3/10 · batch 400/800 · loss 0.083'. */
  status?: string;
  series: LiveSeries[];
  /** A fixed [min, max] for the accuracy axis; without it the axis is fitted to the data (`liveRange`). */
  accuracyRange?: [number, number];
  /** The current kernels [k, kh, kw], drawn as small multiples on one diverging scale. */
  kernels?: { shape: [number, number, number]; data: number[] };
}

/** Draw a digit: a trained model (`DrawingModel`) that answers what is drawn in the page. */
export interface DrawingPayload extends PayloadBase, DrawingModel {
  kind: 'drawing';
}

/** Every view the extension can draw, told apart by `kind`. */
export type Payload =
  | MatrixPayload
  | KernelPayload
  | SignedPayload
  | GridPayload
  | ConvPayload
  | ConvBackwardPayload
  | ConvTransposePayload
  | PoolPayload
  | PoolBackwardPayload
  | ComparePayload
  | LivePayload
  | InspectPayload
  | ReplayPayload
  | DrawingPayload
  | FieldsPayload
  | ExplorePayload;

/** The `kind` names, in the order the views are documented. */
export const KINDS: ReadonlyArray<Payload['kind']> = [
  'matrix',
  'kernel',
  'signed',
  'grid',
  'conv',
  'conv-backward',
  'conv-transpose',
  'pool',
  'pool-backward',
  'compare',
  'live',
  'inspect',
  'replay',
  'drawing',
  'fields',
  'explore',
];
