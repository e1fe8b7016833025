import { describe, expect, it } from 'vitest';
import { accuracy, argmax, oneHot, takeRows, tensor } from '../../../kernel-lib/src';

describe('data helpers', () => {
  it('oneHot([2, 0], 3) = [[0,0,1],[1,0,0]]', () => {
    expect(oneHot([2, 0], 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('takeRows picks examples along the first axis, in order', () => {
    expect(
      takeRows(
        tensor([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
        [2, 0],
      ).toArray(),
    ).toEqual([
      [5, 6],
      [1, 2],
    ]);
    expect(takeRows(tensor([[[1]], [[2]]]), [1]).shape).toEqual([1, 1, 1]);
  });

  it('argmax per row; ties go to the first', () => {
    expect(
      argmax(
        tensor([
          [0.1, 0.7, 0.2],
          [3, 3, 1],
        ]),
      ),
    ).toEqual([1, 0]);
  });

  it('accuracy([[.9,.1],[.8,.2]], classes [0, 1]) = 0.5', () => {
    expect(
      accuracy(
        tensor([
          [0.9, 0.1],
          [0.8, 0.2],
        ]),
        oneHot([0, 1], 2),
      ),
    ).toBe(0.5);
  });

  it('throws when a label is out of range', () => {
    expect(() => oneHot([0, 3], 3)).toThrow(/oneHot: labels must be integers in 0..2, got 3 at index 1/);
  });

  it('throws when classes is not a positive integer', () => {
    expect(() => oneHot([0], 0)).toThrow(/oneHot: classes must be a positive integer, got 0/);
  });

  it('throws when an index is out of range', () => {
    expect(() => takeRows(tensor([[1], [2]]), [2])).toThrow(/takeRows: indices must be in 0..1, got 2/);
  });

  it('throws when takeRows gets a rank-0 tensor', () => {
    expect(() => takeRows(tensor(1), [0])).toThrow(/takeRows: t must have rank ≥ 1, got \[\]/);
  });

  it('throws when argmax gets a rank-0 tensor', () => {
    expect(() => argmax(tensor(1))).toThrow(/argmax: t must have a non-empty last axis, got \[\]/);
  });

  it('throws when accuracy gets shapes that differ', () => {
    expect(() => accuracy(tensor([[1, 0]]), tensor([[1, 0, 0]]))).toThrow(/accuracy: y must have the shape of output \[1,2\], got \[1,3\]/);
  });

  it('throws when accuracy gets something other than Tensors', () => {
    expect(() => accuracy([[1]] as never, tensor([[1]]))).toThrow(/accuracy: output must be a Tensor, got array/);
  });
});
