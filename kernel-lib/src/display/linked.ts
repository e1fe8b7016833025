import {
  type Activation,
  type ConvBackwardPayload,
  type ConvPayload,
  type IndexBase,
  type Plane,
  type PoolBackwardPayload,
  type ConvTransposePayload,
  type PoolPayload,
  type Position,
  type ValueLabels,
  ACTIVATION_NAMES,
} from '../contract';
import { activate, indexBaseOf } from '../view';
import { assert, fmtShape } from '../assert';
import { avgPool2d, avgPool2dBackward } from '../ops/avgPool2d';
import { correlate2d } from '../ops/correlate2d';
import { conv2d, conv2dBackward } from '../ops/conv2d';
import { MAX_POOL2D_OPTIONS, type Pool2dOptions, pool2dGeometry } from '../ops/pool2dGeometry';
import { type Conv2dGeometry, type Conv2dOptions, conv2dGeometry } from '../ops/conv2dGeometry';
import { convTranspose2d } from '../ops/convTranspose2d';
import { convTranspose2dGeometry } from '../ops/convTranspose2dGeometry';
import { maxPool2d, maxPool2dBackward } from '../ops/maxPool2d';
import { rot180 } from '../ops/rot180';
import { Tensor } from '../tensor';
import { withOptions } from './payloads';
import { checkDrawable, planeOf } from './tensors';

/** Options every linked view (convolution and pooling, forward and backward) shares. */
export interface LinkedViewOptions {
  title?: string;
  /**
   * The position highlighted first — in the plot, its written-out sum and the PNG, HTML and text
   * fallbacks: [row, col] of an output cell (showConv), a δˡ cell (showConvBackward, and
   * showPoolBackward with a stride, padding, dilation or ceil mode) or a pooling window (showPool,
   * showPoolBackward), numbered as the view numbers them (from 1 by default, so
   * [1, 1] is the first). Default: the first position.
   */
  at?: readonly [number, number];
  /** Number rows and columns from 1 (default, as the notes write w11, a11) or from 0 (as code indexes them). */
  indexBase?: IndexBase;
}

/** `at`, in the view's numbering, as the payload's 0-based focus; checked against the positions there are. */
function focusAt(
  op: string,
  opts: LinkedViewOptions,
  [rows, cols]: readonly number[],
  what: string,
): { focus?: Position; indexBase?: IndexBase } {
  const { at, indexBase } = opts;
  assert(indexBase === undefined || indexBase === 0 || indexBase === 1, () => `${op}: indexBase must be 0 or 1, got ${String(indexBase)}`);
  if (at === undefined) return { indexBase };
  const base = indexBaseOf(opts);
  const inside = Array.isArray(at) && at.length === 2 && at.every((v, i) => Number.isInteger(v) && v >= base && v < [rows, cols][i] + base);
  assert(
    inside,
    () =>
      `${op}: at must be [row, col] of ${what}, rows ${base}..${rows - 1 + base} and columns ${base}..${cols - 1 + base}, got ${JSON.stringify(at)}`,
  );
  return { focus: [at[0] - base, at[1] - base], indexBase };
}

/** Adds `focus` (when `at` is given) and `indexBase` (when given) to a linked payload. */
export function placed<T extends object>(payload: T, op: string, opts: LinkedViewOptions, positions: readonly number[], what: string): T {
  const { focus, indexBase } = focusAt(op, opts, positions, what);
  const out = withOptions(payload, { indexBase });
  return focus ? { ...out, focus } : out;
}

/** Largest side of a matrix in a linked view, which draws (and links) every cell. */
export const LINKED_CAP = 128;

/** Largest number of input channels a linked convolution view draws (one row of panels each). */
export const LINKED_CHANNELS = 16;

/**
 * A linked view's matrix, or its C channels: a tensor [h, w] (leading axes of size 1 dropped) or
 * [C, h, w], as one plane of shape [h, w] holding the C planes channel-major.
 */
function linkedChannels(op: string, name: string, t: Tensor): { plane: Plane; depth: number } {
  checkDrawable(op, name, t);
  let shape = [...t.shape];
  while (shape.length > 3 && shape[0] === 1) shape = shape.slice(1);
  if (shape.length === 3 && shape[0] === 1) shape = shape.slice(1);
  if (shape.length !== 3) return { plane: linkedPlane(op, name, t), depth: 1 };
  const [depth, h, w] = shape;
  assert(
    depth <= LINKED_CHANNELS,
    () => `${op}: ${name} may have at most ${LINKED_CHANNELS} channels to draw one row each, got ${depth} (${name} ${fmtShape(t.shape)})`,
  );
  const plane = linkedPlane(op, name, new Tensor([h, w], t.data.subarray(0, h * w)));
  return { plane: { shape: plane.shape, data: Array.from(t.data) }, depth };
}

/**
 * A tensor of one plane or [C, h, w] and its kernels, one plane per channel ([C, kh, kw]): both as
 * payload planes (channel-major) and C, or an error naming the op and both shapes.
 */
function withKernels(op: string, name: string, t: Tensor, w: Tensor): { plane: Plane; kernel: Plane; depth: number } {
  const ts = linkedChannels(op, name, t);
  const ws = linkedChannels(op, 'w', w);
  assert(
    ts.depth === ws.depth,
    () =>
      `${op}: w must have one kernel plane per channel of ${name} (${ts.depth}), got w ${fmtShape(w.shape)} for ${name} ${fmtShape(t.shape)} — ${name} is [channels, h, w] and w [channels, kh, kw]`,
  );
  return { plane: ts.plane, kernel: ws.plane, depth: ts.depth };
}

/** A resolved geometry's stride, dilation and padding sides, as the conv payloads carry them. */
function spacingFields(g: Conv2dGeometry): Pick<ConvPayload, 'stride' | 'dilation' | 'padding'> {
  return {
    stride: [g.stride[0], g.stride[1]],
    dilation: [g.dilation[0], g.dilation[1]],
    padding: [
      [g.padding.top, g.padding.bottom],
      [g.padding.left, g.padding.right],
    ],
  };
}

function linkedPlane(op: string, name: string, t: Tensor): Plane {
  const plane = planeOf(op, name, t);
  assert(
    plane.shape[0] <= LINKED_CAP && plane.shape[1] <= LINKED_CAP,
    () => `${op}: ${name} must be at most ${LINKED_CAP}x${LINKED_CAP} to be linked cell by cell, got ${fmtShape(t.shape)}`,
  );
  return plane;
}

const asTensor = (p: Plane): Tensor => new Tensor(p.shape, Float64Array.from(p.data));

function biasOf(op: string, b: number | Tensor | undefined): number {
  const value = b instanceof Tensor ? (b.size === 1 ? b.data[0] : NaN) : (b ?? 0);
  assert(
    Number.isFinite(value),
    () => `${op}: b must be one finite number (or a Tensor of one), got ${b instanceof Tensor ? fmtShape(b.shape) : b}`,
  );
  return value;
}

/** The geometry a forward conv view may have besides the notes' (stride 1, no padding, dense kernel): conv2d's options for one channel. */
export interface ConvSpacingOptions {
  /** Step between windows; default 1. */
  stride?: Conv2dOptions['stride'];
  /** Zeros per side, per axis, [[top, bottom], [left, right]], 'valid', 'same' or 'full' (as conv2d resolves them); default 0. */
  padding?: Conv2dOptions['padding'];
  /** Gap between kernel taps; default 1. */
  dilation?: Conv2dOptions['dilation'];
  /** Name the cells a11…, w11…, x11… and write the hovered sum with those names beside the numbers; default false. */
  symbols?: boolean;
}

/**
 * The forward view: a = σ(b + x ⋆ w), 'valid' cross-correlation computed by correlate2d; with a
 * stride, padding or dilation, by conv2d (which resolves 'same' and explicit sides).
 */
export function convPayload(
  op: string,
  x: Tensor,
  w: Tensor,
  b: number | Tensor | undefined,
  opts: LinkedViewOptions & ConvSpacingOptions & { activation?: Activation },
): ConvPayload {
  const { plane: input, kernel, depth } = withKernels(op, 'x', x, w);
  assert(depth === 1 || !opts.symbols, () => `${op}: symbols name the cells of one channel; x has ${depth} channels (leave symbols out)`);
  const spaced = opts.stride !== undefined || opts.padding !== undefined || opts.dilation !== undefined;
  assert(
    kernel.shape[0] <= 64 && kernel.shape[1] <= 64 && (spaced || (kernel.shape[0] <= input.shape[0] && kernel.shape[1] <= input.shape[1])),
    () => `${op}: the kernel must fit inside x, got w ${fmtShape(w.shape)} and x ${fmtShape(x.shape)}`,
  );
  assert(
    opts.symbols === undefined || typeof opts.symbols === 'boolean',
    () => `${op}: symbols must be true or false, got ${String(opts.symbols)}`,
    TypeError,
  );
  const bias = biasOf(op, b);
  const asked = opts.activation ?? 'sigmoid';
  assert(
    ACTIVATION_NAMES.includes(asked),
    () => `${op}: activation must be one of ${ACTIVATION_NAMES.slice(0, 4).join(', ')}, got ${String(asked)}`,
  );
  // One name for σ(z) = z, as the layers call it: 'identity' is read as 'linear'.
  const activation: Activation = asked === 'identity' ? 'linear' : asked;
  const [h, wd] = input.shape;
  const [kh, kw] = kernel.shape;
  const options = { stride: opts.stride, padding: opts.padding, dilation: opts.dilation };
  const g = spaced || depth > 1 ? conv2dGeometry(op, [1, depth, h, wd], [1, depth, kh, kw], options) : undefined;
  const z = g
    ? conv2d(
        new Tensor([1, depth, h, wd], Float64Array.from(input.data)),
        new Tensor([1, depth, kh, kw], Float64Array.from(kernel.data)),
        undefined,
        options,
      )
    : correlate2d(asTensor(input), asTensor(kernel), 'valid');
  const shape: [number, number] = g ? [g.outHeight, g.outWidth] : [z.shape[0], z.shape[1]];
  const output = { shape, data: Array.from(z.data, (v) => activate(activation, v + bias)) };
  const payload: ConvPayload = {
    version: 1,
    kind: 'conv',
    title: opts.title ?? 'convolution, forward',
    input,
    kernel,
    bias,
    activation,
    output,
    ...(depth > 1 ? { channels: depth } : {}),
    ...(g && spaced ? spacingFields(g) : {}),
    ...(opts.symbols ? { symbols: true } : {}),
  };
  return placed(payload, op, opts, output.shape, 'an output cell');
}

/** Options of the backward conv view: the forward convolution's geometry, and the forward input's size it needs then. */
export interface ConvBackwardSpacingOptions extends Omit<ConvSpacingOptions, 'symbols'> {
  /** [h, w] of the forward input (δˡ's shape); default the smallest that gives δˡ⁺¹'s shape. */
  inputSize?: readonly [number, number];
}

/**
 * The backward view: δˡ = δˡ⁺¹ ⋆full rot180(w), computed by correlate2d in 'full' mode; with a
 * stride, padding or dilation, δˡ is conv2dBackward's dx (the view draws it as δ spread with zeros).
 * δ [K, h, w] with w [K, kh, kw] (the K kernel planes that read this input channel) is the layer's
 * K output channels flowing back into one input channel: δˡ = Σ_k δ_k ⋆full rot180(w_k), conv2dBackward's dx.
 */
export function convBackwardPayload(
  op: string,
  delta: Tensor,
  w: Tensor,
  opts: LinkedViewOptions & ConvBackwardSpacingOptions,
): ConvBackwardPayload {
  const { plane: d, kernel, depth } = withKernels(op, 'delta', delta, w);
  assert(kernel.shape[0] <= 64 && kernel.shape[1] <= 64, () => `${op}: a kernel must be at most 64x64, got ${fmtShape(w.shape)}`);
  const spaced = opts.stride !== undefined || opts.padding !== undefined || opts.dilation !== undefined || opts.inputSize !== undefined;
  const title = opts.title ?? 'convolution, backward';
  if (!spaced && depth === 1) {
    const out = correlate2d(asTensor(d), rot180(asTensor(kernel)), 'full');
    const payload: ConvBackwardPayload = {
      version: 1,
      kind: 'conv-backward',
      title,
      delta: d,
      kernel,
      output: { shape: [out.shape[0], out.shape[1]], data: Array.from(out.data) },
    };
    return placed(payload, op, opts, payload.output.shape, 'a δˡ cell');
  }
  const options = { stride: opts.stride, padding: opts.padding, dilation: opts.dilation };
  const [kh, kw] = kernel.shape;
  const size = opts.inputSize ?? smallestInput(op, d.shape, kernel.shape, options);
  assert(
    Array.isArray(size) && size.length === 2 && size.every((v) => Number.isInteger(v) && v >= 1 && v <= LINKED_CAP),
    () => `${op}: inputSize must be [h, w] of positive integers up to ${LINKED_CAP}, got ${JSON.stringify(size)}`,
  );
  const g = conv2dGeometry(op, [1, 1, size[0], size[1]], [depth, 1, kh, kw], options);
  assert(
    g.outHeight === d.shape[0] && g.outWidth === d.shape[1],
    () =>
      `${op}: delta must have the forward output's shape ${g.outHeight}x${g.outWidth} for input ${size[0]}x${size[1]}, got ${fmtShape(delta.shape)}`,
  );
  const { dx } = conv2dBackward(
    new Tensor([1, 1, size[0], size[1]], new Float64Array(size[0] * size[1])),
    new Tensor([depth, 1, kh, kw], Float64Array.from(kernel.data)),
    new Tensor([1, depth, g.outHeight, g.outWidth], Float64Array.from(d.data)),
    options,
  );
  const payload: ConvBackwardPayload = {
    version: 1,
    kind: 'conv-backward',
    title,
    delta: d,
    kernel,
    output: { shape: [size[0], size[1]], data: Array.from(dx.data) },
    ...(depth > 1 ? { channels: depth } : {}),
    ...(spaced ? spacingFields(g) : {}),
  };
  return placed(payload, op, opts, payload.output.shape, 'a δˡ cell');
}

/** The smallest forward input whose output has δ's shape: (o − 1)·s + d(k − 1) + 1 − top − bottom per axis (numeric padding only). */
function smallestInput(op: string, [oh, ow]: readonly number[], [kh, kw]: readonly number[], opts: Conv2dOptions): [number, number] {
  assert(
    typeof opts.padding !== 'string',
    () => `${op}: padding '${String(opts.padding)}' depends on the input size: give inputSize [h, w] as well`,
  );
  // conv2dGeometry resolves the numeric forms; an input of the kernel's dilated extent always fits.
  const probe = conv2dGeometry(op, [1, 1, 64 * 64, 64 * 64], [1, 1, kh, kw], opts);
  const p = probe.padding;
  const side = (o: number, k: number, s: number, d: number, before: number, after: number) =>
    Math.max(1, (o - 1) * s + d * (k - 1) + 1 - before - after);
  return [
    side(oh, kh, probe.stride[0], probe.dilation[0], p.top, p.bottom),
    side(ow, kw, probe.stride[1], probe.dilation[1], p.left, p.right),
  ];
}

/** Options of the pooling views. */
export interface PoolViewOptions extends LinkedViewOptions {
  /** 'max' (default) or 'avg'. */
  mode?: 'max' | 'avg';
  /** Window size, which is also the stride: the windows tile the map. Default 2. */
  size?: number | readonly [number, number];
  /** Whether each cell's value is written inside it: 'auto' (default) up to 16x16, 'show' or 'hide'. */
  values?: ValueLabels;
  /** showPool only: step between windows (default `size`), padding, dilation (max only) and ceil mode, as maxPool2d/avgPool2d take them. */
  stride?: Pool2dOptions['stride'];
  padding?: Pool2dOptions['padding'];
  dilation?: Pool2dOptions['dilation'];
  ceilMode?: boolean;
}

function poolArgs(op: string, x: Tensor, opts: PoolViewOptions) {
  const input = linkedPlane(op, 'x', x);
  const mode = opts.mode ?? 'max';
  assert(mode === 'max' || mode === 'avg', () => `${op}: mode must be 'max' or 'avg', got ${String(mode)}`);
  const raw = opts.size ?? 2;
  const size: [number, number] = typeof raw === 'number' ? [raw, raw] : [raw[0], raw[1]];
  assert(
    size.every((s) => Number.isInteger(s) && s >= 1 && s <= 64) && size[0] <= input.shape[0] && size[1] <= input.shape[1],
    () => `${op}: size must be a positive integer (or [h, w]) no larger than x, got ${JSON.stringify(raw)} for x ${fmtShape(x.shape)}`,
  );
  return { input, mode, size, xt: asTensor(input) };
}

const planeFrom = (t: Tensor): Plane => ({ shape: [t.shape[0], t.shape[1]], data: Array.from(t.data) });

/** The pooling view: the tiling, each window's maximum marked (max) and the pooled map. */
export function poolPayload(op: string, x: Tensor, opts: PoolViewOptions): PoolPayload {
  if ([opts.stride, opts.padding, opts.dilation, opts.ceilMode].some((v) => v !== undefined)) return spacedPoolPayload(op, x, opts);
  const { input, mode, size, xt } = poolArgs(op, x, opts);
  const payload: PoolPayload = {
    version: 1,
    kind: 'pool',
    title: opts.title ?? `${mode} pooling ${size.join('x')}`,
    mode,
    size,
    input,
    output: { shape: [1, 1], data: [0] },
  };
  const pooled = mode === 'max' ? maxPool2d(xt, { size }) : { y: avgPool2d(xt, { size }), argmax: undefined };
  const full = { ...payload, output: planeFrom(pooled.y), ...(pooled.argmax ? { argmax: Array.from(pooled.argmax) } : {}) };
  return withOptions(placed(full, op, opts, full.output.shape, 'a pooling window'), { values: opts.values });
}

/** The pooling view for any stride, padding, dilation and ceil mode: the numbers of maxPool2d or avgPool2d (count_include_pad). */
function spacedPoolPayload(op: string, x: Tensor, opts: PoolViewOptions): PoolPayload {
  const { input, mode, windows, forward } = spacedPooling(op, x, opts);
  const payload: PoolPayload = {
    version: 1,
    kind: 'pool',
    title: opts.title ?? `${mode} pooling ${windows.size.join('x')}`,
    mode,
    ...windows,
    input,
    output: planeFrom(forward.y),
    ...(forward.argmax ? { argmax: Array.from(forward.argmax) } : {}),
  };
  return withOptions(placed(payload, op, opts, payload.output.shape, 'a pooling window'), { values: opts.values });
}

/** A spaced pooling's input, mode, windows (as the payloads write them) and forward result, checked as the ops check them. */
function spacedPooling(op: string, x: Tensor, opts: PoolViewOptions) {
  const input = linkedPlane(op, 'x', x);
  const mode = opts.mode ?? 'max';
  assert(mode === 'max' || mode === 'avg', () => `${op}: mode must be 'max' or 'avg', got ${String(mode)}`);
  const options = { size: opts.size ?? 2, stride: opts.stride, padding: opts.padding, ceilMode: opts.ceilMode };
  assert(
    mode === 'max' || opts.dilation === undefined,
    () => `${op}: dilation is for mode 'max' only (as PyTorch's avg_pool2d), got ${String(opts.dilation)}`,
  );
  const g = pool2dGeometry(
    op,
    input.shape,
    { ...options, dilation: opts.dilation },
    mode === 'max' ? MAX_POOL2D_OPTIONS : ['size', 'stride', 'padding', 'dilation', 'ceilMode'],
  );
  const xt = asTensor(input);
  const all = mode === 'max' ? { ...options, dilation: opts.dilation } : options;
  const forward = mode === 'max' ? maxPool2d(xt, all) : { y: avgPool2d(xt, options), argmax: undefined };
  const pair = (v: readonly number[]): [number, number] => [v[0], v[1]];
  const windows = {
    size: pair(g.size),
    stride: pair(g.stride),
    dilation: pair(g.dilation),
    padding: [
      [g.padding[0], g.paddingEnd[0]],
      [g.padding[1], g.paddingEnd[1]],
    ] as [[number, number], [number, number]],
    ...(g.ceilMode ? { ceilMode: true } : {}),
  };
  return { input, mode, windows, forward, xt, all };
}

/**
 * The backward pooling view for any stride, padding, dilation and ceil mode: maxPool2dBackward's
 * or avgPool2dBackward's δˡ, positions the cells of δˡ (`at` one of them).
 */
function spacedPoolBackwardPayload(op: string, x: Tensor, delta: Tensor, opts: PoolViewOptions): PoolBackwardPayload {
  const { input, mode, windows, forward, xt, all } = spacedPooling(op, x, opts);
  const d = planeOf(op, 'delta', delta);
  const expected = forward.y.shape;
  assert(
    d.shape[0] === expected[0] && d.shape[1] === expected[1],
    () =>
      `${op}: delta must have the pooled shape [${expected}] (${windows.size.join('x')} windows, stride ${windows.stride.join('x')} over x ${fmtShape(x.shape)}), got ${fmtShape(delta.shape)}`,
  );
  const dt = asTensor(d);
  const payload: PoolBackwardPayload = {
    version: 1,
    kind: 'pool-backward',
    title: opts.title ?? `δ back through ${mode} pooling ${windows.size.join('x')}`,
    mode,
    ...windows,
    input,
    delta: d,
    output: planeFrom(mode === 'max' ? maxPool2dBackward(xt, dt, all) : avgPool2dBackward(xt, dt, all)),
    ...(forward.argmax ? { argmax: Array.from(forward.argmax) } : {}),
  };
  return withOptions(placed(payload, op, opts, input.shape, 'a cell of δˡ (the input’s shape)'), { values: opts.values });
}

/** The pooling backward view: δ routed to each window's maximum (max) or shared equally (avg). */
export function poolBackwardPayload(op: string, x: Tensor, delta: Tensor, opts: PoolViewOptions): PoolBackwardPayload {
  if ([opts.stride, opts.padding, opts.dilation, opts.ceilMode].some((v) => v !== undefined))
    return spacedPoolBackwardPayload(op, x, delta, opts);
  const { input, mode, size, xt } = poolArgs(op, x, opts);
  const d = planeOf(op, 'delta', delta);
  const expected = [Math.floor(input.shape[0] / size[0]), Math.floor(input.shape[1] / size[1])];
  assert(
    d.shape[0] === expected[0] && d.shape[1] === expected[1],
    () => `${op}: delta must have the pooled shape [${expected}], got ${fmtShape(delta.shape)}`,
  );
  const dt = asTensor(d);
  const base = {
    version: 1 as const,
    kind: 'pool-backward' as const,
    title: opts.title ?? `δ back through ${mode} pooling ${size.join('x')}`,
    mode,
    size,
    input,
    delta: d,
  };
  const payload: PoolBackwardPayload =
    mode === 'max'
      ? { ...base, output: planeFrom(maxPool2dBackward(xt, dt, { size })), argmax: Array.from(maxPool2d(xt, { size }).argmax) }
      : { ...base, output: planeFrom(avgPool2dBackward(xt, dt, { size })) };
  return withOptions(placed(payload, op, opts, d.shape, 'a pooling window'), { values: opts.values });
}

/** Options of the stamping view: convTranspose2d's geometry. */
export interface ConvTransposeViewOptions extends LinkedViewOptions {
  stride?: number | readonly [number, number];
  /** Cells cropped from each side of the output, per axis (PyTorch's padding); default 0. */
  padding?: number | readonly [number, number];
  dilation?: number | readonly [number, number];
  /** Extra cells at the bottom and right (less than the stride or the dilation); default 0. */
  outputPadding?: number | readonly [number, number];
}

/** The transposed convolution as stamps: x, w, y = convTranspose2d(x, w) and the overlap per cell of y. */
export function convTransposePayload(op: string, x: Tensor, w: Tensor, opts: ConvTransposeViewOptions): ConvTransposePayload {
  const input = linkedPlane(op, 'x', x);
  const kernel = linkedPlane(op, 'w', w);
  assert(kernel.shape[0] <= 64 && kernel.shape[1] <= 64, () => `${op}: the kernel may be at most 64x64, got w ${fmtShape(w.shape)}`);
  const [h, wd] = input.shape;
  const [kh, kw] = kernel.shape;
  const options = { stride: opts.stride, padding: opts.padding, dilation: opts.dilation, outputPadding: opts.outputPadding };
  const g = convTranspose2dGeometry(op, [1, 1, h, wd], [1, 1, kh, kw], options);
  assert(
    g.outHeight <= LINKED_CAP && g.outWidth <= LINKED_CAP,
    () => `${op}: the output must be at most ${LINKED_CAP}x${LINKED_CAP} to be linked cell by cell, got ${g.outHeight}x${g.outWidth}`,
  );
  const y = convTranspose2d(
    new Tensor([1, 1, h, wd], Float64Array.from(input.data)),
    new Tensor([1, 1, kh, kw], Float64Array.from(kernel.data)),
    undefined,
    options,
  );
  const pair = (v: readonly number[]): [number, number] => [v[0], v[1]];
  const payload: ConvTransposePayload = {
    version: 1,
    kind: 'conv-transpose',
    title: opts.title ?? 'transposed convolution: each input cell stamps its multiple of the kernel',
    input,
    kernel,
    output: { shape: [g.outHeight, g.outWidth], data: Array.from(y.data) },
    stride: pair(g.stride),
    padding: pair(g.padding),
    dilation: pair(g.dilation),
    outputPadding: pair(g.outputPadding),
  };
  return placed(payload, op, opts, input.shape, 'an input cell');
}
