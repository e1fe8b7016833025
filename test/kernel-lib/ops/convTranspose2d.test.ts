import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Tensor,
  configureKernels,
  conv2d,
  conv2dBackward,
  convTranspose2d,
  convTranspose2dBackward,
  convTranspose2dBackwardFast,
  convTranspose2dBackwardReference,
  convTranspose2dForwardFast,
  convTranspose2dForwardReference,
  convTranspose2dGeometry,
  randn,
  tensor,
  zeros,
} from '../../../kernel-lib/src';
import { dot, expectClose, numericGrad } from './helpers';
import { transposeCases, transposedSize } from './transposeCases';

afterEach(() => configureKernels({ kernels: 'fast' }));

describe('convTranspose2d', () => {
  it('x=[1,1,1,2] w=[1,1,1,2]: each input cell scatters a scaled kernel, stride cells apart', () => {
    const x = tensor([[[[1, 2]]]]);
    const w = tensor([[[[1, 10]]]]);
    expect(convTranspose2d(x, w).toArray()).toEqual([[[[1, 12, 20]]]]); // overlapping copies add
    expect(convTranspose2d(x, w, undefined, { stride: 2 }).toArray()).toEqual([[[[1, 10, 2, 20]]]]);
    expect(convTranspose2d(x, w, tensor([5]), { stride: [1, 3], outputPadding: [0, 1] }).toArray()).toEqual([[[[6, 15, 5, 7, 25, 5]]]]);
    expect(convTranspose2d(x, w, undefined, { stride: 2, padding: [0, 1] }).toArray()).toEqual([[[[10, 2]]]]); // crops a cell per side
  });

  it('x=[1,2,1,1] w=[2,1,1,1] groups=2: each input channel feeds only its own output channel', () => {
    const y = convTranspose2d(tensor([[[[3]], [[4]]]]), tensor([[[[10]]], [[[100]]]]), undefined, { groups: 2 });
    expect(y.toArray()).toEqual([[[[30]], [[400]]]]);
  });

  it("output size is PyTorch's (H − 1)·s − 2p + d·(k − 1) + outputPadding + 1 (random cases)", () => {
    fc.assert(
      fc.property(transposeCases(), ({ x, w, b, opts }) => {
        const y = convTranspose2d(x, w, b, opts);
        const [s, p, d, op] = [opts.stride, opts.padding, opts.dilation, opts.outputPadding] as [number, number][];
        expect(y.shape).toEqual([
          x.shape[0],
          w.shape[1] * opts.groups!,
          transposedSize(x.shape[2], w.shape[2], s[0], p[0], d[0], op[0]),
          transposedSize(x.shape[3], w.shape[3], s[1], p[1], d[1], op[1]),
        ]);
      }),
      { numRuns: 100 },
    );
  });

  it("is exactly conv2d's input gradient: conv2dBackward(x, w, dy).dx = convTranspose2d(dy, w) (random strides, paddings, dilations, groups)", () => {
    fc.assert(
      fc.property(transposeCases(), fc.integer(), ({ x: dy, w, opts }, seed) => {
        const g = convTranspose2dGeometry('test', dy.shape, w.shape, opts);
        // outputPadding ≥ stride (allowed when < dilation) adds rows that conv2d would map to more outputs than dy has
        fc.pre([0, 1].every((a) => (opts.outputPadding as readonly number[])[a] < (opts.stride as readonly number[])[a]));
        const x = randn([g.batch, g.outChannels, g.outHeight, g.outWidth], seed);
        const { stride, padding, dilation, groups } = opts;
        const { dx } = conv2dBackward(x, w, dy, { stride, padding, dilation, groups });
        expectClose(convTranspose2d(dy, w, undefined, opts).data, dx.data, 1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it('dx, dw, db equal central finite differences of L = Σ dy ⊙ convTranspose2d(x, w, b) (random cases)', () => {
    fc.assert(
      fc.property(transposeCases(), fc.integer(), ({ x, w, b, opts }, seed) => {
        const bias = b ?? randn([w.shape[1] * opts.groups!], seed);
        const dy = randn(convTranspose2d(x, w, bias, opts).shape, seed + 1);
        const { dx, dw, db } = convTranspose2dBackward(x, w, dy, opts);
        expectClose(
          dx.data,
          numericGrad((t) => dot(dy, convTranspose2d(t, w, bias, opts)), x),
          1e-7,
        );
        expectClose(
          dw.data,
          numericGrad((t) => dot(dy, convTranspose2d(x, t, bias, opts)), w),
          1e-7,
        );
        expectClose(
          db.data,
          numericGrad((t) => dot(dy, convTranspose2d(x, w, t, opts)), bias),
          1e-7,
        );
        // and dx is conv2d of dy with the same weights (its first H×W outputs when outputPadding ≥ stride)
        const { stride, padding, dilation, groups } = opts;
        const y = conv2d(dy, w, undefined, { stride, padding, dilation, groups });
        const [N, C, H, W] = x.shape;
        const crop = Float64Array.from({ length: x.size }, (_, i) => {
          const [j, r, nc] = [i % W, Math.floor(i / W) % H, Math.floor(i / (W * H))];
          return y.data[(nc * y.shape[2] + r) * y.shape[3] + j];
        });
        expect(N * C).toBe(y.shape[0] * y.shape[1]);
        expectClose(dx.data, crop, 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it.each([1, 2])('fast kernels (threads=%i) equal the reference within 1e-12, forward and backward', (threads) => {
    configureKernels({ kernels: 'fast', threads });
    fc.assert(
      fc.property(transposeCases(), fc.integer(), ({ x, w, b, opts }, seed) => {
        const g = convTranspose2dGeometry('test', x.shape, w.shape, opts);
        const ySize = g.batch * g.outChannels * g.outHeight * g.outWidth;
        const [fast, ref] = [new Float64Array(ySize).fill(NaN), new Float64Array(ySize).fill(NaN)];
        convTranspose2dForwardFast(g, x.data, w.data, b?.data, fast);
        convTranspose2dForwardReference(g, x.data, w.data, b?.data, ref);
        expectClose(fast, ref, 1e-12);
        const dy = randn([g.batch, g.outChannels, g.outHeight, g.outWidth], seed).data;
        const grads = () => [
          new Float64Array(x.size).fill(NaN),
          new Float64Array(w.size).fill(NaN),
          new Float64Array(g.outChannels).fill(NaN),
        ];
        const [f, r] = [grads(), grads()];
        convTranspose2dBackwardFast(g, x.data, w.data, dy, f[0], f[1], f[2]);
        convTranspose2dBackwardReference(g, x.data, w.data, dy, r[0], r[1], r[2]);
        for (let i = 0; i < 3; i++) expectClose(f[i], r[i], 1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it('x=[64,20,12,12] w=[20,24,4,4] s=2 p=1 → [64,24,24,24], fast = reference', () => {
    const x = randn([4, 20, 12, 12], 1);
    const w = randn([20, 24, 4, 4], 2);
    const y = convTranspose2d(x, w, undefined, { stride: 2, padding: 1 });
    expect(y.shape).toEqual([4, 24, 24, 24]);
    configureKernels({ kernels: 'reference' });
    expectClose(y.data, convTranspose2d(x, w, undefined, { stride: 2, padding: 1 }).data, 1e-12);
  });
});

describe('convTranspose2d checks', () => {
  const x = zeros([1, 4, 5, 5]);
  const w = zeros([4, 3, 3, 3]);
  const cases: [string, () => unknown, RegExp][] = [
    ['x is not a Tensor', () => convTranspose2d([1] as never, w), /convTranspose2d: x must be a Tensor, got array \[1\]/],
    ['x is not rank 4', () => convTranspose2d(zeros([4, 5, 5]), w), /convTranspose2d: input must be rank 4 \(N, C, H, W\), got rank 3/],
    [
      'w is not rank 4',
      () => convTranspose2d(x, zeros([3, 3])),
      /convTranspose2d: weights must be rank 4 \(C, K\/groups, KH, KW\), got rank 2/,
    ],
    [
      'w has the wrong input channels',
      () => convTranspose2d(x, zeros([3, 3, 3, 3])),
      /convTranspose2d: weights must have the input's 4 channels on axis 0 \(PyTorch's layout \[C, K\/groups, KH, KW\]\), got 3/,
    ],
    [
      'groups does not divide C',
      () => convTranspose2d(x, w, undefined, { groups: 3 }),
      /convTranspose2d: groups must divide the input channels, got groups 3 for 4 input channels/,
    ],
    ['groups is 0', () => convTranspose2d(x, w, undefined, { groups: 0 }), /convTranspose2d: groups must be a positive integer, got 0/],
    [
      'outputPadding ≥ stride and dilation',
      () => convTranspose2d(x, w, undefined, { stride: 2, outputPadding: 2 }),
      /convTranspose2d: outputPadding must be smaller than stride or dilation, got outputPadding \[2,2\] with stride \[2,2\] and dilation \[1,1\]/,
    ],
    [
      'the output is empty',
      () => convTranspose2d(zeros([1, 4, 1, 1]), zeros([4, 1, 1, 1]), undefined, { padding: 1 }),
      /convTranspose2d: the output \(H − 1\)·s − 2p \+ d·\(k − 1\) \+ outputPadding \+ 1 must be positive, got -1x-1/,
    ],
    ['b has the wrong shape', () => convTranspose2d(x, w, zeros([4])), /convTranspose2d: bias must have shape \[3\]/],
    [
      'an option is unknown',
      () => convTranspose2d(x, w, undefined, { stide: 2 } as never),
      /convTranspose2d: unknown option 'stide', the options are stride, padding, outputPadding, dilation, groups, got \{ stide: 2 \}/,
    ],
    [
      'dy has the wrong shape',
      () => convTranspose2dBackward(x, w, zeros([1, 3, 5, 5])),
      /convTranspose2dBackward: dy must have the output shape \[1,3,7,7\], got \[1,3,5,5\]/,
    ],
  ];
  for (const [rule, call, message] of cases) {
    it(`throws when ${rule}`, () => expect(call).toThrow(message));
  }
  it('throws TypeError for an unknown option and for options that are not an object', () => {
    expect(() => convTranspose2d(x, w, undefined, { stide: 2 } as never)).toThrow(TypeError);
    expect(() => convTranspose2d(x, w, undefined, 2 as never)).toThrow(/convTranspose2d: options must be an object, got 2/);
    expect(Tensor).toBeDefined();
  });
});
