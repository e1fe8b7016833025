import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, conv2d, conv2dBackward, conv2dGeometry, randn } from '../../../kernel-lib/src';
import {
  type Spacing,
  convOutputShape,
  convTaps,
  correlateSpaced,
  gatherSpaced,
  gatherTaps,
  spreadDelta,
  paddingOnlyCells,
  symbolicConvFormula,
  unreadCells,
} from '../../../kernel-lib/src/view';

const spaced = (stride: [number, number], padding: Spacing['padding'], dilation: [number, number] = [1, 1]): Spacing => ({
  stride,
  padding,
  dilation,
});

/** A random one-channel geometry that conv2d accepts: input, kernel, stride, dilation, explicit sides. */
const geometries = fc
  .record({
    k: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    stride: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    padding: fc.tuple(fc.tuple(fc.nat(3), fc.nat(3)), fc.tuple(fc.nat(3), fc.nat(3))),
    extra: fc.tuple(fc.nat(6), fc.nat(6)),
    seed: fc.integer({ min: 0, max: 1e6 }),
  })
  .map(({ k, stride, dilation, padding, extra, seed }) => {
    // The input is at least as large as the dilated kernel, so every setting fits.
    const input = [0, 1].map((a) => Math.max(1, dilation[a] * (k[a] - 1) + 1 - padding[a][0] - padding[a][1]) + extra[a]);
    return { input, k, spacing: spaced(stride, padding, dilation), seed };
  });

const libraryConv = (x: Tensor, w: Tensor, s: Spacing) =>
  conv2d(new Tensor([1, 1, ...x.shape], x.data), new Tensor([1, 1, ...w.shape], w.data), undefined, s);

describe('window geometry of a spaced convolution (windows.ts)', () => {
  it('hand-computed: 5x5, 3x3 kernel, stride 2, padding 1 (conv_arithmetic padding_strides): 3x3, window (1,2) reads rows 1..3, cols 3..5', () => {
    const s = spaced(
      [2, 2],
      [
        [1, 1],
        [1, 1],
      ],
    );
    expect(convOutputShape([5, 5], [3, 3], s)).toEqual([3, 3]);
    const taps = convTaps([5, 5], [3, 3], s, 1, 2);
    expect(taps.map((t) => t.from)).toEqual([
      [1, 3],
      [1, 4],
      [1, 5],
      [2, 3],
      [2, 4],
      [2, 5],
      [3, 3],
      [3, 4],
      [3, 5],
    ]);
    expect(taps.map((t) => t.inside)).toEqual([true, true, false, true, true, false, true, true, false]);
  });

  it('hand-computed: a dilated 3x3 kernel (d = 2) over 7x7 spreads its taps two apart: output 3x3, window (0,0) at rows/cols 0, 2, 4', () => {
    const s = spaced(
      [1, 1],
      [
        [0, 0],
        [0, 0],
      ],
      [2, 2],
    );
    expect(convOutputShape([7, 7], [3, 3], s)).toEqual([3, 3]);
    expect(convTaps([7, 7], [3, 3], s, 0, 0).map((t) => t.from[0] * 10 + t.from[1])).toEqual([0, 2, 4, 20, 22, 24, 40, 42, 44]);
  });

  it('hand-computed: stride 3 with a 2x2 kernel over 7x7 leaves rows/cols 2 and 5 unread, and the row and column past the last window', () => {
    const s = spaced(
      [3, 3],
      [
        [0, 0],
        [0, 0],
      ],
    );
    const unread = unreadCells([7, 7], [2, 2], s);
    const rowsRead = [0, 1, 3, 4];
    for (let i = 0; i < 7; i++)
      for (let j = 0; j < 7; j++) expect(unread.some(([r, c]) => r === i && c === j)).toBe(!(rowsRead.includes(i) && rowsRead.includes(j)));
  });

  it('hand-computed: a 1x1 kernel with padding 1 has a border of output cells that read only padding', () => {
    const s = spaced(
      [1, 1],
      [
        [1, 1],
        [1, 1],
      ],
    );
    const cells = paddingOnlyCells([2, 2], [1, 1], s);
    expect(cells).toHaveLength(16 - 4);
    expect(cells).not.toContainEqual([1, 1]);
    expect(cells).toContainEqual([0, 0]);
  });

  it('property: the output shape is conv2dGeometry’s, and Σ over the taps equals conv2d, over random geometries', () => {
    fc.assert(
      fc.property(geometries, ({ input, k, spacing, seed }) => {
        const x = randn(input, seed);
        const w = randn(k, seed + 1);
        const g = conv2dGeometry('conv2d', [1, 1, ...input], [1, 1, ...k], spacing);
        expect(convOutputShape(input, k, spacing)).toEqual([g.outHeight, g.outWidth]);
        const ours = correlateSpaced(x, w, spacing, 0.25);
        const theirs = libraryConv(x, w, spacing);
        expect(ours.shape).toEqual([g.outHeight, g.outWidth]);
        ours.data.forEach((v, i) => expect(v).toBeCloseTo(theirs.data[i] + 0.25, 12));
      }),
      { numRuns: 150, seed: 13 },
    );
  });

  it('property: an input cell is unread exactly when conv2d’s output does not change as that cell changes', () => {
    fc.assert(
      fc.property(geometries, ({ input, k, spacing, seed }) => {
        const x = randn(input, seed);
        const w = new Tensor(
          k,
          Float64Array.from({ length: k[0] * k[1] }, () => 1),
        );
        const unread = new Set(unreadCells(input, k, spacing).map(([r, c]) => r * input[1] + c));
        const y0 = libraryConv(x, w, spacing).data;
        for (let i = 0; i < x.size; i++) {
          const bumped = Float64Array.from(x.data);
          bumped[i] += 1;
          const y1 = libraryConv(new Tensor(x.shape, bumped), w, spacing).data;
          expect(y1.some((v, o) => v !== y0[o])).toBe(!unread.has(i));
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('property: a padding-only output cell is conv2d’s output for an all-ones kernel equal to 0', () => {
    fc.assert(
      fc.property(geometries, ({ input, k, spacing }) => {
        const ones = (shape: number[]) =>
          new Tensor(
            shape,
            Float64Array.from({ length: shape[0] * shape[1] }, () => 1),
          );
        const y = libraryConv(ones(input), ones(k), spacing);
        const only = new Set(paddingOnlyCells(input, k, spacing).map(([r, c]) => r * y.shape[3] + c));
        y.data.forEach((v, o) => expect(v === 0).toBe(only.has(o)));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('symbolicConvFormula names the weights and inputs, padding as 0: a11 = σ(b + w11·0 + w12·x11 …)', () => {
    const p = {
      input: { shape: [2, 2] as [number, number], data: [1, 2, 3, 4] },
      kernel: { shape: [2, 2] as [number, number], data: [1, 1, 1, 1] },
      activation: 'sigmoid' as const,
      padding: [
        [1, 0],
        [1, 0],
      ] as Spacing['padding'],
    };
    expect(symbolicConvFormula(p, 0, 0)).toEqual(['a11 = σ(b', '    + w11·0 + w12·0', '    + w21·0 + w22·x11', '  )']);
    expect(symbolicConvFormula({ ...p, indexBase: 0 }, 1, 1)).toEqual([
      'a11 = σ(b',
      '    + w00·x00 + w01·x01',
      '    + w10·x10 + w11·x11',
      '  )',
    ]);
  });
});

describe('the backward pass of a spaced convolution as a transposed one (spreadDelta, gatherTaps)', () => {
  it('hand-computed: stride 2, 3x3 over 5x5 → δ 2x2 spread to 7x7 with a zero between and two before: δ̃ rows 2 and 4 hold δ', () => {
    const s = spaced(
      [2, 2],
      [
        [0, 0],
        [0, 0],
      ],
    );
    const d = spreadDelta([2, 2], [5, 5], [3, 3], s);
    expect([d.rows, d.cols, ...d.offset]).toEqual([7, 7, 2, 2]);
    expect(d.source(2, 4)).toEqual([0, 1]);
    expect(d.source(3, 4)).toBeUndefined();
    // x(0,0) is read only by output (0,0) with w(0,0): δˡ(0,0) = w(0,0)·δ(0,0), through rot180(w)(2,2).
    const taps = gatherTaps(d, [3, 3], s, 0, 0).filter((t) => t.from);
    expect(taps).toEqual([{ at: [2, 2], spread: [2, 2], from: [0, 0] }]);
  });

  it('property: Σ rot180(w)·δ̃ equals conv2dBackward(...).dx, over random geometries', () => {
    fc.assert(
      fc.property(geometries, ({ input, k, spacing, seed }) => {
        const g = conv2dGeometry('conv2d', [1, 1, ...input], [1, 1, ...k], spacing);
        const delta = randn([g.outHeight, g.outWidth], seed + 2);
        const w = randn(k, seed + 1);
        const { dx } = conv2dBackward(
          new Tensor([1, 1, ...input], new Float64Array(input[0] * input[1])),
          new Tensor([1, 1, ...k], w.data),
          new Tensor([1, 1, g.outHeight, g.outWidth], delta.data),
          spacing,
        );
        const ours = gatherSpaced(delta, w, input, spacing);
        ours.data.forEach((v, i) => expect(v).toBeCloseTo(dx.data[i], 12));
      }),
      { numRuns: 150, seed: 17 },
    );
  });
});
