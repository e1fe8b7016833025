import { describe, expect, it } from 'vitest';
import { Tensor, tensor, zeros } from '../../kernel-lib/src';

describe('tensor', () => {
  it('tensor([[1,2,3],[4,5,6]]) infers shape [2,3] and stores row-major', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.get(1, 0)).toBe(4);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('tensor(flat, [2,2]) keeps the flat values and the shape', () => {
    const t = tensor([1, 2, 3, 4], [2, 2]);
    expect(t.get(0, 1)).toBe(2);
    expect(t.reshape([4]).toArray()).toEqual([1, 2, 3, 4]);
  });

  it('zeros([2,3,4]) has 24 zeros', () => {
    const t = zeros([2, 3, 4]);
    expect(t.size).toBe(24);
    expect(t.data.every((v) => v === 0)).toBe(true);
  });

  it('throws when nested arrays are ragged', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/tensor: ragged nested array, expected length 2 at \[1\]/);
  });

  it('throws when flat values do not fill the shape', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/Tensor: data length must equal the product of the shape \[2,2\] = 4, got 3/);
  });

  it('throws when an index is out of range', () => {
    expect(() => zeros([2, 2]).get(2, 0)).toThrow(/Tensor.get: index 2 is out of range 0..1 on axis 0/);
  });

  it('throws when reshaping to another size', () => {
    expect(() => zeros([2, 3]).reshape([4])).toThrow(/Tensor.reshape: new shape \[4\] has 4 elements/);
  });

  it('never mutates: reshape shares no shape array with its source', () => {
    const t = new Tensor([2, 2], new Float64Array(4));
    expect(Object.isFrozen(t.shape)).toBe(true);
  });
});
