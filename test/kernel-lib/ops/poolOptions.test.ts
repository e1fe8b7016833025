import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, maxUnpool2d, randn, tensor, zeros } from '../../../kernel-lib/src';
import { dot, expectClose, numericGrad } from './helpers';
import { poolCases, windows } from './poolCases';

const x16 = tensor(
  Array.from({ length: 16 }, (_, i) => i + 1),
  [1, 1, 4, 4],
);

describe('pooling options, hand-computed', () => {
  it('ceilMode: x = 1..5, size 2 → a last window holding 5 alone; its average divides by 1, the cells it covers', () => {
    const x = tensor([[1, 2, 3, 4, 5]]);
    expect(maxPool2d(x, { size: [1, 2], ceilMode: true }).y.toArray()).toEqual([[2, 4, 5]]);
    expect(maxPool2d(x, { size: [1, 2] }).y.toArray()).toEqual([[2, 4]]);
    expect(avgPool2d(x, { size: [1, 2], ceilMode: true }).toArray()).toEqual([[1.5, 3.5, 5]]);
  });

  it('ceilMode keeps a last window only if it starts inside the input or its top/left padding', () => {
    // size 2, stride 2, padding 1, H = 4: ceil((4 + 2 − 2)/2) + 1 = 3 windows start at −1, 1, 3;
    // H = 3: ceil(3/2) + 1 = 3, but the third would start at 3 ≥ H + top − 1 … (3 − 1)·2 = 4 ≥ 3 + 1, dropped
    expect(maxPool2d(zeros([4, 4]), { padding: 1, ceilMode: true }).y.shape).toEqual([3, 3]);
    expect(maxPool2d(zeros([3, 3]), { padding: 1, ceilMode: true }).y.shape).toEqual([2, 2]);
  });

  it('countIncludePad and divisorOverride: x = [4, 8], size [1, 2], one zero column each side', () => {
    const x = tensor([[4, 8]]);
    const opts = {
      size: [1, 2] as [number, number],
      padding: [
        [0, 0],
        [1, 1],
      ] as const,
    };
    expect(avgPool2d(x, opts).toArray()).toEqual([[2, 4]]); // (0 + 4)/2, (8 + 0)/2
    expect(avgPool2d(x, { ...opts, countIncludePad: false }).toArray()).toEqual([[4, 8]]); // 4/1, 8/1
    expect(avgPool2d(x, { ...opts, divisorOverride: 4 }).toArray()).toEqual([[1, 2]]);
    expect(avgPool2dBackward(x, tensor([[4, 8]]), { ...opts, countIncludePad: false }).toArray()).toEqual([[4, 8]]);
  });

  it('dilation 2: a 2x2 window on every other cell of 1..16', () => {
    const { y, argmax } = maxPool2d(x16, { size: 2, stride: 1, dilation: 2 });
    expect(y.toArray()).toEqual([
      [
        [
          [11, 12],
          [15, 16],
        ],
      ],
    ]); // max of x[i][j], x[i][j+2], x[i+2][j], x[i+2][j+2]
    expect(Array.from(argmax)).toEqual([10, 11, 14, 15]);
  });

  it('explicit sides: one zero row below only', () => {
    expect(
      maxPool2d(x16, {
        size: 2,
        padding: [
          [0, 1],
          [0, 0],
        ],
        ceilMode: false,
      }).y.shape,
    ).toEqual([1, 1, 2, 2]);
    expect(
      avgPool2d(tensor([[2], [4], [6]]), {
        size: [2, 1],
        padding: [
          [0, 1],
          [0, 0],
        ],
      }).toArray(),
    ).toEqual([[3], [3]]);
  });
});

describe("NaN: PyTorch's rule", () => {
  it('a NaN in a window is its maximum, and argmax points at it; with several, the last in scan order', () => {
    const { y, argmax } = maxPool2d(
      tensor([
        [1, NaN, 7, 2],
        [NaN, 0, 3, NaN],
      ]),
    );
    expect(Number.isNaN(y.data[0]) && Number.isNaN(y.data[1])).toBe(true);
    expect(Array.from(argmax)).toEqual([4, 7]);
    expect(
      Array.from(
        maxPool2d(
          tensor([
            [NaN, 5],
            [1, 2],
          ]),
        ).argmax,
      ),
    ).toEqual([0]);
    expect(
      maxPool2dBackward(
        tensor([
          [NaN, 5],
          [1, 2],
        ]),
        tensor([[3]]),
      ).toArray(),
    ).toEqual([
      [3, 0],
      [0, 0],
    ]);
  });

  it('every constructor accepts NaN and ±Infinity as values', () => {
    expect(Array.from(tensor([NaN, Infinity, -Infinity], [3]).data)).toEqual([NaN, Infinity, -Infinity]);
    expect(Array.from(tensor([[NaN, Infinity]]).data)).toEqual([NaN, Infinity]);
    expect(maxPool2d(tensor([[-Infinity, -Infinity]]), { size: [1, 2] }).y.toArray()).toEqual([[-Infinity]]);
  });
});

describe('pooling options against the literal windows (random sides, dilation, ceil mode)', () => {
  it('maxPool2d: the max of each window, argmax at it; shapes follow the written-out rule', () => {
    fc.assert(
      fc.property(poolCases('all'), ({ x, opts }) => {
        const { y, argmax } = maxPool2d(x, opts);
        const { outShape, cells } = windows(x.shape, opts);
        expect(y.shape).toEqual(outShape);
        cells.forEach((window, o) => {
          expect(y.data[o]).toBe(Math.max(...window.map((i) => x.data[i])));
          expect(x.data[argmax[o]]).toBe(y.data[o]);
          expect(window).toContain(argmax[o]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('avgPool2d: Σ window / divisor, each divisor rule (random sides, ceil mode)', () => {
    fc.assert(
      fc.property(poolCases('all'), fc.constantFrom('include', 'exclude', 'override'), ({ x, opts }, rule) => {
        const { dilation: _d, ...rest } = opts;
        fc.pre(_d === undefined || (_d as readonly number[]).every((v) => v === 1));
        const avg = { ...rest, ...(rule === 'exclude' ? { countIncludePad: false } : rule === 'override' ? { divisorOverride: 3 } : {}) };
        const y = avgPool2d(x, avg);
        const { outShape, cells, spans } = windows(x.shape, rest);
        expect(y.shape).toEqual(outShape);
        cells.forEach((window, o) => {
          const divisor = rule === 'override' ? 3 : rule === 'exclude' ? window.length : spans[o].inPad;
          expect(y.data[o]).toBeCloseTo(window.reduce((s, i) => s + x.data[i], 0) / divisor, 12);
        });
        const dy = randn(y.shape, 5);
        expectClose(
          avgPool2dBackward(x, dy, avg).data,
          numericGrad((t) => dot(dy, avgPool2d(t, avg)), x),
          1e-7,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('maxPool2dBackward equals central finite differences (distinct values)', () => {
    fc.assert(
      fc.property(poolCases('all'), fc.integer(), ({ x, opts }, seed) => {
        const dy = randn(maxPool2d(x, opts).y.shape, seed);
        expectClose(
          maxPool2dBackward(x, dy, opts).data,
          numericGrad((t) => dot(dy, maxPool2d(t, opts).y), x),
          1e-7,
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('maxUnpool2d', () => {
  it('puts each pooled value back where it came from, zeros elsewhere', () => {
    const { y, argmax } = maxPool2d(x16);
    expect(maxUnpool2d(y, argmax, [4, 4]).toArray()).toEqual([
      [
        [
          [0, 0, 0, 0],
          [0, 6, 0, 8],
          [0, 0, 0, 0],
          [0, 14, 0, 16],
        ],
      ],
    ]);
  });

  it('is the adjoint of the max-pool selection: maxUnpool2d(dy, argmax) = maxPool2dBackward (random cases, no overlap)', () => {
    fc.assert(
      fc.property(poolCases(), fc.integer(), ({ x, opts }, seed) => {
        fc.pre(opts.stride === undefined); // windows tile the map: each input wins at most once
        const { y, argmax } = maxPool2d(x, opts);
        const dy = randn(y.shape, seed);
        const [H, W] = x.shape.slice(-2);
        expect(Array.from(maxUnpool2d(dy, argmax, [H, W]).data)).toEqual(Array.from(maxPool2dBackward(x, dy, opts).data));
      }),
      { numRuns: 100 },
    );
  });
});

describe('pooling option checks', () => {
  const x = zeros([1, 1, 6, 6]);
  const cases: [string, () => unknown, RegExp, ErrorConstructor][] = [
    [
      'an option is misspelt',
      () => maxPool2d(x, { stide: 2 } as never),
      /maxPool2d: unknown option 'stide', the options are size, stride, padding, dilation, ceilMode, got \{ stide: 2 \}/,
      TypeError,
    ],
    [
      'avgPool2d is given dilation',
      () => avgPool2d(x, { dilation: 2 } as never),
      /avgPool2d: unknown option 'dilation', the options are size, stride, padding, ceilMode, countIncludePad, divisorOverride/,
      TypeError,
    ],
    [
      'maxPool2d is given countIncludePad',
      () => maxPool2d(x, { countIncludePad: false } as never),
      /maxPool2d: unknown option 'countIncludePad'/,
      TypeError,
    ],
    [
      'ceilMode is not a boolean',
      () => maxPool2d(x, { ceilMode: 'yes' as never }),
      /maxPool2d: ceilMode must be true or false, got "yes"/,
      TypeError,
    ],
    [
      'divisorOverride is 0',
      () => avgPool2d(x, { divisorOverride: 0 }),
      /avgPool2d: divisorOverride must be a positive integer, got 0/,
      RangeError,
    ],
    [
      'a padding side is more than half the window',
      () =>
        maxPool2d(x, {
          size: 2,
          padding: [
            [0, 2],
            [0, 0],
          ],
        }),
      /maxPool2d: padding must be at most half the window size on each side, got padding \[\[0,2\],\[0,0\]\] for size \[2,2\]/,
      RangeError,
    ],
    [
      'the dilated window is larger than the padded input',
      () => maxPool2d(zeros([1, 1]), { size: 3, dilation: 2, padding: 1, stride: 1 } as never),
      /maxPool2d: the window must fit in the padded input, got window 5x5 and padded input 3x3/,
      RangeError,
    ],
    [
      'argmax does not match y',
      () => maxUnpool2d(tensor([[1]]), new Int32Array(2), [2, 2]),
      /maxUnpool2d: argmax must have one index per element of y \(1\), got 2/,
      RangeError,
    ],
    [
      'argmax points outside its plane',
      () => maxUnpool2d(tensor([[[1]], [[2]]]), Int32Array.from([0, 0]), [2, 2]),
      /maxUnpool2d: argmax\[1\] must index plane 1 of an input \[..., 2, 2\] \(4 … 7\), got 0/,
      RangeError,
    ],
    [
      'outputSize is not [H, W]',
      () => maxUnpool2d(tensor([[1]]), new Int32Array(1), [2] as never),
      /maxUnpool2d: outputSize must be \[H, W\] with positive integers, got \[2\]/,
      RangeError,
    ],
  ];
  for (const [rule, call, message, kind] of cases) {
    it(`throws when ${rule}`, () => {
      expect(call).toThrow(message);
      expect(call).toThrow(kind);
    });
  }

  it('throws when a dilated window would hold only padding cells', () => {
    // H = 3, size 2, dilation 3, padding 1: window 0 taps rows −1 and 2 (fine), but W = 1 with
    // padding [0, 1] and dilation 2 … taps cols −1 and 1, both outside a 1-wide input
    expect(() =>
      maxPool2d(zeros([3, 1]), {
        size: 2,
        dilation: 2,
        padding: [
          [0, 0],
          [1, 1],
        ],
        stride: 1,
      }),
    ).toThrow(/maxPool2d: every window must hold an input cell, got window 0 on axis 1 with only padding/);
  });
});
