import { assert, assertPositiveInt, fmtShape } from '../assert';
import { type Pair, checkOptions, toPair } from './args';
import { type Conv2dGeometry, conv2dGeometry } from './conv2dGeometry';

/** Options of convTranspose2d and convTranspose2dBackward (PyTorch's ConvTranspose2d meanings). */
export interface ConvTranspose2dOptions {
  /** Step between the input cells' copies of the kernel in the output (zeros between δ's cells). Default 1. */
  stride?: Pair;
  /** Cells cropped from each side of the full output, a number or [ph, pw]. Default 0. */
  padding?: Pair;
  /** Extra cells added at the bottom/right of the output (only bias there); < stride or < dilation. Default 0. */
  outputPadding?: Pair;
  /** Gap between kernel taps. Default 1. */
  dilation?: Pair;
  /** Channel groups (w [C, K/groups, kh, kw]). Default 1. */
  groups?: number;
}

/** The keys of ConvTranspose2dOptions, for checkOptions. */
export const CONV_TRANSPOSE2D_OPTIONS = ['stride', 'padding', 'outputPadding', 'dilation', 'groups'] as const;

/**
 * A transposed convolution's shapes and options: x [N, C, H, W], w [C, K/groups, KH, KW] →
 * y [N, K, OH, OW], and `conv`, the conv2d geometry (input y's shape, the same weights, stride,
 * padding, dilation and groups) whose input gradient this transposed convolution is. conv's output
 * is x's shape, except that an outputPadding ≥ stride (allowed when < dilation) gives it
 * floor(outputPadding/stride) more rows/columns, where x counts as zeros.
 */
export interface ConvTranspose2dGeometry {
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
  readonly padding: readonly [number, number];
  readonly outputPadding: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly groups: number;
  readonly conv: Conv2dGeometry;
}

/**
 * Checks convTranspose2d's shapes and options, naming `op` in errors. PyTorch's output size rule:
 * OH = (H − 1)·s − 2p + d·(KH − 1) + outputPadding + 1, likewise OW.
 *
 * @example
 * convTranspose2dGeometry('convTranspose2d', [64, 20, 12, 12], [20, 24, 4, 4], { stride: 2, padding: 1 }).outHeight; // 24
 */
export function convTranspose2dGeometry(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  opts: ConvTranspose2dOptions = {},
): ConvTranspose2dGeometry {
  checkOptions(op, opts, CONV_TRANSPOSE2D_OPTIONS);
  const shapes = `(x ${fmtShape(xShape)}, w ${fmtShape(wShape)})`;
  assert(xShape.length === 4, () => `${op}: input must be rank 4 (N, C, H, W), got rank ${xShape.length} ${shapes}`);
  assert(wShape.length === 4, () => `${op}: weights must be rank 4 (C, K/groups, KH, KW), got rank ${wShape.length} ${shapes}`);
  assert(
    [...xShape, ...wShape].every((d) => d > 0),
    () => `${op}: input and weights must have no empty axis, got ${shapes}`,
  );
  const [batch, inChannels, inHeight, inWidth] = xShape;
  const [wChannels, kPerGroup, kernelHeight, kernelWidth] = wShape;
  const groups = opts.groups ?? 1;
  assertPositiveInt(op, 'groups', groups);
  assert(
    inChannels === wChannels,
    () =>
      `${op}: weights must have the input's ${inChannels} channels on axis 0 (PyTorch's layout [C, K/groups, KH, KW]), got ${wChannels} ${shapes}`,
  );
  assert(
    inChannels % groups === 0,
    () => `${op}: groups must divide the input channels, got groups ${groups} for ${inChannels} input channels ${shapes}`,
  );
  const stride = toPair(op, 'stride', opts.stride ?? 1);
  const dilation = toPair(op, 'dilation', opts.dilation ?? 1);
  const padding = toPair(op, 'padding', opts.padding ?? 0, true);
  const outputPadding = toPair(op, 'outputPadding', opts.outputPadding ?? 0, true);
  for (const a of [0, 1]) {
    assert(
      outputPadding[a] < stride[a] || outputPadding[a] < dilation[a],
      () =>
        `${op}: outputPadding must be smaller than stride or dilation, got outputPadding [${outputPadding}] with stride [${stride}] and dilation [${dilation}]`,
    );
  }
  const size = (i: number, a: number, k: number) => (i - 1) * stride[a] - 2 * padding[a] + dilation[a] * (k - 1) + outputPadding[a] + 1;
  const outHeight = size(inHeight, 0, kernelHeight);
  const outWidth = size(inWidth, 1, kernelWidth);
  assert(
    outHeight > 0 && outWidth > 0,
    () =>
      `${op}: the output (H − 1)·s − 2p + d·(k − 1) + outputPadding + 1 must be positive, got ${outHeight}x${outWidth} ` +
      `with stride [${stride}], padding [${padding}], dilation [${dilation}], outputPadding [${outputPadding}] ${shapes}`,
  );
  const outChannels = kPerGroup * groups;
  const conv = conv2dGeometry(op, [batch, outChannels, outHeight, outWidth], wShape, {
    stride,
    dilation,
    groups,
    padding: [
      [padding[0], padding[0]],
      [padding[1], padding[1]],
    ],
  });
  return {
    batch,
    inChannels,
    inHeight,
    inWidth,
    outChannels,
    kernelHeight,
    kernelWidth,
    outHeight,
    outWidth,
    stride,
    padding,
    outputPadding,
    dilation,
    groups,
    conv,
  };
}
