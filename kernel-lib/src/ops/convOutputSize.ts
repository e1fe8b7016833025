import { assert, assertPositiveInt } from '../assert';

/** How to pad one axis: zeros per side, or a named rule. */
export type Padding = number | 'valid' | 'same' | 'full';

/**
 * Zeros added [before, after] on one axis for a kernel of `kernel` taps spread `dilation` apart,
 * whose effective extent is e = dilation·(kernel − 1) + 1:
 * - a number p: [p, p];
 * - 'valid': [0, 0], the kernel stays inside the input;
 * - 'full': [e − 1, e − 1], every output that touches one input cell;
 * - 'same': e − 1 in total, floor((e − 1)/2) before and the rest after, so an even kernel gets its
 *   extra zero at the bottom/right (PyTorch's padding='same'; scipy's correlate2d 'same' agrees).
 *   With stride 1 the output has the input's size; with stride s it has ceil(i/s).
 *
 * @example
 * resolvePadding('same', 4); // [1, 2]
 * resolvePadding('full', 3, 2); // [4, 4]
 */
export function resolvePadding(padding: Padding, kernel: number, dilation = 1): [number, number] {
  const op = 'resolvePadding';
  assertPositiveInt(op, 'kernel', kernel);
  assertPositiveInt(op, 'dilation', dilation);
  const extent = dilation * (kernel - 1) + 1;
  switch (padding) {
    case 'valid':
      return [0, 0];
    case 'full':
      return [extent - 1, extent - 1];
    case 'same':
      return [Math.floor((extent - 1) / 2), Math.ceil((extent - 1) / 2)];
    default:
      assert(
        typeof padding === 'number' && Number.isInteger(padding) && padding >= 0,
        () => `${op}: padding must be a non-negative integer or 'valid', 'same' or 'full', got ${String(padding)}`,
      );
      return [padding, padding];
  }
}

/**
 * Output length of a convolution or pooling along one axis:
 * o = floor((i + 2p − d(k − 1) − 1)/s) + 1, with p per side (or a named rule, see `resolvePadding`).
 *
 * @example
 * convOutputSize(28, 5); // 24, the notes' 28x28 image under a 5x5 kernel
 * convOutputSize(24, 2, { stride: 2 }); // 12, then 2x2 pooling
 */
export function convOutputSize(
  i: number,
  k: number,
  { stride = 1, padding = 0, dilation = 1 }: { stride?: number; padding?: Padding; dilation?: number } = {},
): number {
  const op = 'convOutputSize';
  assertPositiveInt(op, 'input size', i);
  assertPositiveInt(op, 'kernel size', k);
  assertPositiveInt(op, 'stride', stride);
  assertPositiveInt(op, 'dilation', dilation);
  const [before, after] = resolvePadding(padding, k, dilation);
  return outputLength(op, i, k, stride, before + after, dilation);
}

/** The output-size rule with total padding `pad` (before + after), checking the kernel fits. */
export function outputLength(op: string, i: number, k: number, stride: number, pad: number, dilation: number): number {
  const extent = dilation * (k - 1) + 1;
  assert(
    extent <= i + pad,
    () => `${op}: the dilated kernel must fit in the padded input, got kernel extent ${extent} > padded input ${i + pad}`,
  );
  return Math.floor((i + pad - extent) / stride) + 1;
}
