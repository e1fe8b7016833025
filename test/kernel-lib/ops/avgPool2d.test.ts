import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { avgPool2d, avgPool2dBackward, randn, tensor, zeros } from '../../../kernel-lib/src';
import { dot, expectClose, numericGrad } from './helpers';
import { poolCases, windows } from './poolCases';

describe('avgPool2d', () => {
  it('x=[1,1,4,4] size=2: the mean of each 2x2 block of 1..16', () => {
    const x = tensor(
      Array.from({ length: 16 }, (_, i) => i + 1),
      [1, 1, 4, 4],
    );
    // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, …
    expect(avgPool2d(x).toArray()).toEqual([
      [
        [
          [3.5, 5.5],
          [11.5, 13.5],
        ],
      ],
    ]);
  });

  it('x=[2,2] size=2 stride=1 p=1: padding counts as zeros and the divisor stays 4 (count_include_pad)', () => {
    // the corner window holds only x00 = 4 → 4/4 = 1; the centre window holds all four → 20/4 = 5
    const y = avgPool2d(
      tensor([
        [4, 8],
        [4, 4],
      ]),
      { stride: 1, padding: 1 },
    );
    expect(y.toArray()).toEqual([
      [1, 3, 2],
      [2, 5, 3],
      [1, 2, 1],
    ]);
  });

  it('equals the sum over each literal window divided by size² (random cases)', () => {
    fc.assert(
      fc.property(poolCases(), ({ x, opts }) => {
        const y = avgPool2d(x, opts);
        const { outShape, cells } = windows(x.shape, opts);
        const [kh, kw] = opts.size as [number, number];
        expect(y.shape).toEqual(outShape);
        expectClose(
          y.data,
          cells.map((w) => w.reduce((s, i) => s + x.data[i], 0) / (kh * kw)),
          1e-14,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('avgPool2dBackward', () => {
  it("x=[2,2] dy=[[4]]: δ split into four equal quarters (the notes' 2x2 example)", () => {
    expect(avgPool2dBackward(zeros([2, 2]), tensor([[4]])).toArray()).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('size=2 stride=2: every cell gets dy/size² of its own window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (h, w, seed) => {
        const dy = randn([1, 2, h, w], seed);
        const dx = avgPool2dBackward(zeros([1, 2, 2 * h, 2 * w]), dy);
        for (let c = 0; c < 2; c++)
          for (let i = 0; i < 2 * h; i++)
            for (let j = 0; j < 2 * w; j++) {
              expect(dx.get(0, c, i, j)).toBe(dy.get(0, c, i >> 1, j >> 1) / 4);
            }
      }),
    );
  });

  it('equals central finite differences of L = Σ dy ⊙ avgPool2d(x) (random cases)', () => {
    fc.assert(
      fc.property(poolCases(), fc.integer(), ({ x, opts }, seed) => {
        const dy = randn(avgPool2d(x, opts).shape, seed);
        const numeric = numericGrad((t) => dot(dy, avgPool2d(t, opts)), x);
        expectClose(avgPool2dBackward(x, dy, opts).data, numeric, 1e-7);
      }),
      { numRuns: 60 },
    );
  });
});

describe('avgPool2d checks', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['x is not a Tensor', () => avgPool2d(null as never), /avgPool2d: x must be a Tensor, got null/],
    ['x is rank 1', () => avgPool2d(tensor([1])), /avgPool2d: input must be rank ≥ 2 \(\.\.\., H, W\), got rank 1/],
    [
      'size is [2, -1]',
      () => avgPool2d(zeros([4, 4]), { size: [2, -1] }),
      /avgPool2d: size must be a positive integer or a pair \[h, w\] of them, got \[2,-1\]/,
    ],
    [
      'the window is larger than the input',
      () => avgPool2d(zeros([1, 1]), { size: 2 }),
      /avgPool2d: the window must fit in the padded input, got window 2x2 and padded input 1x1/,
    ],
    [
      'dy has the wrong shape',
      () => avgPool2dBackward(zeros([4, 4]), zeros([3, 2])),
      /avgPool2dBackward: dy must have the output shape \[2,2\], got \[3,2\]/,
    ],
  ];
  for (const [rule, call, message] of cases) {
    it(`throws when ${rule}`, () => expect(call).toThrow(message));
  }
});
