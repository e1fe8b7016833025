import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng, conv2dBackwardReference, conv2dForwardReference, conv2dGeometry } from '../../../kernel-lib/src';
import { configureKernels, kernelStatus } from '../../../kernel-lib/src/fast/backend';
import { conv2dBackwardFast, conv2dForwardFast } from '../../../kernel-lib/src/fast/conv2d';
import { type Conv2dGeometry } from '../../../kernel-lib/src';
import { convGeometries, expectClose } from './cases';

function normals(n: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

function data(g: Conv2dGeometry, seed: number) {
  const rng = new Rng(seed);
  return {
    x: normals(g.batch * g.inChannels * g.inHeight * g.inWidth, rng),
    w: normals(g.outChannels * (g.inChannels / g.groups) * g.kernelHeight * g.kernelWidth, rng),
    b: normals(g.outChannels, rng),
    dy: normals(g.batch * g.outChannels * g.outHeight * g.outWidth, rng),
  };
}

function forward(run: typeof conv2dForwardFast, g: Conv2dGeometry, d: ReturnType<typeof data>, bias: boolean): Float64Array {
  const y = new Float64Array(g.batch * g.outChannels * g.outHeight * g.outWidth).fill(NaN);
  run(g, d.x, d.w, bias ? d.b : undefined, y);
  return y;
}

function backward(run: typeof conv2dBackwardFast, g: Conv2dGeometry, d: ReturnType<typeof data>) {
  const dx = new Float64Array(d.x.length).fill(NaN);
  const dw = new Float64Array(d.w.length).fill(NaN);
  const db = new Float64Array(g.outChannels).fill(NaN);
  run(g, d.x, d.w, d.dy, dx, dw, db);
  return { dx, dw, db };
}

afterEach(() => configureKernels({ kernels: 'fast', threads: 2 }));

describe.each([1, 2])('conv2d fast kernels, threads=%i', (threads) => {
  it('run in WebAssembly here', () => {
    configureKernels({ threads });
    expect(kernelStatus()).toMatchObject({ kernels: 'fast', threads, reason: '', events: [] });
  });

  it('forward equals conv2dForwardReference within 1e-12 (random shapes, strides, paddings, dilations, groups)', () => {
    configureKernels({ threads });
    fc.assert(
      fc.property(convGeometries({ batch: 5, channels: 4, size: 14, groups: 3 }), fc.boolean(), ({ g, seed }, bias) => {
        const d = data(g, seed);
        expectClose(forward(conv2dForwardFast, g, d, bias), forward(conv2dForwardReference, g, d, bias), 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it('backward equals conv2dBackwardReference within 1e-12 (dx, dw and db; groups too)', () => {
    configureKernels({ threads });
    fc.assert(
      fc.property(convGeometries({ batch: 5, channels: 4, size: 14, groups: 3 }), ({ g, seed }) => {
        const d = data(g, seed);
        const fast = backward(conv2dBackwardFast, g, d);
        const ref = backward(conv2dBackwardReference, g, d);
        expectClose(fast.dx, ref.dx, 1e-12);
        expectClose(fast.dw, ref.dw, 1e-12);
        expectClose(fast.db, ref.db, 1e-12);
      }),
      { numRuns: 150 },
    );
  });
});

describe("conv2d fast kernels on the notes' layers", () => {
  it.each([
    ['x=[8,1,28,28] w=[20,1,5,5] valid', [8, 1, 28, 28], [20, 1, 5, 5]],
    ['x=[4,20,12,12] w=[40,20,5,5] valid', [4, 20, 12, 12], [40, 20, 5, 5]],
  ])('%s: forward and backward equal the reference within 1e-12', (_, xShape, wShape) => {
    const g = conv2dGeometry('test', xShape, wShape);
    const d = data(g, 7);
    expectClose(forward(conv2dForwardFast, g, d, true), forward(conv2dForwardReference, g, d, true), 1e-12);
    const fast = backward(conv2dBackwardFast, g, d);
    const ref = backward(conv2dBackwardReference, g, d);
    for (const key of ['dx', 'dw', 'db'] as const) expectClose(fast[key], ref[key], 1e-12);
  });
});

describe('depthwise and narrow grouped convolution (the direct grouped kernels)', () => {
  // groups = C with multiplier K/C, or a few channels per group; widths up to 40 fill whole SIMD rows
  const depthwise = fc
    .record({
      n: fc.integer({ min: 1, max: 3 }),
      c: fc.integer({ min: 1, max: 6 }),
      perGroup: fc.constantFrom(1, 1, 2, 3),
      multiplier: fc.integer({ min: 1, max: 3 }),
      kernel: fc.integer({ min: 1, max: 5 }),
      stride: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      dilation: fc.integer({ min: 1, max: 2 }),
      padding: fc.oneof(fc.constantFrom('same' as const, 'valid' as const), fc.tuple(fc.nat(2), fc.nat(2))),
      size: fc.tuple(fc.integer({ min: 9, max: 24 }), fc.integer({ min: 9, max: 40 })),
      seed: fc.integer({ min: 0, max: 1e6 }),
    })
    .map(({ n, c, perGroup, multiplier, kernel, stride, dilation, padding, size, seed }) => ({
      g: conv2dGeometry('test', [n, c * perGroup, ...size], [c * multiplier, perGroup, kernel, kernel], {
        groups: c,
        stride,
        dilation,
        padding,
      }),
      seed,
    }));

  it.each([1, 2])('forward and backward equal the reference within 1e-12, threads=%i', (threads) => {
    configureKernels({ threads });
    fc.assert(
      fc.property(depthwise, fc.boolean(), ({ g, seed }, bias) => {
        const d = data(g, seed);
        expectClose(forward(conv2dForwardFast, g, d, bias), forward(conv2dForwardReference, g, d, bias), 1e-12);
        const fast = backward(conv2dBackwardFast, g, d);
        const ref = backward(conv2dBackwardReference, g, d);
        for (const key of ['dx', 'dw', 'db'] as const) expectClose(fast[key], ref[key], 1e-12);
      }),
      { numRuns: 80 },
    );
  });

  it("x=[4,32,56,56] w=[32,1,3,3] groups=32 padding=1 (the benchmark's layer): equal to the reference within 1e-12", () => {
    const g = conv2dGeometry('test', [4, 32, 56, 56], [32, 1, 3, 3], { groups: 32, padding: 1 });
    const d = data(g, 5);
    expectClose(forward(conv2dForwardFast, g, d, true), forward(conv2dForwardReference, g, d, true), 1e-12);
    const fast = backward(conv2dBackwardFast, g, d);
    const ref = backward(conv2dBackwardReference, g, d);
    for (const key of ['dx', 'dw', 'db'] as const) expectClose(fast[key], ref[key], 1e-12);
  });
});

describe("configureKernels({ kernels: 'reference' })", () => {
  it('runs the reference itself: results are identical', () => {
    configureKernels({ kernels: 'reference' });
    expect(kernelStatus()).toMatchObject({ kernels: 'reference', threads: 1, reason: 'configured', events: [] });
    const g = conv2dGeometry('test', [2, 2, 7, 6], [3, 2, 3, 2], { padding: 1, stride: [2, 1] });
    const d = data(g, 3);
    expect(forward(conv2dForwardFast, g, d, true)).toEqual(forward(conv2dForwardReference, g, d, true));
    expect(backward(conv2dBackwardFast, g, d)).toEqual(backward(conv2dBackwardReference, g, d));
  });

  it('throws when kernels is not a known name, or threads not a positive integer', () => {
    expect(() => configureKernels({ kernels: 'gpu' as never })).toThrow(
      new TypeError(`configureKernels: kernels must be 'fast' or 'reference', got "gpu"`),
    );
    expect(() => configureKernels({ threads: 0 })).toThrow(new RangeError('configureKernels: threads must be a positive integer, got 0'));
  });
});
