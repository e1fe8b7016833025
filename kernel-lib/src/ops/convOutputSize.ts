import { assert, assertPositiveInt } from '../assert';
import { namedPadding } from '../contract/shapes';

/** How to pad one axis: zeros per side, or a named rule. */
export type Padding = number | 'valid' | 'same' | 'full';

/**
 * Zeros added [before, after] on one axis for a kernel of `kernel` taps spread `dilation` apart,
 * whose effective extent is e = dilation·(kernel − 1) + 1:
 * - a number p: [p, p];
 * - 'valid': [0, 0], the kernel stays inside the input;
 * - 'full': [e − 1, e − 1], every output that touches one input cell;
 * - 'same': TensorFlow's rule, the output has ceil(i/s) cells: total padding
 *   t = max((ceil(i/s) − 1)·s + e − i, 0), floor(t/2) before and the rest after, so an odd extra
 *   zero goes to the bottom/right. With stride 1, t = e − 1 (PyTorch's padding='same' and scipy's
 *   correlate2d 'same' agree); with stride s > 1 the input length i is needed (PyTorch refuses
 *   that case; this is TensorFlow/Keras's 'same', never a third rule).
 *
 * @example
 * resolvePadding('same', 4); // [1, 2]
 * resolvePadding('full', 3, 2); // [4, 4]
 * resolvePadding('same', 3, 1, 2, 4); // [0, 1]: TensorFlow's 'same', 4 → 2 with stride 2
 */
export function resolvePadding(padding: Padding, kernel: number, dilation = 1, stride = 1, input?: number): [number, number] {
  const op = 'resolvePadding';
  assertPositiveInt(op, 'kernel', kernel);
  assertPositiveInt(op, 'dilation', dilation);
  assertPositiveInt(op, 'stride', stride);
  switch (padding) {
    case 'valid':
    case 'full':
      return namedPadding(padding, input ?? 1, kernel, stride, dilation);
    case 'same': {
      if (stride === 1) return namedPadding('same', 1, kernel, 1, dilation);
      assertPositiveInt(op, "input size (needed by 'same' with stride > 1)", input);
      return namedPadding('same', input, kernel, stride, dilation);
    }
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
  const [before, after] = resolvePadding(padding, k, dilation, stride, i);
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
