import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convolve2d, correlate2d, randn, tensor, type Mode } from '../../../kernel-lib/src';
import { rows } from './helpers';

// Independent literal formula: scipy's 'full' correlation, then the slice each mode keeps.
// full[r][c] = Σ_l Σ_m k[l][m] · x[r − (kh−1) + l][c − (kw−1) + m], zeros outside x.
// scipy.signal.correlate2d keeps: 'valid' from (kh−1, kw−1); 'same' from (ceil((kh−1)/2), ceil((kw−1)/2)).
function literal(x: number[][], k: number[][], mode: Mode): number[][] {
  const [H, W, KH, KW] = [x.length, x[0].length, k.length, k[0].length];
  const at = (i: number, j: number) => (i >= 0 && i < H && j >= 0 && j < W ? x[i][j] : 0);
  const full = Array.from({ length: H + KH - 1 }, (_, r) =>
    Array.from({ length: W + KW - 1 }, (_, c) => {
      let s = 0;
      for (let l = 0; l < KH; l++) for (let m = 0; m < KW; m++) s += k[l][m] * at(r - (KH - 1) + l, c - (KW - 1) + m);
      return s;
    }),
  );
  const [r0, c0, h, w] =
    mode === 'full'
      ? [0, 0, H + KH - 1, W + KW - 1]
      : mode === 'valid'
        ? [KH - 1, KW - 1, H - KH + 1, W - KW + 1]
        : [Math.ceil((KH - 1) / 2), Math.ceil((KW - 1) / 2), H, W];
  return full.slice(r0, r0 + h).map((row) => row.slice(c0, c0 + w));
}

// x = 1..9 in a 3x3; k = [[1, 10], [100, 1000]], so each output's digits show which cells it read:
// a window [[a, b], [d, e]] gives a + 10b + 100d + 1000e. Values match scipy.signal.correlate2d.
const x3 = tensor([
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
]);
const k2 = tensor([
  [1, 10],
  [100, 1000],
]);

describe('correlate2d', () => {
  it('x=[3,3] k=[2,2] mode=valid: windows inside x', () => {
    // [[1,2],[4,5]] → 1 + 20 + 400 + 5000 = 5421, and so on.
    expect(rows(correlate2d(x3, k2))).toEqual([
      [5421, 6532],
      [8754, 9865],
    ]);
  });

  it('x=[3,3] k=[2,2] mode=full: zeros padded 1 on every side', () => {
    // top-left window [[0,0],[0,1]] → 1000; bottom-right [[9,0],[0,0]] → 9.
    expect(rows(correlate2d(x3, k2, 'full'))).toEqual([
      [1000, 2100, 3200, 300],
      [4010, 5421, 6532, 603],
      [7040, 8754, 9865, 906],
      [70, 87, 98, 9],
    ]);
  });

  it("x=[3,3] k=[2,2] mode=same: the even kernel's extra zero row/column go bottom/right", () => {
    // out[0][0] reads [[1,2],[4,5]] (no zero on top); the last row reads [[7,8],[0,0]] → 7 + 80 = 87.
    expect(rows(correlate2d(x3, k2, 'same'))).toEqual([
      [5421, 6532, 603],
      [8754, 9865, 906],
      [87, 98, 9],
    ]);
  });

  it("x=[1,5] k=[1,4] mode=same: one zero before, two after (scipy's offset ceil(3/2) = 2 into full)", () => {
    // out[0] reads [0,1,2,3] → 10 + 200 + 3000 = 3210; out[3] reads [3,4,5,0] → 543; out[4] reads [4,5,0,0] → 54.
    const out = correlate2d(tensor([[1, 2, 3, 4, 5]]), tensor([[1, 10, 100, 1000]]), 'same');
    expect(rows(out)).toEqual([[3210, 4321, 5432, 543, 54]]);
  });

  it('x=[3,3] k=[3,3] mode=same with an odd kernel is centred', () => {
    const k = tensor([
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    expect(rows(correlate2d(x3, k, 'same'))).toEqual(rows(x3));
  });

  it('every mode equals the literal formula (random shapes, kernels larger than x in full/same)', () => {
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
          const got = rows(correlate2d(x, k, mode));
          const want = literal(rows(x), rows(k), mode);
          expect(got.length).toBe(want.length);
          got.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(want[r][c], 12)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('throws when x is not a Tensor', () => {
    expect(() => correlate2d([[1]] as never, k2)).toThrow(TypeError);
    expect(() => correlate2d([[1]] as never, k2)).toThrow(/correlate2d: x must be a Tensor, got array/);
  });

  it('throws when x is not rank 2', () => {
    expect(() => correlate2d(tensor([1, 2, 3]), k2)).toThrow(/correlate2d: x must be rank 2 \(h, w\), got rank 1 \(x \[3\]\)/);
  });

  it('throws when k is not rank 2', () => {
    expect(() => correlate2d(x3, tensor([[[1]]]))).toThrow(/correlate2d: k must be rank 2 \(kh, kw\), got rank 3/);
  });

  it("throws when the kernel does not fit in 'valid' mode", () => {
    expect(() => correlate2d(tensor([[1, 2]]), k2)).toThrow(
      /correlate2d: in 'valid' mode the kernel must fit inside the input, got k \[2,2\] and x \[1,2\]/,
    );
  });

  it('throws when the mode is unknown', () => {
    expect(() => correlate2d(x3, k2, 'sam' as Mode)).toThrow(/correlate2d: mode must be 'valid', 'full' or 'same', got sam/);
  });

  it('throws when an axis is empty', () => {
    expect(() => correlate2d(tensor([], [0, 3]), k2)).toThrow(/correlate2d: x must have no empty axis, got x \[0,3\]/);
  });
});

describe("correlate2d and convolve2d boundaries (scipy.signal's boundary and fillvalue)", () => {
  const row = tensor([[1, 2, 3]]);
  const ones = tensor([[1, 1, 1]]);
  it("'same' on [1, 2, 3] with [1, 1, 1]: wrap reads 3 … 1, symm repeats the edge, fill the fillvalue", () => {
    expect(correlate2d(row, ones, 'same', { boundary: 'wrap' }).toArray()).toEqual([[6, 6, 6]]);
    expect(correlate2d(row, ones, 'same', { boundary: 'symm' }).toArray()).toEqual([[4, 6, 8]]);
    expect(correlate2d(row, ones, 'same', { fillvalue: 10 }).toArray()).toEqual([[13, 6, 15]]);
    expect(correlate2d(row, ones, 'same', { boundary: 'fill' }).toArray()).toEqual([[3, 6, 5]]);
  });

  it("'full' with [1, 2]: x[−1] and x[3] are 1 and 3 (symm) or 3 and 1 (wrap); convolve2d flips the kernel", () => {
    expect(correlate2d(row, tensor([[1, 2]]), 'full', { boundary: 'symm' }).toArray()).toEqual([[3, 5, 8, 9]]);
    expect(correlate2d(row, tensor([[1, 2]]), 'full', { boundary: 'wrap' }).toArray()).toEqual([[5, 5, 8, 5]]);
    expect(convolve2d(row, tensor([[2, 1]]), 'full', { boundary: 'wrap' }).toArray()).toEqual([[5, 5, 8, 5]]);
  });

  it("2-D 'same' with a 3x3 of ones on [[1, 2], [3, 4]]: corner sums by hand", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const k = tensor([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(correlate2d(x, k, 'same', { boundary: 'symm' }).get(0, 0)).toBe(4 * 1 + 2 * 2 + 2 * 3 + 4); // rows/cols (0, 0, 1)
    expect(correlate2d(x, k, 'same', { boundary: 'wrap' }).get(0, 0)).toBe(11 + 5 + 11); // rows/cols (1, 0, 1)
  });

  it("'wrap' equals the circular correlation written out with indices mod h, w (random cases)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (H, W, KH, KW, seed) => {
          const x = randn([H, W], seed);
          const k = randn([KH, KW], seed + 1);
          const y = correlate2d(x, k, 'full', { boundary: 'wrap' });
          const mod = (a: number, n: number) => ((a % n) + n) % n;
          y.data.forEach((v, o) => {
            const [r, c] = [Math.floor(o / y.shape[1]), o % y.shape[1]];
            let want = 0;
            for (let l = 0; l < KH; l++)
              for (let m = 0; m < KW; m++) want += k.get(l, m) * x.get(mod(r - KH + 1 + l, H), mod(c - KW + 1 + m, W));
            expect(v).toBeCloseTo(want, 12);
          });
        },
      ),
    );
  });

  it('throws on an unknown boundary, a non-numeric fillvalue and an unknown option', () => {
    expect(() => correlate2d(row, ones, 'same', { boundary: 'reflect' as never })).toThrow(
      /correlate2d: boundary must be 'fill', 'wrap' or 'symm', got "reflect"/,
    );
    expect(() => convolve2d(row, ones, 'same', { fillvalue: '1' as never })).toThrow(/convolve2d: fillvalue must be a number, got "1"/);
    expect(() => correlate2d(row, ones, 'same', { boundry: 'wrap' } as never)).toThrow(
      /correlate2d: unknown option 'boundry', the options are boundary, fillvalue/,
    );
  });
});
