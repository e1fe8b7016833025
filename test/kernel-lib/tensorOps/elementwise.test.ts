import { describe, expect, it } from 'vitest';
import { add, mul, randn, sub, tensor } from '../../../kernel-lib/src';

describe('add, sub, mul', () => {
  const a = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = tensor([
    [10, -20, 0.5],
    [0, 2, -1],
  ]);

  it('a=[2,3] b=[2,3]: entry by entry, hand-computed', () => {
    expect(add(a, b).toArray()).toEqual([
      [11, -18, 3.5],
      [4, 7, 5],
    ]);
    expect(sub(a, b).toArray()).toEqual([
      [-9, 22, 2.5],
      [4, 3, 7],
    ]);
    expect(mul(a, b).toArray()).toEqual([
      [10, -40, 1.5],
      [0, 10, -6],
    ]);
  });

  it('a=[2,1,3,3]: keep the shape, agree with Tensor.get entry by entry, and leave the inputs alone', () => {
    const [x, y] = [randn([2, 1, 3, 3], 1), randn([2, 1, 3, 3], 2)];
    const before = Array.from(x.data);
    const [s, d, p] = [add(x, y), sub(x, y), mul(x, y)];
    for (const t of [s, d, p]) expect(t.shape).toEqual([2, 1, 3, 3]);
    expect(s.get(1, 0, 2, 1)).toBe(x.get(1, 0, 2, 1) + y.get(1, 0, 2, 1));
    expect(d.get(0, 0, 1, 2)).toBe(x.get(0, 0, 1, 2) - y.get(0, 0, 1, 2));
    expect(p.get(1, 0, 0, 0)).toBe(x.get(1, 0, 0, 0) * y.get(1, 0, 0, 0));
    expect(Array.from(x.data)).toEqual(before);
  });

  it('a=[] (rank 0) and a=[0,3] (empty) work too', () => {
    expect(mul(tensor(3), tensor(4)).toArray()).toBe(12);
    expect(add(tensor([], [0, 3]), tensor([], [0, 3])).shape).toEqual([0, 3]);
  });

  it('throws when the shapes differ, even with as many entries', () => {
    expect(() =>
      add(
        a,
        tensor([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      ),
    ).toThrow(/^add: a and b must have the same shape, got \[2,3\] and \[3,2\]$/);
    expect(() => sub(a, tensor([1, 2, 3]))).toThrow(/^sub: a and b must have the same shape, got \[2,3\] and \[3\]$/);
    expect(() => mul(a, a.reshape([6]))).toThrow(RangeError);
  });

  it('throws when a or b is not a Tensor', () => {
    expect(() => mul([1, 2] as never, a)).toThrow(/^mul: a must be a Tensor, got array \[1,2\]$/);
    expect(() => add(a, 1 as never)).toThrow(TypeError);
    expect(() => add(a, 1 as never)).toThrow(/^add: b must be a Tensor, got 1$/);
  });
});
