import { describe, expect, it } from 'vitest';
import { map, scale, tensor, zeros } from '../../../kernel-lib/src';

describe('map', () => {
  it('map([[1,-2],[3,-4]], abs) = [[1,2],[3,4]], shape kept', () => {
    const t = map(
      tensor([
        [1, -2],
        [3, -4],
      ]),
      Math.abs,
    );
    expect(t.shape).toEqual([2, 2]);
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('passes the row-major offset as the second argument', () => {
    expect(map(zeros([2, 3]), (_, i) => i).toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('does not change its input', () => {
    const t = tensor([1, 2]);
    map(t, (v) => v * 10);
    expect(t.toArray()).toEqual([1, 2]);
  });

  it('throws when f is not a function', () => {
    expect(() => map(tensor([1]), 2 as never)).toThrow(/^map: f must be a function, got number$/);
  });

  it('throws when f returns something else than a number', () => {
    expect(() => map(tensor([1, 2]), ((v: number) => (v > 1 ? undefined : v)) as never)).toThrow(
      /^map: f must return a number, got undefined at index 1$/,
    );
  });

  it('throws when a is not a Tensor', () => {
    expect(() => map([1] as never, Math.abs)).toThrow(/^map: a must be a Tensor, got array \[1\]$/);
  });
});

describe('scale', () => {
  it('scale([[1,-2],[0.5,4]], -2) = [[-2,4],[-1,-8]]', () => {
    expect(
      scale(
        tensor([
          [1, -2],
          [0.5, 4],
        ]),
        -2,
      ).toArray(),
    ).toEqual([
      [-2, 4],
      [-1, -8],
    ]);
  });

  it('throws when s is not a number', () => {
    expect(() => scale(tensor([1]), '2' as never)).toThrow(/^scale: s must be a number, got string$/);
  });

  it('throws when s is NaN or infinite', () => {
    expect(() => scale(tensor([1]), NaN)).toThrow(/^scale: s must be finite, got NaN$/);
    expect(() => scale(tensor([1]), -Infinity)).toThrow(/^scale: s must be finite, got -Infinity$/);
  });

  it('throws when a is not a Tensor', () => {
    expect(() => scale(null as never, 2)).toThrow(/^scale: a must be a Tensor, got null$/);
  });
});
