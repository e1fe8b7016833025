import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, conv2d, conv2dBackward, correlate2d, randn, rot180, tensor, zeros } from '../../../kernel-lib/src';
import { convCases, plane } from './convCases';
import { dot, expectClose, numericGrad } from './helpers';

describe('conv2dBackward', () => {
  it('x=[1,1,3,3] w=[1,1,2,2] dy=ones: dw sums each window position, db counts outputs', () => {
    // dw[l][m] = Σ_{r,c} x[r+l][c+m]: the four 2x2 sub-sums of 1..9; dx[i][j] = Σ of w over windows covering (i, j).
    const x = tensor([
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
    ]);
    const w = tensor([
      [
        [
          [1, 10],
          [100, 1000],
        ],
      ],
    ]);
    const { dx, dw, db } = conv2dBackward(x, w, tensor(Array(4).fill(1), [1, 1, 2, 2]));
    expect(dw.toArray()).toEqual([
      [
        [
          [12, 16],
          [24, 28],
        ],
      ],
    ]);
    expect(db.toArray()).toEqual([4]);
    expect(dx.toArray()).toEqual([
      [
        [
          [1, 11, 10],
          [101, 1111, 1010],
          [100, 1100, 1000],
        ],
      ],
    ]);
  });

  it('dx, dw, db equal central finite differences of L = Σ dy ⊙ conv2d(x, w, b) (random cases)', () => {
    fc.assert(
      fc.property(convCases({ batch: 2, channels: 2, extra: 3, groups: 3 }), fc.integer(), ({ x, w, b, opts }, seed) => {
        const bias = b ?? randn([w.shape[0]], seed);
        const dy = randn(conv2d(x, w, bias, opts).shape, seed + 1);
        const { dx, dw, db } = conv2dBackward(x, w, dy, opts);
        expectClose(
          dx.data,
          numericGrad((t) => dot(dy, conv2d(t, w, bias, opts)), x),
          1e-7,
        );
        expectClose(
          dw.data,
          numericGrad((t) => dot(dy, conv2d(x, t, bias, opts)), w),
          1e-7,
        );
        expectClose(
          db.data,
          numericGrad((t) => dot(dy, conv2d(x, w, t, opts)), bias),
          1e-7,
        );
        expect([dx, dw, db].every((t) => t.data.every(Number.isFinite))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("s=1 p=0: dx[n][c] = Σ_k correlate2d(dy[n][k], rot180(w[k][c]), 'full'), the notes' rule, border included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(4),
        fc.nat(4),
        fc.integer(),
        (N, C, K, KH, KW, eh, ew, seed) => {
          const x = randn([N, C, KH + eh, KW + ew], seed);
          const w = randn([K, C, KH, KW], seed + 1);
          const dy = randn(conv2d(x, w).shape, seed + 2);
          const { dx } = conv2dBackward(x, w, dy);
          for (let n = 0; n < N; n++) {
            for (let c = 0; c < C; c++) {
              const want = new Float64Array(x.shape[2] * x.shape[3]);
              for (let k = 0; k < K; k++) {
                correlate2d(plane(dy, n, k), rot180(plane(w, k, c)), 'full').data.forEach((v, i) => (want[i] += v));
              }
              expectClose(plane(dx, n, c).data, want, 1e-12);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('x=[1,1,28,28] w=[20,1,5,5] dy=[1,20,24,24] gives dx, dw, db of the input shapes', () => {
    const { dx, dw, db } = conv2dBackward(zeros([1, 1, 28, 28]), zeros([20, 1, 5, 5]), zeros([1, 20, 24, 24]));
    expect([dx.shape, dw.shape, db.shape]).toEqual([[1, 1, 28, 28], [20, 1, 5, 5], [20]]);
  });

  it('throws when dy has the wrong shape', () => {
    expect(() => conv2dBackward(zeros([1, 1, 28, 28]), zeros([20, 1, 5, 5]), zeros([1, 20, 23, 24]))).toThrow(
      /conv2dBackward: dy must have the output shape \[1,20,24,24\], got \[1,20,23,24\]/,
    );
  });

  it('throws when dy is not a Tensor', () => {
    expect(() => conv2dBackward(zeros([1, 1, 3, 3]), zeros([1, 1, 2, 2]), [[1]] as never)).toThrow(
      /conv2dBackward: dy must be a Tensor, got array/,
    );
  });

  it('throws when channels differ, naming conv2dBackward', () => {
    expect(() => conv2dBackward(zeros([1, 2, 3, 3]), zeros([1, 1, 2, 2]), zeros([1, 1, 2, 2]))).toThrow(
      /conv2dBackward: input has 2 channels but weights expect 1 \(x \[1,2,3,3\], w \[1,1,2,2\]\)/,
    );
  });

  it('does not mutate its inputs', () => {
    const x = randn([1, 2, 4, 4], 1);
    const w = randn([3, 2, 2, 2], 2);
    const dy = randn([1, 3, 3, 3], 3);
    const copies = [x, w, dy].map((t) => Float64Array.from(t.data));
    conv2dBackward(x, w, dy);
    [x, w, dy].forEach((t: Tensor, i) => expect(Array.from(t.data)).toEqual(Array.from(copies[i])));
  });
});
