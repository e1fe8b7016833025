import { assert, fmtShape } from '../assert';
import { type Padding, outputLength, resolvePadding } from './convOutputSize';
import { type Pair, toPair } from './args';

/** Options of conv2d and conv2dBackward; each is one number for both axes or [h, w]. */
export interface Conv2dOptions {
  /** Step between windows. Default 1. */
  stride?: Pair;
  /** Zeros per side, or 'valid' (0), 'same' or 'full' (see `resolvePadding`). Default 0. */
  padding?: Pair | 'valid' | 'same' | 'full';
  /** Gap between kernel taps; 1 is a dense kernel. Default 1. */
  dilation?: Pair;
}

/**
 * Everything a conv2d kernel needs besides the numbers: shapes (x [N,C,H,W], w [K,C,KH,KW],
 * y [N,K,OH,OW]) and the resolved stride, dilation and per-side padding.
 * Output (oy, ox) reads input row oy·stride[0] − top + l·dilation[0] for kernel row l.
 */
export interface Conv2dGeometry {
  readonly batch: number;
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly padding: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
}

/**
 * Checks conv2d's shapes and options and resolves them into a geometry, naming `op` in errors.
 * Output size per axis: floor((i + before + after − d(k − 1) − 1)/s) + 1.
 *
 * @example
 * conv2dGeometry('conv2d', [1, 1, 28, 28], [20, 1, 5, 5]).outHeight; // 24
 */
export function conv2dGeometry(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  opts: Conv2dOptions = {},
): Conv2dGeometry {
  const shapes = `(x ${fmtShape(xShape)}, w ${fmtShape(wShape)})`;
  assert(xShape.length === 4, () => `${op}: input must be rank 4 (N, C, H, W), got rank ${xShape.length} ${shapes}`);
  assert(wShape.length === 4, () => `${op}: weights must be rank 4 (K, C, KH, KW), got rank ${wShape.length} ${shapes}`);
  assert(
    [...xShape, ...wShape].every((d) => d > 0),
    () => `${op}: input and weights must have no empty axis, got ${shapes}`,
  );
  const [batch, inChannels, inHeight, inWidth] = xShape;
  const [outChannels, wChannels, kernelHeight, kernelWidth] = wShape;
  assert(
    inChannels === wChannels,
    () => `${op}: input has ${inChannels} channels but weights expect ${wChannels} ${shapes}`,
  );
  const { stride: s = 1, padding: p = 0, dilation: d = 1 } = opts;
  const stride = toPair(op, 'stride', s);
  const dilation = toPair(op, 'dilation', d);
  assert(
    typeof p !== 'string' || p === 'valid' || p === 'same' || p === 'full',
    () => `${op}: padding must be a non-negative integer, a pair [h, w] of them, 'valid', 'same' or 'full', got '${p}'`,
  );
  const [padH, padW]: [Padding, Padding] = typeof p === 'string' ? [p, p] : toPair(op, 'padding', p, true);
  const [top, bottom] = resolvePadding(padH, kernelHeight, dilation[0]);
  const [left, right] = resolvePadding(padW, kernelWidth, dilation[1]);
  const extentH = dilation[0] * (kernelHeight - 1) + 1;
  const extentW = dilation[1] * (kernelWidth - 1) + 1;
  assert(
    extentH <= inHeight + top + bottom && extentW <= inWidth + left + right,
    () =>
      `${op}: the dilated kernel must fit in the padded input, got kernel ${extentH}x${extentW} ` +
      `and padded input ${inHeight + top + bottom}x${inWidth + left + right} ${shapes}`,
  );
  return {
    batch,
    inChannels,
    inHeight,
    inWidth,
    outChannels,
    kernelHeight,
    kernelWidth,
    outHeight: outputLength(op, inHeight, kernelHeight, stride[0], top + bottom, dilation[0]),
    outWidth: outputLength(op, inWidth, kernelWidth, stride[1], left + right, dilation[1]),
    stride,
    dilation,
    padding: { top, bottom, left, right },
  };
}
