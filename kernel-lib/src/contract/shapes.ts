/**
 * The shape rules a payload must keep (the validator checks them; the views draw by them). The one
 * place they are written for the views; 0-based [rows, cols].
 */

/** Output shape of a 'valid', stride-1 correlation of an h x w input with a kh x kw kernel. */
export function validShape(input: readonly number[], kernel: readonly number[]): [number, number] {
  return [input[0] - kernel[0] + 1, input[1] - kernel[1] + 1];
}

/** Output shape of a 'full' correlation: the earlier layer's δ from the later one's. */
export function fullShape(delta: readonly number[], kernel: readonly number[]): [number, number] {
  return [delta[0] + kernel[0] - 1, delta[1] + kernel[1] - 1];
}

/** Shape of pooling with windows that tile the map (stride = size); the remainder is dropped. */
export function pooledShape(input: readonly number[], size: readonly number[]): [number, number] {
  return [0, 1].map((a) => pooledLength(input[a], size[a], size[a], 0, 0, 1, false)) as [number, number];
}

/**
 * conv_arithmetic's relationship along one axis: o = ⌊(n + before + after − d(k − 1) − 1)/s⌋ + 1
 * for n inputs, a k-tap kernel with dilation d, stride s and zeros before/after; 0 when the
 * dilated kernel does not fit in the padded input.
 */
export function spacedLength(n: number, k: number, s: number, before: number, after: number, d: number): number {
  const span = n + before + after - d * (k - 1) - 1;
  return span < 0 ? 0 : Math.floor(span / s) + 1;
}

/**
 * Zeros [before, after] a named padding rule adds on one axis, for a kernel of k taps spread d
 * apart (extent e = d(k − 1) + 1), stride s and n inputs: 'valid' none, 'full' e − 1 each side,
 * 'same' TensorFlow's rule (the output has ⌈n/s⌉ cells; total t = max((⌈n/s⌉ − 1)·s + e − n, 0),
 * ⌊t/2⌋ before, the odd one after). The one rule: ops' resolvePadding and the explorer read it.
 */
export function namedPadding(rule: 'valid' | 'same' | 'full', n: number, k: number, s: number, d: number): [number, number] {
  const extent = d * (k - 1) + 1;
  if (rule === 'valid') return [0, 0];
  if (rule === 'full') return [extent - 1, extent - 1];
  const total = Math.max((Math.ceil(n / s) - 1) * s + extent - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * PyTorch's pooling length along one axis: ⌊ or ⌈(n + before + after − d(k − 1) − 1)/s⌉ + 1, in
 * ceil mode one less when the last window would start at or past n + before (only padding).
 */
export function pooledLength(n: number, k: number, s: number, before: number, after: number, d: number, ceil: boolean): number {
  const span = n + before + after - d * (k - 1) - 1;
  if (span < 0) return 0;
  let o = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (o - 1) * s >= n + before) o--;
  return o;
}
