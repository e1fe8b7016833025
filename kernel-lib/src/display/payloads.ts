import type { ColourScale, GridPayload, KernelPayload, MatrixPayload, SignedPayload, ValueLabels } from '../contract';
import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { GRID_BUDGET, MAP_CAP, checkDrawable, downsample, planeOf, squeezeLeading } from './tensors';

/** Options every matrix-like view shares. */
export interface MatrixViewOptions {
  /** Caption of the view; defaults to the tensor's shape. */
  title?: string;
  /** Whether each cell's value is written inside it. Default 'auto': when the matrix is at most 16x16. */
  values?: ValueLabels;
}

const defaultTitle = (t: Tensor): string => `Tensor [${t.shape.join(',')}]`;
const withNotice = <T extends object>(payload: T, notice: string | undefined): T => (notice ? { ...payload, notice } : payload);

/** A heatmap payload; tensors over 256x256 are downsampled (block means) with a notice. */
export function matrixPayload(op: string, t: Tensor, opts: MatrixViewOptions & { scale?: 'auto' | ColourScale; indexBase?: 0 | 1 } = {}): MatrixPayload {
  const { maps, notice } = downsample([planeOf(op, 't', t)]);
  const payload: MatrixPayload = { version: 1, kind: 'matrix', title: opts.title ?? defaultTitle(t), ...maps[0] };
  if (opts.scale !== undefined && opts.scale !== 'auto') payload.scale = opts.scale;
  if (opts.values !== undefined) payload.values = opts.values;
  if (opts.indexBase !== undefined) payload.indexBase = opts.indexBase;
  return withNotice(payload, notice);
}

/** A kernel payload: w as a matrix (at most 64x64), and its bias b when given. */
export function kernelPayload(op: string, w: Tensor, b: number | Tensor | undefined, opts: MatrixViewOptions & { symbol?: string } = {}): KernelPayload {
  const plane = planeOf(op, 'w', w);
  assert(plane.shape[0] <= 64 && plane.shape[1] <= 64, () => `${op}: a kernel must be at most 64x64, got ${fmtShape(w.shape)}`);
  const payload: KernelPayload = { version: 1, kind: 'kernel', title: opts.title ?? `kernel ${plane.shape.join('x')}`, symbol: opts.symbol ?? 'w', ...plane };
  if (b !== undefined) {
    const bias = b instanceof Tensor ? (checkDrawable(op, 'b', b), b.data) : [b];
    assert(bias.length === 1 && Number.isFinite(bias[0]), () => `${op}: b must be one finite number, got ${b instanceof Tensor ? fmtShape(b.shape) : b}`);
    payload.bias = bias[0];
  }
  if (opts.values !== undefined) payload.values = opts.values;
  return payload;
}

/** A signed payload (δ): diverging colours centred at zero. */
export function signedPayload(op: string, d: Tensor, opts: MatrixViewOptions & { symbol?: string } = {}): SignedPayload {
  const { maps, notice } = downsample([planeOf(op, 'd', d)]);
  const payload: SignedPayload = { version: 1, kind: 'signed', title: opts.title ?? `δ [${d.shape.join(',')}]`, symbol: opts.symbol ?? 'δ', ...maps[0] };
  if (opts.values !== undefined) payload.values = opts.values;
  return withNotice(payload, notice);
}

/** Options of the feature-map grid. */
export interface GridViewOptions {
  title?: string;
  /** 'shared' (default): one colour range and colour bar for all maps; 'per-map': each map its own range. */
  scale?: 'shared' | 'per-map';
  /** Colours: 'auto' (default) picks diverging when the data has both signs. */
  colours?: 'auto' | ColourScale;
  /** Panels per row for a single batch item (default: about square). */
  columns?: number;
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
  const planes = Array.from({ length: n * c }, (_, i) => ({ shape: [h, w] as [number, number], data: data.slice(i * h * w, (i + 1) * h * w) }));
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
  return withNotice(payload, notice);
}
