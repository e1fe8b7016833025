import { expect } from 'vitest';
import { Tensor } from '../../../kernel-lib/src';

/** Central differences of a scalar function f at t: (f(t + eps·e_i) − f(t − eps·e_i)) / 2eps. */
export function numericGrad(f: (t: Tensor) => number, t: Tensor, eps = 1e-6): Float64Array {
  const grad = new Float64Array(t.size);
  for (let i = 0; i < t.size; i++) {
    const plus = Float64Array.from(t.data);
    const minus = Float64Array.from(t.data);
    plus[i] += eps;
    minus[i] -= eps;
    grad[i] = (f(new Tensor(t.shape, plus)) - f(new Tensor(t.shape, minus))) / (2 * eps);
  }
  return grad;
}

/** Σ a ⊙ b: the scalar loss L = Σ dy ⊙ y whose gradient with respect to y is dy. */
export function dot(a: Tensor, b: Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return a.data.reduce((s, v, i) => s + v * b.data[i], 0);
}

/** max |a − b| ≤ tol · max(1, max |b|): a relative error in the max norm. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  expect(worst / scale).toBeLessThanOrEqual(tol);
}

/** Nested arrays of a rank-2 tensor's values. */
export function rows(t: Tensor): number[][] {
  return t.toArray() as number[][];
}
