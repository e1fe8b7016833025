import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv2d, convOutputSize, correlate2d, maxPool2d, randn, tensor, zeros } from '../../../kernel-lib/src';
import { conv2dByCorrelate2d, convCases, plane } from './convCases';
import { expectClose } from './helpers';

const x16 = tensor(
  Array.from({ length: 16 }, (_, i) => i + 1),
  [1, 1, 4, 4],
);
const ones3 = tensor(Array(9).fill(1), [1, 1, 3, 3]);

describe('conv2d', () => {
  it("x=[1,1,28,28] w=[20,1,5,5] → [1,20,24,24]; 2x2 max pool → [1,20,12,12] (the notes' example)", () => {
    const y = conv2d(randn([1, 1, 28, 28], 1), randn([20, 1, 5, 5], 2), zeros([20]));
    expect(y.shape).toEqual([1, 20, 24, 24]);
    expect(maxPool2d(y).y.shape).toEqual([1, 20, 12, 12]);
  });

  it("x=[1,1,4,4] w=[1,1,3,3] s=2 p=same: TensorFlow's rule, the one zero row/column at the bottom/right", () => {
    // x = 1..16, w = ones; ceil(4/2) = 2 outputs need (2 − 1)·2 + 3 − 4 = 1 zero, put after, so the
    // windows start at rows/cols 0 and 2: (1+2+3+5+6+7+9+10+11, 3+4+7+8+11+12 / 9+10+11+13+14+15, 11+12+15+16)
    expect(conv2d(x16, ones3, undefined, { stride: 2, padding: 'same' }).toArray()).toEqual([
      [
        [
          [54, 45],
          [72, 54],
        ],
      ],
    ]);
  });

  it('x=[1,1,3,3] w=[1,1,2,2] d=2: taps on the four corners', () => {
    // 1·x00 + 10·x02 + 100·x20 + 1000·x22 = 1 + 30 + 700 + 9000
    const x = tensor([
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
    ]);
    expect(
      conv2d(
        x,
        tensor([
          [
            [
              [1, 10],
              [100, 1000],
            ],
          ],
        ]),
        undefined,
        { dilation: 2 },
      ).toArray(),
    ).toEqual([[[[9731]]]]);
  });

  it('x=[1,2,2,2] w=[1,2,1,1] b=[1]: channels summed, bias added', () => {
    // 1 + 2·x[c=0] + 3·x[c=1]
    const x = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
    ]);
    expect(conv2d(x, tensor([[[[2]], [[3]]]]), tensor([1])).toArray()).toEqual([
      [
        [
          [18, 23],
          [28, 33],
        ],
      ],
    ]);
  });

  it("x=[1,1,3,3] w=[1,1,2,2] p=same: the even kernel's extra zero goes bottom/right", () => {
    // out[r][c] = Σ w[l][m]·x[r+l][c+m]: last row and column read zeros.
    const x = tensor([
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
    ]);
    expect(
      conv2d(
        x,
        tensor([
          [
            [
              [1, 10],
              [100, 1000],
            ],
          ],
        ]),
        undefined,
        { padding: 'same' },
      ).toArray(),
    ).toEqual([
      [
        [
          [5421, 6532, 603],
          [8754, 9865, 906],
          [87, 98, 9],
        ],
      ],
    ]);
  });

  it('equals Σ_c correlate2d(padded x, dilated w) taken every stride, plus bias (random cases, every padding form, groups)', () => {
    fc.assert(
      fc.property(convCases({ batch: 2, channels: 3, extra: 4, groups: 3 }), (c) => {
        const y = conv2d(c.x, c.w, c.b, c.opts);
        const want = conv2dByCorrelate2d(c);
        expect(y.shape).toEqual(want.shape);
        expectClose(y.data, want.data, 1e-12);
        expect(y.data.every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('output shape follows floor((i + 2p − d(k − 1) − 1)/s) + 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(2),
        fc.integer({ min: 1, max: 2 }),
        (i, k, s, p, d) => {
          const y = conv2d(zeros([1, 1, i, i + 1]), zeros([2, 1, k, k]), undefined, { stride: s, padding: p, dilation: d });
          const size = (n: number) => Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
          expect(y.shape).toEqual([1, 2, size(i), size(i + 1)]);
          expect(y.shape[2]).toBe(convOutputSize(i, k, { stride: s, padding: p, dilation: d }));
        },
      ),
    );
  });

  it("with one channel and p=same equals correlate2d(x, k, 'same') (PyTorch and scipy agree)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (H, W, KH, KW, seed) => {
          const x = randn([1, 1, H, W], seed);
          const w = randn([1, 1, KH, KW], seed + 1);
          const y = conv2d(x, w, undefined, { padding: 'same' });
          expectClose(y.data, correlate2d(plane(x, 0, 0), plane(w, 0, 0), 'same').data, 1e-12);
        },
      ),
    );
  });
});

describe('conv2d groups and padding forms', () => {
  it('x=[1,2,2,2] w=[2,1,1,1] groups=2 (depthwise): each channel is scaled by its own kernel only', () => {
    const x = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
    ]);
    const y = conv2d(x, tensor([[[[10]]], [[[100]]]]), tensor([1, 2]), { groups: 2 });
    expect(y.toArray()).toEqual([
      [
        [
          [11, 21],
          [31, 41],
        ],
        [
          [502, 602],
          [702, 802],
        ],
      ],
    ]);
  });

  it('x=[1,4,1,1] w=[2,2,1,1] groups=2: output k sums the channels of its group only', () => {
    const y = conv2d(tensor([1, 2, 3, 4], [1, 4, 1, 1]), tensor([1, 10, 100, 1000], [2, 2, 1, 1]), undefined, { groups: 2 });
    expect(y.toArray()).toEqual([[[[21]], [[4300]]]]); // 1·1 + 10·2, 100·3 + 1000·4
  });

  it('padding [[top, bottom], [left, right]] adds exactly those zeros', () => {
    // x = 1..16 (4x4), w = ones 3x3, one zero row on top only and none elsewhere: rows −1..1, 0..2, …
    const y = conv2d(x16, ones3, undefined, {
      padding: [
        [1, 0],
        [0, 0],
      ],
    });
    expect(y.toArray()).toEqual([
      [
        [
          [1 + 2 + 3 + 5 + 6 + 7, 2 + 3 + 4 + 6 + 7 + 8],
          [54, 63],
          [90, 99],
        ],
      ],
    ]);
  });

  it("'same' with stride 2 keeps ceil(i/s) outputs for every size (random sizes, kernels, dilations)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        (i, k, s, d) => {
          const y = conv2d(zeros([1, 1, i, i]), zeros([1, 1, k, k]), undefined, { stride: s, padding: 'same', dilation: d });
          expect(y.shape.slice(2)).toEqual([Math.ceil(i / s), Math.ceil(i / s)]);
        },
      ),
    );
  });
});

describe('conv2d checks', () => {
  const x = zeros([1, 3, 28, 28]);
  const w = zeros([20, 3, 5, 5]);
  const cases: [string, () => unknown, RegExp][] = [
    ['x is not a Tensor', () => conv2d([1] as never, w), /conv2d: x must be a Tensor, got array \[1\]/],
    ['w is not a Tensor', () => conv2d(x, {} as never), /conv2d: w must be a Tensor, got Object/],
    ['b is not a Tensor', () => conv2d(x, w, [0] as never), /conv2d: b must be a Tensor, got array/],
    [
      'x is not rank 4',
      () => conv2d(zeros([3, 28, 28]), w),
      /conv2d: input must be rank 4 \(N, C, H, W\), got rank 3 \(x \[3,28,28\], w \[20,3,5,5\]\)/,
    ],
    ['w is not rank 4', () => conv2d(x, zeros([5, 5])), /conv2d: weights must be rank 4 \(K, C\/groups, KH, KW\), got rank 2/],
    [
      'an axis is empty',
      () => conv2d(zeros([0, 3, 28, 28]), w),
      /conv2d: input and weights must have no empty axis, got \(x \[0,3,28,28\]/,
    ],
    [
      'channels differ',
      () => conv2d(x, zeros([20, 1, 5, 5])),
      /conv2d: input has 3 channels but weights expect 1 \(x \[1,3,28,28\], w \[20,1,5,5\]\)/,
    ],
    [
      'b has the wrong shape',
      () => conv2d(x, w, zeros([10])),
      /conv2d: bias must have shape \[20\] \(one per output channel of w \[20,3,5,5\]\), got \[10\]/,
    ],
    [
      'stride is 0',
      () => conv2d(x, w, undefined, { stride: 0 }),
      /conv2d: stride must be a positive integer or a pair \[h, w\] of them, got 0/,
    ],
    [
      'stride is [1, 0]',
      () => conv2d(x, w, undefined, { stride: [1, 0] }),
      /conv2d: stride must be a positive integer or a pair \[h, w\] of them, got \[1,0\]/,
    ],
    [
      'dilation is 1.5',
      () => conv2d(x, w, undefined, { dilation: 1.5 }),
      /conv2d: dilation must be a positive integer or a pair \[h, w\] of them, got 1.5/,
    ],
    [
      'padding is -1',
      () => conv2d(x, w, undefined, { padding: -1 }),
      /conv2d: padding must be a non-negative integer, a pair \[ph, pw\] or sides \[\[top, bottom\], \[left, right\]\] of them, got -1/,
    ],
    [
      'padding is an unknown rule',
      () => conv2d(x, w, undefined, { padding: 'half' as never }),
      /conv2d: padding must be a non-negative integer, a pair \[ph, pw\], sides \[\[top, bottom\], \[left, right\]\], 'valid', 'same' or 'full', got 'half'/,
    ],
    [
      'an option is unknown',
      () => conv2d(x, w, undefined, { stide: 2 } as never),
      /conv2d: unknown option 'stide', the options are stride, padding, dilation, groups, got \{ stide: 2 \}/,
    ],
    [
      'groups does not divide the channels',
      () => conv2d(x, zeros([20, 1, 5, 5]), undefined, { groups: 2 }),
      /conv2d: groups must divide the input and output channels, got groups 2 for 3 input and 20 output channels/,
    ],
    ['groups is 1.5', () => conv2d(x, w, undefined, { groups: 1.5 }), /conv2d: groups must be a positive integer, got 1.5/],
    [
      'w has the wrong channels for the groups',
      () => conv2d(zeros([1, 4, 8, 8]), zeros([4, 1, 3, 3]), undefined, { groups: 2 }),
      /conv2d: weights must have C\/groups = 2 channels on axis 1 \(PyTorch's layout\), got 1/,
    ],
    [
      'padding sides are negative',
      () =>
        conv2d(x, w, undefined, {
          padding: [
            [1, -1],
            [0, 0],
          ],
        }),
      /conv2d: padding must be a non-negative integer, a pair \[ph, pw\] or sides \[\[top, bottom\], \[left, right\]\] of them, got \[\[1,-1\],\[0,0\]\]/,
    ],
    [
      'the kernel is larger than the padded input',
      () => conv2d(zeros([1, 3, 4, 4]), w, undefined, { dilation: [1, 2] }),
      /conv2d: the dilated kernel must fit in the padded input, got kernel 5x9 and padded input 4x4 \(x \[1,3,4,4\], w \[20,3,5,5\]\)/,
    ],
  ];
  for (const [rule, call, message] of cases) {
    it(`throws when ${rule}`, () => expect(call).toThrow(message));
  }

  it('throws TypeError for wrong kinds and RangeError for wrong values', () => {
    expect(() => conv2d(1 as never, w)).toThrow(TypeError);
    expect(() => conv2d(x, w, undefined, { stride: '2' as never })).toThrow(TypeError);
    expect(() => conv2d(x, zeros([20, 1, 5, 5]))).toThrow(RangeError);
  });
});
