import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convolve2d, correlate2d, randn, rot180, tensor, type Mode } from '../../../kernel-lib/src';
import { rows } from './helpers';

// Independent literal formula: full[r][c] = Σ_l Σ_m k[l][m] · x[r − l][c − m], zeros outside x.
// scipy.signal.convolve2d keeps: 'valid' from (kh−1, kw−1); 'same' from (floor((kh−1)/2), floor((kw−1)/2)).
function literal(x: number[][], k: number[][], mode: Mode): number[][] {
  const [H, W, KH, KW] = [x.length, x[0].length, k.length, k[0].length];
  const at = (i: number, j: number) => (i >= 0 && i < H && j >= 0 && j < W ? x[i][j] : 0);
  const full = Array.from({ length: H + KH - 1 }, (_, r) =>
    Array.from({ length: W + KW - 1 }, (_, c) => {
      let s = 0;
      for (let l = 0; l < KH; l++) for (let m = 0; m < KW; m++) s += k[l][m] * at(r - l, c - m);
      return s;
    }),
  );
  const [r0, c0, h, w] =
    mode === 'full'
      ? [0, 0, H + KH - 1, W + KW - 1]
      : mode === 'valid'
        ? [KH - 1, KW - 1, H - KH + 1, W - KW + 1]
        : [Math.floor((KH - 1) / 2), Math.floor((KW - 1) / 2), H, W];
  return full.slice(r0, r0 + h).map((row) => row.slice(c0, c0 + w));
}

// k = [[1, 10], [100, 1000]] turned by 180° is [[1000, 100], [10, 1]]: a window [[a, b], [d, e]]
// gives 1000a + 100b + 10d + e. Values match scipy.signal.convolve2d.
const x3 = tensor([
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
]);
const k2 = tensor([
  [1, 10],
  [100, 1000],
]);

describe('convolve2d', () => {
  it('x=[3,3] k=[2,2] mode=valid', () => {
    // [[1,2],[4,5]] → 1000 + 200 + 40 + 5 = 1245.
    expect(rows(convolve2d(x3, k2))).toEqual([
      [1245, 2356],
      [4578, 5689],
    ]);
  });

  it('x=[3,3] k=[2,2] mode=full', () => {
    // top-left window [[0,0],[0,1]] → 1; bottom-right [[9,0],[0,0]] → 9000.
    expect(rows(convolve2d(x3, k2, 'full'))).toEqual([
      [1, 12, 23, 30],
      [104, 1245, 2356, 3060],
      [407, 4578, 5689, 6090],
      [700, 7800, 8900, 9000],
    ]);
  });

  it("x=[3,3] k=[2,2] mode=same: the even kernel's extra zero row/column go top/left (unlike correlate2d)", () => {
    // out[0][0] reads [[0,0],[0,1]] → 1; out[2][2] reads [[5,6],[8,9]] → 5689.
    expect(rows(convolve2d(x3, k2, 'same'))).toEqual([
      [1, 12, 23],
      [104, 1245, 2356],
      [407, 4578, 5689],
    ]);
  });

  it('x=[1,5] k=[1,4] mode=same: two zeros before, one after', () => {
    // full = [1, 12, 123, 1234, 2345, 3450, 4500, 5000]; same starts at floor(3/2) = 1.
    const out = convolve2d(tensor([[1, 2, 3, 4, 5]]), tensor([[1, 10, 100, 1000]]), 'same');
    expect(rows(out)).toEqual([[12, 123, 1234, 2345, 3450]]);
  });

  it('every mode equals the literal formula, and valid/full equal correlate2d with rot180(k)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<Mode>('valid', 'full', 'same'),
        fc.integer(),
        (H, W, KH, KW, mode, seed) => {
          fc.pre(mode !== 'valid' || (KH <= H && KW <= W));
          const x = randn([H, W], seed);
          const k = randn([KH, KW], seed + 1);
          const got = rows(convolve2d(x, k, mode));
          const want = literal(rows(x), rows(k), mode);
          expect(got.length).toBe(want.length);
          got.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(want[r][c], 12)));
          if (mode !== 'same') expect(got).toEqual(rows(correlate2d(x, rot180(k), mode)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('throws when k is not a Tensor', () => {
    expect(() => convolve2d(x3, 3 as never)).toThrow(/convolve2d: k must be a Tensor, got 3/);
  });

  it('throws when k is not rank 2', () => {
    expect(() => convolve2d(x3, tensor([1, 2]))).toThrow(/convolve2d: k must be rank 2 \(kh, kw\), got rank 1/);
  });

  it("throws when the kernel does not fit in 'valid' mode", () => {
    expect(() => convolve2d(tensor([[1]]), k2)).toThrow(/convolve2d: in 'valid' mode the kernel must fit inside the input/);
  });
});
