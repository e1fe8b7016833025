import { assert, assertPositiveInt, fmtShape } from '../assert';
import { outputLength, resolvePadding } from './convOutputSize';
import { type Pair, type Sides, checkOptions, toPair, toSides } from './args';

/** conv2d's padding: zeros per side p, per axis [ph, pw], sides [[top, bottom], [left, right]], or a rule. */
export type ConvPadding = Pair | Sides | 'valid' | 'same' | 'full';

/** Options of conv2d and conv2dBackward; stride and dilation are one number for both axes or [h, w]. */
export interface Conv2dOptions {
  /** Step between windows. Default 1. */
  stride?: Pair;
  /** Zeros per side, per axis, explicit sides, or 'valid' (0), 'same' or 'full' (see `resolvePadding`). Default 0. */
  padding?: ConvPadding;
  /** Gap between kernel taps; 1 is a dense kernel. Default 1. */
  dilation?: Pair;
  /** Channel groups: input channel block g feeds only output channel block g (C/groups = w's axis 1). Default 1. */
  groups?: number;
}

/** The keys of Conv2dOptions, for checkOptions. */
export const CONV2D_OPTIONS = ['stride', 'padding', 'dilation', 'groups'] as const;

/**
 * Everything a conv2d kernel needs besides the numbers: shapes (x [N,C,H,W], w [K,C/groups,KH,KW],
 * y [N,K,OH,OW]) and the resolved stride, dilation, per-side padding and groups.
 * Output (oy, ox) reads input row oy·stride[0] − top + l·dilation[0] for kernel row l; output
 * channel k reads input channels g·C/groups … (g + 1)·C/groups − 1 with g = floor(k/(K/groups)).
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
  readonly groups: number;
}

/**
 * Checks conv2d's shapes and options and resolves them into a geometry, naming `op` in errors.
 * Output size per axis: floor((i + before + after − d(k − 1) − 1)/s) + 1.
 *
 * @example
 * conv2dGeometry('conv2d', [1, 1, 28, 28], [20, 1, 5, 5]).outHeight; // 24
 * conv2dGeometry('conv2d', [1, 32, 56, 56], [32, 1, 3, 3], { groups: 32, padding: 1 }).outHeight; // 56
 */
export function conv2dGeometry(op: string, xShape: readonly number[], wShape: readonly number[], opts: Conv2dOptions = {}): Conv2dGeometry {
  checkOptions(op, opts, CONV2D_OPTIONS);
  const shapes = `(x ${fmtShape(xShape)}, w ${fmtShape(wShape)})`;
  assert(xShape.length === 4, () => `${op}: input must be rank 4 (N, C, H, W), got rank ${xShape.length} ${shapes}`);
  assert(wShape.length === 4, () => `${op}: weights must be rank 4 (K, C/groups, KH, KW), got rank ${wShape.length} ${shapes}`);
  assert(
    [...xShape, ...wShape].every((d) => d > 0),
    () => `${op}: input and weights must have no empty axis, got ${shapes}`,
  );
  const [batch, inChannels, inHeight, inWidth] = xShape;
  const [outChannels, wChannels, kernelHeight, kernelWidth] = wShape;
  const { stride: s = 1, padding: p = 0, dilation: d = 1, groups = 1 } = opts;
  assertPositiveInt(op, 'groups', groups);
  assert(
    inChannels % groups === 0 && outChannels % groups === 0,
    () =>
      `${op}: groups must divide the input and output channels, got groups ${groups} for ${inChannels} input and ${outChannels} output channels ${shapes}`,
  );
  assert(inChannels === wChannels * groups, () =>
    groups === 1
      ? `${op}: input has ${inChannels} channels but weights expect ${wChannels} ${shapes}`
      : `${op}: weights must have C/groups = ${inChannels / groups} channels on axis 1 (PyTorch's layout), got ${wChannels} ${shapes}`,
  );
  const stride = toPair(op, 'stride', s);
  const dilation = toPair(op, 'dilation', d);
  let sides: [[number, number], [number, number]];
  if (typeof p === 'string') {
    assert(
      p === 'valid' || p === 'same' || p === 'full',
      () =>
        `${op}: padding must be a non-negative integer, a pair [ph, pw], sides [[top, bottom], [left, right]], 'valid', 'same' or 'full', got '${p}'`,
    );
    sides = [
      resolvePadding(p, kernelHeight, dilation[0], stride[0], inHeight),
      resolvePadding(p, kernelWidth, dilation[1], stride[1], inWidth),
    ];
  } else {
    sides = toSides(op, p);
  }
  const [[top, bottom], [left, right]] = sides;
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
    groups,
  };
}
