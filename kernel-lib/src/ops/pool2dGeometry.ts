import { assert, fmtShape } from '../assert';
import { type Pair, toPair } from './args';
import { outputLength } from './convOutputSize';

/** Options of the pooling ops; each is one number for both axes or [h, w]. */
export interface Pool2dOptions {
  /** Window size. Default 2. */
  size?: Pair;
  /** Step between windows. Default `size`: the windows tile the map, as in the notes. */
  stride?: Pair;
  /** Cells added on every side, at most half the window (PyTorch's rule). Default 0. */
  padding?: Pair;
}

/**
 * Everything a pooling kernel needs besides the numbers. The last two axes of x ([..., H, W]) are
 * pooled; the leading axes (e.g. N and C) are flattened into `planes` independent maps.
 * Window (oy, ox) covers input rows oy·stride[0] − padding[0] … + size[0] − 1, likewise columns.
 */
export interface Pool2dGeometry {
  readonly planes: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly size: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
}

/**
 * Checks a pooling op's input shape and options and resolves them, naming `op` in errors.
 * Output size per axis: floor((i + 2p − size)/stride) + 1.
 *
 * @example
 * pool2dGeometry('maxPool2d', [1, 20, 24, 24]).outHeight; // 12
 */
export function pool2dGeometry(op: string, xShape: readonly number[], opts: Pool2dOptions = {}): Pool2dGeometry {
  assert(xShape.length >= 2, () => `${op}: input must be rank ≥ 2 (..., H, W), got rank ${xShape.length} (x ${fmtShape(xShape)})`);
  assert(xShape.every((d) => d > 0), () => `${op}: input must have no empty axis, got x ${fmtShape(xShape)}`);
  const size = toPair(op, 'size', opts.size ?? 2);
  const stride = toPair(op, 'stride', opts.stride ?? size);
  const padding = toPair(op, 'padding', opts.padding ?? 0, true);
  assert(
    padding[0] <= size[0] / 2 && padding[1] <= size[1] / 2,
    () => `${op}: padding must be at most half the window size, got padding [${padding}] for size [${size}]`,
  );
  const inHeight = xShape[xShape.length - 2];
  const inWidth = xShape[xShape.length - 1];
  assert(
    size[0] <= inHeight + 2 * padding[0] && size[1] <= inWidth + 2 * padding[1],
    () =>
      `${op}: the window must fit in the padded input, got window ${size[0]}x${size[1]} and padded input ` +
      `${inHeight + 2 * padding[0]}x${inWidth + 2 * padding[1]} (x ${fmtShape(xShape)})`,
  );
  return {
    planes: xShape.slice(0, -2).reduce((a, b) => a * b, 1),
    inHeight,
    inWidth,
    outHeight: outputLength(op, inHeight, size[0], stride[0], 2 * padding[0], 1),
    outWidth: outputLength(op, inWidth, size[1], stride[1], 2 * padding[1], 1),
    size,
    stride,
    padding,
  };
}

/** Shape of the pooled tensor: x's leading axes, then [outHeight, outWidth]. */
export function pooledShape(xShape: readonly number[], g: Pool2dGeometry): number[] {
  return [...xShape.slice(0, -2), g.outHeight, g.outWidth];
}
