// Receptive fields of Nielsen's deeper network (conv 5x5 → pool 2 → conv 5x5 → pool 2 → flatten → dense → dense), by hand and against brute force.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldStage } from '../../../kernel-lib/src/contract';
import { fieldAbove, fieldBelow, followNeuron } from '../../../kernel-lib/src/view';

const conv5: FieldStage = { size: [5, 5], stride: [1, 1], padding: [0, 0], dilation: [1, 1], mixes: true };
const pool2: FieldStage = { size: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], mixes: false };
const fields: Array<FieldStage[] | 'all'> = [[conv5], [pool2], [conv5], [pool2], [], 'all', 'all'];
const shapes = [
  [1, 28, 28],
  [20, 24, 24],
  [20, 12, 12],
  [40, 8, 8],
  [40, 4, 4],
  [40, 4, 4],
  [1, 10, 10],
  [1, 2, 5],
];
const box = (channels: 'all' | number[], r0: number, r1: number, c0: number, c1: number) => ({ channels, r0, r1, c0, c1 });

describe('followNeuron in Nielsen’s network', () => {
  it('a neuron of the second pooling layer: its receptive field in every layer below, by hand', () => {
    // pooled cell (1, 2) of channel 5 ← conv rows 2..3, cols 4..5 (its 2x2 window), same channel
    // ← rows 2..3+4 = 2..7, cols 4..9 of every channel of the first pool (5x5 taps, all 20 channels)
    // ← rows 4..15, cols 8..19 of the first conv (each pooled cell is a 2x2 window)
    // ← rows 4..19, cols 8..23 of the input (5x5 taps again)
    const regions = followNeuron(fields, shapes, [4, 5, 1, 2]);
    expect(regions.slice(0, 5)).toEqual([
      box('all', 4, 19, 8, 23),
      box('all', 4, 15, 8, 19),
      box('all', 2, 7, 4, 9),
      box([5], 2, 3, 4, 5),
      box([5], 1, 1, 2, 2),
    ]);
    // above: the flatten is drawn in its input's shape (cell to cell), the dense layers see everything
    expect(regions.slice(5)).toEqual([box([5], 1, 1, 2, 2), box('all', 0, 9, 0, 9), box('all', 0, 1, 0, 4)]);
  });

  it('an input pixel: the δ cells it gathers from in every layer above, by hand', () => {
    // input (10, 3) feeds conv rows 10−4..10 = 6..10, cols 0..3 (clipped at the left border), every channel;
    // pool rows ⌈5/2⌉..⌊10/2⌋ = 3..5, cols 0..1; conv2 rows 0..5, cols 0..1; pool rows 0..2, col 0
    const regions = followNeuron(fields, shapes, [0, 0, 10, 3]);
    expect(regions.slice(1, 5)).toEqual([box('all', 6, 10, 0, 3), box('all', 3, 5, 0, 1), box('all', 0, 5, 0, 1), box('all', 0, 2, 0, 0)]);
  });

  it('a corner neuron of the first conv layer sees the input’s top-left 5x5', () => {
    expect(followNeuron(fields, shapes, [1, 3, 0, 0])[0]).toEqual(box('all', 0, 4, 0, 4));
  });
});

/** Brute force: output cell o sees input cells o·s − p + d·t for taps t = 0..k−1 (one axis). */
const taps = (s: FieldStage, o: number, axis: 0 | 1) =>
  Array.from({ length: s.size[axis] }, (_, t) => o * s.stride[axis] - s.padding[axis] + s.dilation[axis] * t);

describe('fieldBelow and fieldAbove against the explicit connections', () => {
  const stage = fc.record({
    size: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    padding: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
    dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
    mixes: fc.boolean(),
  }) as fc.Arbitrary<FieldStage>;

  it('the box below is the span of the taps; the box above holds the outputs with a tap on the input cell (exactly without dilation)', () => {
    fc.assert(
      fc.property(stage, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), (s, r, c) => {
        const [h, w, oh, ow] = [10, 10, 12, 12];
        // below: output (r, c) → the input cells its taps reach (inside the input)
        const rows = taps(s, r, 0).filter((i) => i >= 0 && i < h);
        const cols = taps(s, c, 1).filter((j) => j >= 0 && j < w);
        const below = fieldBelow([s], box([0], r, r, c, c), [1, h, w]);
        const dilated = s.dilation[0] > 1 || s.dilation[1] > 1;
        if (!dilated && (rows.length === 0 || cols.length === 0)) expect(below).toBeNull();
        else if (!dilated)
          expect(below).toEqual(box(s.mixes ? 'all' : [0], Math.min(...rows), Math.max(...rows), Math.min(...cols), Math.max(...cols)));
        else if (rows.length > 0 && cols.length > 0) {
          // with dilation the box spans the holes between taps: it holds every tap
          expect(below!.r0).toBeLessThanOrEqual(Math.min(...rows));
          expect(below!.r1).toBeGreaterThanOrEqual(Math.max(...rows));
          expect(below!.c0).toBeLessThanOrEqual(Math.min(...cols));
          expect(below!.c1).toBeGreaterThanOrEqual(Math.max(...cols));
        }
        // above: input (r, c) → every output whose taps hit it (dilation can leave holes: the box spans them)
        const hitRows = Array.from({ length: oh }, (_, o) => o).filter((o) => taps(s, o, 0).includes(r));
        const hitCols = Array.from({ length: ow }, (_, o) => o).filter((o) => taps(s, o, 1).includes(c));
        const above = fieldAbove([s], box([0], r, r, c, c), [1, oh, ow]);
        if (hitRows.length === 0 || hitCols.length === 0) {
          if (!dilated) expect(above).toBeNull();
        } else {
          expect(above).not.toBeNull();
          expect(above!.r0).toBeLessThanOrEqual(Math.min(...hitRows));
          expect(above!.r1).toBeGreaterThanOrEqual(Math.max(...hitRows));
          expect(above!.c0).toBeLessThanOrEqual(Math.min(...hitCols));
          expect(above!.c1).toBeGreaterThanOrEqual(Math.max(...hitCols));
          if (s.dilation[0] === 1 && s.dilation[1] === 1)
            expect(above).toEqual(
              box(s.mixes ? 'all' : [0], Math.min(...hitRows), Math.max(...hitRows), Math.min(...hitCols), Math.max(...hitCols)),
            );
        }
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
