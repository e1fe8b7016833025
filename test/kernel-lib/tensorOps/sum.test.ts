import { describe, expect, it } from 'vitest';
import { mul, sum, tensor } from '../../../kernel-lib/src';

describe('sum', () => {
  it('sum([[1,2],[3,4]]) = 10; sum of a rank-0 tensor is its value; of an empty one 0', () => {
    expect(
      sum(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe(10);
    expect(sum(tensor(-2.5))).toBe(-2.5);
    expect(sum(tensor([], [0, 2]))).toBe(0);
  });

  it('sum(mul(δ, z)) is the inner product Σ δ ⊙ z: 1·4 + 2·(−5) + 3·6 = 12', () => {
    expect(sum(mul(tensor([1, 2, 3]), tensor([4, -5, 6])))).toBe(12);
  });

  it('throws when a is not a Tensor', () => {
    expect(() => sum([1, 2] as never)).toThrow(/^sum: a must be a Tensor, got array \[1,2\]$/);
  });
});
