import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randn, rot180, tensor } from '../../../kernel-lib/src';

describe('rot180', () => {
  it("k=[3,3] w11…w33 becomes the notes' table w33 w32 w31 / w23 w22 w21 / w13 w12 w11", () => {
    const k = tensor([
      [11, 12, 13],
      [21, 22, 23],
      [31, 32, 33],
    ]);
    expect(rot180(k).toArray()).toEqual([
      [33, 32, 31],
      [23, 22, 21],
      [13, 12, 11],
    ]);
  });

  it('k=[2,1,2,2] turns each kernel of a stack separately', () => {
    const k = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
      [
        [
          [5, 6],
          [7, 8],
        ],
      ],
    ]);
    expect(rot180(k).toArray()).toEqual([
      [
        [
          [4, 3],
          [2, 1],
        ],
      ],
      [
        [
          [8, 7],
          [6, 5],
        ],
      ],
    ]);
  });

  it('is its own inverse and keeps the shape', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }), fc.integer(), (shape, seed) => {
        const k = randn(shape, seed);
        expect(rot180(k).shape).toEqual(shape);
        expect(Array.from(rot180(rot180(k)).data)).toEqual(Array.from(k.data));
      }),
    );
  });

  it('throws when k is rank 1', () => {
    expect(() => rot180(tensor([1, 2]))).toThrow(/rot180: k must be rank ≥ 2 \(\.\.\., h, w\), got rank 1/);
  });

  it('throws when k is not a Tensor', () => {
    expect(() => rot180([[1]] as never)).toThrow(/rot180: k must be a Tensor, got array/);
  });
});
