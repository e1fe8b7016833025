import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pad2d, randn, tensor } from '../../../kernel-lib/src';

describe('pad2d', () => {
  it('x=[1,1] p=1: a border of zeros', () => {
    expect(pad2d(tensor([[1]]), 1).toArray()).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('x=[2,2] p=[0,1]: columns only', () => {
    expect(
      pad2d(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [0, 1],
      ).toArray(),
    ).toEqual([
      [0, 1, 2, 0],
      [0, 3, 4, 0],
    ]);
  });

  it('x=[1,2] p=[[1,0],[0,2]]: one row on top, two columns on the right', () => {
    expect(
      pad2d(tensor([[1, 2]]), [
        [1, 0],
        [0, 2],
      ]).toArray(),
    ).toEqual([
      [0, 0, 0, 0],
      [1, 2, 0, 0],
    ]);
  });

  it('x=[2,1,1,1] p=1 pads every plane of a rank-4 tensor', () => {
    const out = pad2d(tensor([[[[1]]], [[[2]]]]), 1);
    expect(out.shape).toEqual([2, 1, 3, 3]);
    expect(out.get(1, 0, 1, 1)).toBe(2);
    expect(out.data.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('keeps every value at its shifted place and adds only zeros', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
        fc.integer(),
        (planes, h, w, [t, b, l, r], seed) => {
          const x = randn([planes, h, w], seed);
          const out = pad2d(x, [
            [t, b],
            [l, r],
          ]);
          expect(out.shape).toEqual([planes, h + t + b, w + l + r]);
          for (let p = 0; p < planes; p++)
            for (let i = 0; i < h; i++)
              for (let j = 0; j < w; j++) {
                expect(out.get(p, i + t, j + l)).toBe(x.get(p, i, j));
              }
          const sum = (a: Float64Array) => a.reduce((s, v) => s + Math.abs(v), 0);
          expect(sum(out.data)).toBeCloseTo(sum(x.data), 12);
        },
      ),
    );
  });

  it('throws when padding is negative', () => {
    expect(() => pad2d(tensor([[1]]), -1)).toThrow(
      /pad2d: padding must be a non-negative integer, \[ph, pw\] or \[\[top, bottom\], \[left, right\]\], got -1/,
    );
  });

  it('throws when padding is not a number or an array', () => {
    expect(() => pad2d(tensor([[1]]), 'same' as never)).toThrow(TypeError);
  });

  it('throws when x is rank 1', () => {
    expect(() => pad2d(tensor([1]), 1)).toThrow(/pad2d: x must be rank ≥ 2 \(\.\.\., h, w\), got rank 1/);
  });
});
