import { assert, fmtShape } from '../assert';
import { pooledLength } from '../contract/shapes';
import { type Pair, type Sides, checkOptions, toPair, toSides } from './args';

/** Options of maxPool2d (and the shared ones of avgPool2d); each is one number for both axes or [h, w]. */
export interface Pool2dOptions {
  /** Window size. Default 2. */
  size?: Pair;
  /** Step between windows. Default `size`: the windows tile the map, as in the notes. */
  stride?: Pair;
  /** Cells added per side: p, [ph, pw] or [[top, bottom], [left, right]], each at most half the window (PyTorch's rule). Default 0. */
  padding?: Pair | Sides;
  /** Gap between window taps (max pooling only; PyTorch's avg_pool2d has none). Default 1. */
  dilation?: Pair;
  /** Round the output size up: a last, partial window, if it starts inside the input or its top/left padding. Default false. */
  ceilMode?: boolean;
}

/** Options of avgPool2d: the pooling options without dilation, plus the divisor's rule. */
export interface AvgPool2dOptions extends Omit<Pool2dOptions, 'dilation'> {
  /** Count padding cells in the divisor (PyTorch's count_include_pad, default true); false counts input cells only. */
  countIncludePad?: boolean;
  /** A fixed divisor instead of the window's count (PyTorch's divisor_override). */
  divisorOverride?: number;
}

export const MAX_POOL2D_OPTIONS = ['size', 'stride', 'padding', 'dilation', 'ceilMode'] as const;
export const AVG_POOL2D_OPTIONS = ['size', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'] as const;

/**
 * Everything a pooling kernel needs besides the numbers. The last two axes of x ([..., H, W]) are
 * pooled; the leading axes (e.g. N and C) are flattened into `planes` independent maps.
 * Window (oy, ox) has taps at rows oy·stride[0] − top + l·dilation[0] (l < size[0]), likewise columns.
 * The average's divisor: `divisorOverride` if set; else with countIncludePad the taps inside the
 * input or its padding (rows < H + bottom), else the taps inside the input.
 */
export interface Pool2dGeometry {
  readonly planes: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly size: readonly [number, number];
  readonly stride: readonly [number, number];
  /** [top, left]: where the first window starts (−top, −left). */
  readonly padding: readonly [number, number];
  /** [bottom, right]. */
  readonly paddingEnd: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | undefined;
}

/**
 * PyTorch's pooling output size along one axis: o = ⌊ or ⌈ (i + before + after − d(k − 1) − 1)/s ⌉ + 1,
 * and in ceil mode one less if the last window would start at or past i + before (beyond the input
 * and its top/left padding).
 *
 * @example
 * poolOutputLength(5, 2, 2, 0, 0, 1, true); // 3: the last window holds row 4 only
 */
export function poolOutputLength(i: number, k: number, s: number, before: number, after: number, d: number, ceil: boolean): number {
  // The one rule, shared with the wire contract's validator and the views.
  return pooledLength(i, k, s, before, after, d, ceil);
}

/**
 * Checks a pooling op's input shape and options and resolves them, naming `op` in errors.
 *
 * @example
 * pool2dGeometry('maxPool2d', [1, 20, 24, 24]).outHeight; // 12
 * pool2dGeometry('maxPool2d', [1, 1, 5, 5], { ceilMode: true }).outHeight; // 3
 */
export function pool2dGeometry(
  op: string,
  xShape: readonly number[],
  opts: Pool2dOptions & AvgPool2dOptions = {},
  known: readonly string[] = MAX_POOL2D_OPTIONS,
): Pool2dGeometry {
  checkOptions(op, opts, known);
  assert(xShape.length >= 2, () => `${op}: input must be rank ≥ 2 (..., H, W), got rank ${xShape.length} (x ${fmtShape(xShape)})`);
  assert(
    xShape.every((d) => d > 0),
    () => `${op}: input must have no empty axis, got x ${fmtShape(xShape)}`,
  );
  const size = toPair(op, 'size', opts.size ?? 2);
  const stride = toPair(op, 'stride', opts.stride ?? size);
  const dilation = toPair(op, 'dilation', opts.dilation ?? 1);
  const [[top, bottom], [left, right]] = toSides(op, opts.padding ?? 0);
  const { ceilMode = false, countIncludePad = true, divisorOverride } = opts;
  for (const [name, v] of [
    ['ceilMode', ceilMode],
    ['countIncludePad', countIncludePad],
  ] as const) {
    assert(typeof v === 'boolean', () => `${op}: ${name} must be true or false, got ${JSON.stringify(v)}`, TypeError);
  }
  assert(
    divisorOverride === undefined || (typeof divisorOverride === 'number' && Number.isInteger(divisorOverride) && divisorOverride > 0),
    () => `${op}: divisorOverride must be a positive integer, got ${String(divisorOverride)}`,
  );
  assert(
    Math.max(top, bottom) <= size[0] / 2 && Math.max(left, right) <= size[1] / 2,
    () =>
      `${op}: padding must be at most half the window size on each side, got padding [[${top},${bottom}],[${left},${right}]] for size [${size}]`,
  );
  const inHeight = xShape[xShape.length - 2];
  const inWidth = xShape[xShape.length - 1];
  const extent = [0, 1].map((a) => dilation[a] * (size[a] - 1) + 1);
  assert(
    extent[0] <= inHeight + top + bottom && extent[1] <= inWidth + left + right,
    () =>
      `${op}: the window must fit in the padded input, got window ${extent[0]}x${extent[1]} and padded input ` +
      `${inHeight + top + bottom}x${inWidth + left + right} (x ${fmtShape(xShape)})`,
  );
  const outHeight = poolOutputLength(inHeight, size[0], stride[0], top, bottom, dilation[0], ceilMode);
  const outWidth = poolOutputLength(inWidth, size[1], stride[1], left, right, dilation[1], ceilMode);
  const empty = (o: number, n: number, a: number, before: number) =>
    Array.from({ length: size[a] }, (_, l) => o * stride[a] - before + l * dilation[a]).every((i) => i < 0 || i >= n);
  for (const [a, n, o, before] of [
    [0, inHeight, outHeight, top],
    [1, inWidth, outWidth, left],
  ]) {
    for (let k = 0; k < o; k++) {
      assert(
        !empty(k, n, a, before),
        () =>
          `${op}: every window must hold an input cell, got window ${k} on axis ${a} with only padding (size [${size}], dilation [${dilation}], padding [[${top},${bottom}],[${left},${right}]], x ${fmtShape(xShape)})`,
      );
    }
  }
  return {
    planes: xShape.slice(0, -2).reduce((a, b) => a * b, 1),
    inHeight,
    inWidth,
    outHeight,
    outWidth,
    size,
    stride,
    padding: [top, left],
    paddingEnd: [bottom, right],
    dilation,
    ceilMode,
    countIncludePad,
    divisorOverride,
  };
}

/** Shape of the pooled tensor: x's leading axes, then [outHeight, outWidth]. */
export function pooledShape(xShape: readonly number[], g: Pool2dGeometry): number[] {
  return [...xShape.slice(0, -2), g.outHeight, g.outWidth];
}
