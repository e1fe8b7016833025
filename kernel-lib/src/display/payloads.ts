import {
  type ColourScale,
  type GridPayload,
  type IndexBase,
  type KernelPayload,
  LIMITS,
  type MatrixPayload,
  type SignedPayload,
  type ValueLabels,
} from '../contract';
import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { GRID_BUDGET, MAP_CAP, checkDrawable, downsample, planeOf, squeezeLeading } from './tensors';

/** Options every matrix-like view shares. */
export interface MatrixViewOptions {
  /** Caption of the view; defaults to the tensor's shape. */
  title?: string;
  /**
   * Whether each cell's value is written inside it. Default 'auto': when the matrix is at most
   * 16x16; 'show' up to 64x64 wherever the cells are large enough to read. Written values are also
   * listed in a table under the picture of the HTML fallback.
   */
  values?: ValueLabels;
  /** Number rows and columns from 1 (default, as the notes write w11, a11) or from 0 (as code indexes them). */
  indexBase?: IndexBase;
}

const defaultTitle = (t: Tensor): string => `Tensor [${t.shape.join(',')}]`;
const withNotice = <T extends object>(payload: T, notice: string | undefined): T => (notice ? { ...payload, notice } : payload);

/** Copies the options a payload carries only when they are given (`values`, `indexBase`). */
export function withOptions<T extends object>(payload: T, opts: { values?: ValueLabels; indexBase?: IndexBase }): T {
  const out: T & { values?: ValueLabels; indexBase?: IndexBase } = { ...payload };
  if (opts.values !== undefined) out.values = opts.values;
  if (opts.indexBase !== undefined) out.indexBase = opts.indexBase;
  return out;
}

/** A heatmap payload; tensors over 256x256 are downsampled (block means) with a notice. */
export function matrixPayload(op: string, t: Tensor, opts: MatrixViewOptions & { scale?: 'auto' | ColourScale } = {}): MatrixPayload {
  const { maps, notice } = downsample([planeOf(op, 't', t)]);
  const payload: MatrixPayload = { version: 1, kind: 'matrix', title: opts.title ?? defaultTitle(t), ...maps[0] };
  if (opts.scale !== undefined && opts.scale !== 'auto') payload.scale = opts.scale;
  return withNotice(withOptions(payload, opts), notice);
}

/** A kernel payload: w as a matrix (at most 64x64), and its bias b when given. */
export function kernelPayload(
  op: string,
  w: Tensor,
  b: number | Tensor | undefined,
  opts: MatrixViewOptions & { symbol?: string } = {},
): KernelPayload {
  const plane = planeOf(op, 'w', w);
  assert(plane.shape[0] <= 64 && plane.shape[1] <= 64, () => `${op}: a kernel must be at most 64x64, got ${fmtShape(w.shape)}`);
  const payload: KernelPayload = {
    version: 1,
    kind: 'kernel',
    title: opts.title ?? `kernel ${plane.shape.join('x')}`,
    symbol: opts.symbol ?? 'w',
    ...plane,
  };
  if (b !== undefined) {
    const bias = b instanceof Tensor ? (checkDrawable(op, 'b', b), b.data) : [b];
    assert(
      bias.length === 1 && Number.isFinite(bias[0]),
      () => `${op}: b must be one finite number, got ${b instanceof Tensor ? fmtShape(b.shape) : b}`,
    );
    payload.bias = bias[0];
  }
  return withOptions(payload, opts);
}

/** A signed payload (δ): diverging colours centred at zero. */
export function signedPayload(op: string, d: Tensor, opts: MatrixViewOptions & { symbol?: string } = {}): SignedPayload {
  const { maps, notice } = downsample([planeOf(op, 'd', d)]);
  const payload: SignedPayload = {
    version: 1,
    kind: 'signed',
    title: opts.title ?? `δ [${d.shape.join(',')}]`,
    symbol: opts.symbol ?? 'δ',
    ...maps[0],
  };
  return withNotice(withOptions(payload, opts), notice);
}

/** Options of the feature-map grid. */
export interface GridViewOptions {
  title?: string;
  /** 'shared' (default): one colour range and colour bar for all maps; 'per-map': each map its own range. */
  scale?: 'shared' | 'per-map';
  /** Colours: 'auto' (default) picks diverging when the data has both signs. */
  colours?: 'auto' | ColourScale;
  /** Panels per row for a single batch item (default: as many as fit the width of the output). */
  columns?: number;
  /** One name per channel, written over its panels instead of c1, c2, … (plain text, at most 100 characters each). */
  labels?: readonly string[];
  /** Number channels, rows and columns from 1 (default) or from 0. */
  indexBase?: IndexBase;
}

function checkLabels(op: string, labels: unknown, channels: number): string[] {
  assert(Array.isArray(labels), () => `${op}: labels must be an array of strings, got ${typeof labels}`, TypeError);
  assert(labels.length === channels, () => `${op}: labels must name each of the ${channels} channels, got ${labels.length} labels`);
  labels.forEach((label: unknown, i) => {
    assert(typeof label === 'string', () => `${op}: labels[${i}] must be a string, got ${typeof label}`, TypeError);
    assert(label.length <= LIMITS.label, () => `${op}: labels[${i}] must be at most ${LIMITS.label} characters, got ${label.length}`);
  });
  return [...labels];
}

/** Feature maps [c, h, w] or [n, c, h, w] as a grid payload, each map capped at 256x256 (and all at 2^18 numbers). */
export function gridPayload(op: string, t: Tensor, opts: GridViewOptions = {}): GridPayload {
  checkDrawable(op, 't', t);
  const shape = squeezeLeading(t.shape, 3);
  while (shape.length < 4) shape.unshift(1);
  assert(shape.length === 4, () => `${op}: feature maps must be [c, h, w] or [n, c, h, w], got shape ${fmtShape(t.shape)}`);
  const [n, c, h, w] = shape;
  assert(n * c <= 1024, () => `${op}: at most 1024 maps can be shown, got ${n}x${c} = ${n * c} (shape ${fmtShape(t.shape)})`);
  const data = Array.from(t.data);
  const planes = Array.from({ length: n * c }, (_, i) => ({
    shape: [h, w] as [number, number],
    data: data.slice(i * h * w, (i + 1) * h * w),
  }));
  const cap = Math.max(8, Math.min(MAP_CAP, Math.floor(Math.sqrt(GRID_BUDGET / (n * c)))));
  const { maps, notice } = downsample(planes, cap);
  const payload: GridPayload = {
    version: 1,
    kind: 'grid',
    title: opts.title ?? defaultTitle(t),
    shape: [n, c, ...maps[0].shape],
    // Pictures of many maps: 6 significant digits are plenty, and keep the payload compact.
    data: maps.flatMap((m) => m.data).map((v) => Number(v.toPrecision(6))),
    scale: opts.scale ?? 'shared',
  };
  if (opts.colours !== undefined && opts.colours !== 'auto') payload.colours = opts.colours;
  if (opts.columns !== undefined) payload.columns = opts.columns;
  if (opts.labels !== undefined) payload.labels = checkLabels(op, opts.labels, c);
  return withNotice(withOptions(payload, { indexBase: opts.indexBase }), notice);
}
