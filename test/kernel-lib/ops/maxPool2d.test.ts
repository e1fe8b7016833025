import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxPool2d, maxPool2dBackward, randn, tensor, zeros } from '../../../kernel-lib/src';
import { dot, expectClose, numericGrad } from './helpers';
import { poolCases, windows } from './poolCases';

const x16 = tensor(
  Array.from({ length: 16 }, (_, i) => i + 1),
  [1, 1, 4, 4],
);

describe('maxPool2d', () => {
  it('x=[1,1,4,4] size=2: the bottom-right cell of each 2x2 block of 1..16', () => {
    const { y, argmax } = maxPool2d(x16);
    expect(y.toArray()).toEqual([
      [
        [
          [6, 8],
          [14, 16],
        ],
      ],
    ]);
    expect(Array.from(argmax)).toEqual([5, 7, 13, 15]);
  });

  it('x=[2,2] ties [[1,3],[3,2]] and [[5,5],[5,5]]: the first maximum in row-major window order wins', () => {
    expect(
      Array.from(
        maxPool2d(
          tensor([
            [1, 3],
            [3, 2],
          ]),
        ).argmax,
      ),
    ).toEqual([1]);
    expect(
      Array.from(
        maxPool2d(
          tensor([
            [5, 5],
            [5, 5],
          ]),
        ).argmax,
      ),
    ).toEqual([0]);
    expect(
      Array.from(
        maxPool2d(
          tensor([
            [3, 1, 2, 4],
            [3, 0, 4, 4],
          ]),
        ).argmax,
      ),
    ).toEqual([0, 3]);
  });

  it('x=[3,3] size=2 p=1 with negative values: padding counts as −∞, not 0', () => {
    // windows start at rows/cols −1 and 1: {x00}, {x01,x02}, {x10,x20}, {x11,x12,x21,x22}
    const { y, argmax } = maxPool2d(
      tensor([
        [-1, -2, -3],
        [-4, -5, -6],
        [-7, -8, -9],
      ]),
      { padding: 1 },
    );
    expect(y.toArray()).toEqual([
      [-1, -2],
      [-4, -5],
    ]);
    expect(Array.from(argmax)).toEqual([0, 1, 3, 4]);
  });

  it('x=[1,3,4] size=[2,3] stride=1: overlapping windows of a rank-3 input', () => {
    const x = tensor([
      [
        [1, 9, 2, 0],
        [3, 4, 8, 5],
        [7, 6, 1, 2],
      ],
    ]);
    expect(maxPool2d(x, { size: [2, 3], stride: 1 }).y.toArray()).toEqual([
      [
        [9, 9],
        [8, 8],
      ],
    ]);
  });

  it('equals the max over each literal window, and argmax points at it (random cases)', () => {
    fc.assert(
      fc.property(poolCases(), ({ x, opts }) => {
        const { y, argmax } = maxPool2d(x, opts);
        const { outShape, cells } = windows(x.shape, opts);
        expect(y.shape).toEqual(outShape);
        cells.forEach((window, o) => {
          expect(y.data[o]).toBe(Math.max(...window.map((i) => x.data[i])));
          expect(window).toContain(argmax[o]);
          expect(x.data[argmax[o]]).toBe(y.data[o]);
        });
        expect(y.data.every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('maxPool2dBackward', () => {
  it('x=[2,2] [[1,3],[3,2]] dy=[[5]]: all of δ to the first 3, exactly 0 elsewhere', () => {
    expect(
      maxPool2dBackward(
        tensor([
          [1, 3],
          [3, 2],
        ]),
        tensor([[5]]),
      ).toArray(),
    ).toEqual([
      [0, 5],
      [0, 0],
    ]);
  });

  it('δ lands only on the argmax cells; every other cell is exactly 0 (random cases)', () => {
    fc.assert(
      fc.property(poolCases(), fc.integer(), ({ x, opts }, seed) => {
        const { y, argmax } = maxPool2d(x, opts);
        const dy = randn(y.shape, seed);
        const dx = maxPool2dBackward(x, dy, opts);
        const winners = new Set(argmax);
        dx.data.forEach((v, i) => {
          if (!winners.has(i)) expect(v).toBe(0);
        });
        const want = new Float64Array(x.size);
        argmax.forEach((i, o) => (want[i] += dy.data[o]));
        expect(Array.from(dx.data)).toEqual(Array.from(want));
      }),
      { numRuns: 200 },
    );
  });

  it('equals central finite differences of L = Σ dy ⊙ maxPool2d(x).y (distinct values, no ties)', () => {
    fc.assert(
      fc.property(poolCases(), fc.integer(), ({ x, opts }, seed) => {
        const dy = randn(maxPool2d(x, opts).y.shape, seed);
        const numeric = numericGrad((t) => dot(dy, maxPool2d(t, opts).y), x);
        expectClose(maxPool2dBackward(x, dy, opts).data, numeric, 1e-7);
      }),
      { numRuns: 60 },
    );
  });
});

describe('maxPool2d checks', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['x is not a Tensor', () => maxPool2d([[1]] as never), /maxPool2d: x must be a Tensor, got array/],
    ['x is rank 1', () => maxPool2d(tensor([1, 2])), /maxPool2d: input must be rank ≥ 2 \(\.\.\., H, W\), got rank 1 \(x \[2\]\)/],
    [
      'size is 0',
      () => maxPool2d(zeros([4, 4]), { size: 0 }),
      /maxPool2d: size must be a positive integer or a pair \[h, w\] of them, got 0/,
    ],
    [
      'stride is 1.5',
      () => maxPool2d(zeros([4, 4]), { stride: 1.5 }),
      /maxPool2d: stride must be a positive integer or a pair \[h, w\] of them, got 1.5/,
    ],
    [
      'padding is more than half the window',
      () => maxPool2d(zeros([4, 4]), { size: 2, padding: 2 }),
      /maxPool2d: padding must be at most half the window size on each side, got padding \[\[2,2\],\[2,2\]\] for size \[2,2\]/,
    ],
    [
      'the window is larger than the padded input',
      () => maxPool2d(zeros([1, 1, 2, 5]), { size: 3 }),
      /maxPool2d: the window must fit in the padded input, got window 3x3 and padded input 2x5 \(x \[1,1,2,5\]\)/,
    ],
    [
      'dy has the wrong shape',
      () => maxPool2dBackward(zeros([1, 1, 4, 4]), zeros([1, 1, 2, 3])),
      /maxPool2dBackward: dy must have the output shape \[1,1,2,2\], got \[1,1,2,3\]/,
    ],
    ['dy is not a Tensor', () => maxPool2dBackward(zeros([2, 2]), 1 as never), /maxPool2dBackward: dy must be a Tensor, got 1/],
  ];
  for (const [rule, call, message] of cases) {
    it(`throws when ${rule}`, () => expect(call).toThrow(message));
  }
});
