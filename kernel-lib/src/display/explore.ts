import {
  type Activation,
  type ExplorePadding,
  type ExplorePayload,
  type ExploreSettings,
  type IndexBase,
  ACTIVATION_NAMES,
  EXPLORE_LIMITS,
  EXPLORE_DIRECTIONS,
  EXPLORE_OPERATIONS,
  EXPLORE_PADDING_RULES,
  exploreGeometry,
} from '../contract';
import { exploreProblem } from '../view';
import { assert, fmtShape } from '../assert';
import type { Tensor } from '../tensor';
import { payloadBundle } from './bundle';
import { emit, type EmitOptions } from './channel';
import { placed } from './linked';
import { planeOf } from './tensors';
import { checkOptions } from '../ops/args';

/** The explorer's options: the setting it opens on, and what the forward view computes. */
export interface ExploreOptions extends EmitOptions {
  title?: string;
  /** Step between windows; default 1. */
  stride?: number;
  /** Zeros per side, or 'valid' (default), 'same' (TensorFlow's rule) or 'full'. */
  padding?: ExplorePadding;
  /** Gap between kernel taps; default 1. */
  dilation?: number;
  /** The kernel side k the explorer opens with (the top-left k x k of w); default w's side. */
  kernelSize?: number;
  /** The input side i it opens with (the top-left i x i of x); default x's side. */
  inputSize?: number;
  /** 'correlation' (default: what conv2d computes) or 'convolution' (the kernel turned by 180°). */
  operation?: ExploreSettings['operation'];
  /** 'forward' (default) or 'backward' (δˡ from δ = z, the gradient of ½Σz²). */
  direction?: ExploreSettings['direction'];
  /** The bias b; default 0. */
  bias?: number;
  /** σ of the forward view; default 'linear' (a = z). */
  activation?: Activation;
  /** Name the cells a11…, w11… and write the hovered sum with those names; default false. */
  symbols?: boolean;
  /** The cell highlighted first, numbered as the view numbers it (from 1 by default). */
  at?: readonly [number, number];
  indexBase?: IndexBase;
}

/** The keys of ExploreOptions, for checkOptions. */
const EXPLORE_OPTIONS = [
  'title',
  'stride',
  'padding',
  'dilation',
  'kernelSize',
  'inputSize',
  'operation',
  'direction',
  'bias',
  'activation',
  'symbols',
  'at',
  'indexBase',
  'displayId',
  'update',
] as const;

function intIn(op: string, name: string, value: unknown, min: number, max: number): number {
  assert(
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
    () => `${op}: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
  );
  return value as number;
}

/** The explorer's payload for x, w and the options (checked, with errors that name the rule and the values). */
export function explorePayload(op: string, x: Tensor, w: Tensor, opts: ExploreOptions = {}): ExplorePayload {
  checkOptions(op, opts, EXPLORE_OPTIONS);
  const input = planeOf(op, 'x', x);
  const kernel = planeOf(op, 'w', w);
  const L = EXPLORE_LIMITS;
  assert(
    input.shape.every((v) => v <= L.input),
    () => `${op}: x must be at most ${L.input}x${L.input} (every cell is drawn and linked), got ${fmtShape(x.shape)}`,
  );
  assert(
    kernel.shape.every((v) => v <= L.kernel),
    () => `${op}: w must be at most ${L.kernel}x${L.kernel}, got ${fmtShape(w.shape)}`,
  );
  const padding = opts.padding ?? 'valid';
  assert(
    (EXPLORE_PADDING_RULES as readonly unknown[]).includes(padding) ||
      (typeof padding === 'number' && Number.isInteger(padding) && padding >= 0 && padding <= L.padding),
    () => `${op}: padding must be 'valid', 'same', 'full' or zeros per side from 0 to ${L.padding}, got ${JSON.stringify(padding)}`,
  );
  const operation = opts.operation ?? 'correlation';
  assert(EXPLORE_OPERATIONS.includes(operation), () => `${op}: operation must be 'correlation' or 'convolution', got ${String(operation)}`);
  const direction = opts.direction ?? 'forward';
  assert(EXPLORE_DIRECTIONS.includes(direction), () => `${op}: direction must be 'forward' or 'backward', got ${String(direction)}`);
  const activation = opts.activation ?? 'linear';
  assert(
    ACTIVATION_NAMES.includes(activation),
    () => `${op}: activation must be one of ${ACTIVATION_NAMES.join(', ')}, got ${String(activation)}`,
  );
  const bias = opts.bias ?? 0;
  assert(typeof bias === 'number' && Number.isFinite(bias), () => `${op}: bias must be a finite number, got ${String(bias)}`);
  assert(
    opts.symbols === undefined || typeof opts.symbols === 'boolean',
    () => `${op}: symbols must be true or false, got ${String(opts.symbols)}`,
  );
  const side = Math.min(...input.shape);
  const kside = Math.min(...kernel.shape);
  const settings: ExploreSettings = {
    kernel: intIn(op, 'kernelSize', opts.kernelSize ?? kside, 1, kside),
    input: intIn(op, 'inputSize', opts.inputSize ?? side, 1, side),
    stride: intIn(op, 'stride', opts.stride ?? 1, 1, L.stride),
    dilation: intIn(op, 'dilation', opts.dilation ?? 1, 1, L.dilation),
    padding,
    operation,
    direction,
  };
  const problem = exploreProblem(settings);
  assert(problem === undefined, () => `${op}: the setting ${JSON.stringify(settings)} has ${problem}`);
  const g = exploreGeometry(settings);
  const square = input.shape[0] === input.shape[1] && kernel.shape[0] === kernel.shape[1];
  const payload: ExplorePayload = {
    version: 1,
    kind: 'explore',
    title: opts.title ?? 'explore the convolution',
    input,
    kernel,
    bias,
    activation: activation === 'identity' ? 'linear' : activation,
    settings,
    ...(square ? {} : { notice: `x ${fmtShape(x.shape)} and w ${fmtShape(w.shape)}: the explorer slides their top-left squares` }),
    ...(opts.symbols ? { symbols: true } : {}),
  };
  const [rows, cols] = direction === 'forward' ? g.output : g.input;
  return placed(payload, op, opts, [rows, cols], direction === 'forward' ? 'an output cell' : 'a δˡ cell');
}

/**
 * The convolution explorer: x and w with controls in the page for the kernel size, input size,
 * stride, padding ('valid', 'same', 'full' or zeros per side), dilation, correlation ↔ convolution
 * and forward ↔ backward. Moving a control recomputes the linked view in the browser (no kernel is
 * needed), updates the conv_arithmetic relationship that gives the shapes and prints the same
 * computation as a convlab, PyTorch, TensorFlow.js and SciPy call. The setting left is saved with
 * the notebook, and its static pictures are redrawn for it.
 *
 * @example
 * cl.explore(cl.randn([7, 7], 1), cl.randn([3, 3], 2), { stride: 2, padding: 1 });
 */
export function explore(x: Tensor, w: Tensor, options: ExploreOptions = {}): void {
  emit(payloadBundle(explorePayload('explore', x, w, options)), options);
}
