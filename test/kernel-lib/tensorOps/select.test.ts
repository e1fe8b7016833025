import { describe, expect, it } from 'vitest';
import { randn, select, tensor } from '../../../kernel-lib/src';

describe('select', () => {
  const x = tensor([
    [
      [1, 2],
      [3, 4],
    ],
    [
      [5, 6],
      [7, 8],
    ],
  ]); // [2, 2, 2]

  it('x=[2,2,2]: select(x, 1) = [[5,6],[7,8]], select(x, 1, 0) = [5,6], select(x, 1, 0, 1) = 6', () => {
    expect(select(x, 1).toArray()).toEqual([
      [5, 6],
      [7, 8],
    ]);
    expect(select(x, 1, 0).toArray()).toEqual([5, 6]);
    const scalar = select(x, 1, 0, 1);
    expect(scalar.shape).toEqual([]);
    expect(scalar.toArray()).toBe(6);
    expect(select(x).toArray()).toEqual(x.toArray());
  });

  it('t=[2,3,4,5]: select(t, n, c) is the [4,5] plane t[n][c][i][j], for every n and c', () => {
    const t = randn([2, 3, 4, 5], 1);
    for (let n = 0; n < 2; n++) {
      for (let c = 0; c < 3; c++) {
        const plane = select(t, n, c);
        expect(plane.shape).toEqual([4, 5]);
        for (let i = 0; i < 4; i++) for (let j = 0; j < 5; j++) expect(plane.get(i, j)).toBe(t.get(n, c, i, j));
      }
    }
  });

  it('returns a copy: changing it leaves t as it was', () => {
    const plane = select(x, 0);
    plane.data[0] = 100;
    expect(x.get(0, 0, 0)).toBe(1);
  });

  it('throws when there are more indices than axes', () => {
    expect(() => select(x, 0, 0, 0, 0)).toThrow(/^select: index must have at most 3 components for shape \[2,2,2\], got 4$/);
  });

  it('throws when an index is out of range or not an integer', () => {
    expect(() => select(x, 0, 2)).toThrow(/^select: index on axis 1 must be an integer in 0\.\.1 for shape \[2,2,2\], got 2$/);
    expect(() => select(x, -1)).toThrow(/^select: index on axis 0 must be an integer in 0\.\.1 for shape \[2,2,2\], got -1$/);
    expect(() => select(x, 0.5)).toThrow(RangeError);
  });

  it('throws when t is not a Tensor', () => {
    expect(() => select([[1]] as never, 0)).toThrow(/^select: t must be a Tensor, got array \[1\]$/);
  });
});
