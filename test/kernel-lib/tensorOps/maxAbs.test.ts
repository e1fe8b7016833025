import { describe, expect, it } from 'vitest';
import { Tensor, maxAbs, maxAbsDiff, tensor } from '../../../kernel-lib/src';

describe('maxAbs', () => {
  it('maxAbs([[1,-3],[2,0]]) = 3; 0 for an empty tensor; NaN if an entry is NaN', () => {
    expect(
      maxAbs(
        tensor([
          [1, -3],
          [2, 0],
        ]),
      ),
    ).toBe(3);
    expect(maxAbs(tensor([], [0]))).toBe(0);
    expect(maxAbs(new Tensor([2], Float64Array.from([1, NaN])))).toBeNaN();
  });

  it('throws when a is not a Tensor', () => {
    expect(() => maxAbs(Float64Array.from([1]) as never)).toThrow(/^maxAbs: a must be a Tensor, got Float64Array$/);
  });
});

describe('maxAbsDiff', () => {
  it('maxAbsDiff([1,2,3], [1,2.5,2]) = 1; identical tensors give 0', () => {
    expect(maxAbsDiff(tensor([1, 2, 3]), tensor([1, 2.5, 2]))).toBe(1);
    expect(maxAbsDiff(tensor([[1, 2]]), tensor([[1, 2]]))).toBe(0);
  });

  it('is symmetric and sees the sign: |−1 − 2| = 3', () => {
    expect(maxAbsDiff(tensor([-1, 0]), tensor([2, 0]))).toBe(3);
    expect(maxAbsDiff(tensor([2, 0]), tensor([-1, 0]))).toBe(3);
  });

  it('is NaN when a difference is NaN, so a tolerance check fails', () => {
    const withNaN = new Tensor([2], Float64Array.from([1, NaN]));
    expect(maxAbsDiff(withNaN, tensor([1, 2])) <= 1e-12).toBe(false);
  });

  it('throws when the shapes differ', () => {
    expect(() => maxAbsDiff(tensor([[1, 2]]), tensor([1, 2]))).toThrow(
      /^maxAbsDiff: a and b must have the same shape, got \[1,2\] and \[2\]$/,
    );
  });

  it('throws when a or b is not a Tensor', () => {
    expect(() => maxAbsDiff(tensor([1]), [1] as never)).toThrow(/^maxAbsDiff: b must be a Tensor, got array \[1\]$/);
  });
});
