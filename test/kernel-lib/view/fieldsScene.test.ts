// The receptive-field view's scene, by hand: where the blocks go, what a neuron frames below and above, what it writes.
import { describe, expect, it } from 'vitest';
import type { FieldsPayload } from '../../../kernel-lib/src/contract';
import { validatePayload } from '../../../kernel-lib/src/contract';
import { describeView } from '../../../kernel-lib/src/view';
import { fieldsExample } from '../contract/fieldsExample';

describe('fieldsScene of the hand-made network (4x4 → conv 2x2, 1→2 → max pool 2, stride 1 → flatten → dense 3)', () => {
  const s = describeView(fieldsExample);

  it('one panel per column at its place: 14-pixel cells, blocks 150 + 32 pixels apart, the dense layer wrapped onto a second row', () => {
    // input at (12, 48 + 18 + 16); the conv's two 3x3 maps side by side (3x7 with the gap); the pool's 2x2 maps (2x5)
    expect(s.panels.map((p) => [p.x, p.y, p.rows, p.cols, p.cell])).toEqual([
      [12, 82, 4, 4, 14],
      [194, 82, 3, 7, 14],
      [376, 82, 2, 5, 14],
      [558, 82, 2, 5, 14],
      // the first row is 18 + 16 + 4·14 + 13 + 12 = 115 tall (the input's block), then 32 pixels of gap
      [12, 48 + 115 + 32 + 34, 3, 1, 14],
    ]);
    // the dense outputs 0.5, −0.25, 1 as bars beside their cells: 64 pixels for the largest |a|
    const bars = s.boxes.map((b) => [b.x, b.y, b.width, b.fill]);
    expect(bars).toEqual([
      [30, 230, 32, '#6baed6'],
      [30, 244, 16, '#fd8d3c'],
      [30, 258, 64, '#6baed6'],
    ]);
  });

  it('prints r and j of every layer by the closed forms: conv r 2, j 1; pool r 2 + (2 − 1)·1 = 3, j 1; dense the whole input', () => {
    const lines = s.labels.filter((l) => /^r/.test(l.text)).map((l) => l.text);
    expect(lines).toEqual(['r 1, j 1', 'r 2, j 1', 'r 3, j 1', 'r 3, j 1', 'r: the whole input (dense)']);
  });

  it('first follows the centre of the last map (the pool’s channel 1, cell (0, 0)), at position 16 + 18', () => {
    expect(s.linking!.position).toBe(34);
    expect(s.focus!.label).toBe('layer 1 c1 (1,1)');
  });

  it('a pooled neuron frames its receptive field below and its projective field above, exactly', () => {
    const f = s.linking!.focus(16 + 18 + 4); // pool channel 1 (0-based), cell (0, 0)
    expect(f.frames.map((g) => [g.panel, g.r0, g.c0, g.r1, g.c1])).toEqual([
      [0, 0, 0, 2, 2], // input rows 0..2, cols 0..2: its 2x2 window of 2x2 kernels
      [1, 0, 4, 1, 5], // the conv's channel 1 (the second map, 4 cells right in the mosaic), rows 0..1, cols 0..1
      [2, 0, 3, 0, 3], // itself
      [3, 0, 3, 0, 3], // the flatten: cell to cell
      [4, 0, 0, 2, 0], // every dense neuron
    ]);
    expect(f.sum).toEqual([
      'following layer 1 pool, channel 2, cell (1,1): a = 1; r 3, j 1',
      'receptive field in the input: rows 1–3, cols 1–3 (9 cells)',
      'receptive field in layer 0 conv: rows 1–2, cols 1–2 of channel 2 (4 cells)',
      'projective field in layer 2 flatten: row 1, col 1 of channel 2 (1 cell)',
      'projective field in layer 3 dense: all neurons (3 cells)',
    ]);
  });

  it('an input pixel at the border frames the conv cells it feeds in every channel, clipped, and the pooled cells they feed', () => {
    const f = s.linking!.focus(3); // input (0, 3): conv cols 2..3 clipped to 2; pool cols 1..2 clipped to 1
    expect(f.frames.map((g) => [g.panel, g.r0, g.c0, g.r1, g.c1])).toEqual([
      [0, 0, 3, 0, 3],
      [1, 0, 2, 0, 2],
      [1, 0, 6, 0, 6],
      [2, 0, 1, 0, 1],
      [2, 0, 4, 0, 4],
      [3, 0, 1, 0, 1],
      [3, 0, 4, 0, 4],
      [4, 0, 0, 2, 0],
    ]);
  });

  it('hovers select the neuron under the cursor in every panel, nothing in the mosaic’s gaps', () => {
    const at = s.linking!.positionAt;
    expect(at(1, 0, 4)).toBe(16 + 9); // conv channel 1, (0, 0)
    expect(at(1, 0, 3)).toBeUndefined(); // the gap between the maps
    expect(at(4, 2, 0)).toBe(16 + 18 + 8 + 8 + 2); // dense neuron 2
    expect(s.linking!.focus(52).label).toBe('layer 3 n3');
  });
});

describe('fieldsScene with a dilated kernel', () => {
  const dilated: FieldsPayload = {
    version: 1,
    kind: 'fields',
    title: 'dilated',
    indexBase: 0,
    input: { shape: [1, 5, 5], data: Array.from({ length: 25 }, (_, i) => i) },
    layers: [
      {
        name: 'conv d2',
        steps: [{ size: [2, 2], stride: [1, 1], padding: [0, 0], dilation: [2, 2], mixes: true, input: [1, 5, 5], output: [1, 3, 3] }],
        activation: { shape: [1, 3, 3], data: Array.from({ length: 9 }, (_, i) => i) },
      },
    ],
  };

  it('leaves the holes between the taps open: four single cells, r = d(k − 1) + 1 = 3', () => {
    expect(validatePayload(dilated).ok).toBe(true);
    const f = describeView(dilated).focus!;
    expect(f.frames.filter((g) => g.panel === 0).map((g) => [g.r0, g.c0, g.r1, g.c1])).toEqual([
      [1, 1, 1, 1],
      [1, 3, 1, 3],
      [3, 1, 3, 1],
      [3, 3, 3, 3],
    ]);
    expect(f.sum[0]).toBe('following layer 0 conv d2, cell (1,1): a = 4; r 3, j 1');
    expect(f.sum[1]).toBe('receptive field in the input: rows 1, 3, cols 1, 3 (4 cells)');
  });
});

describe('fieldsScene with a transposed convolution', () => {
  const up: FieldsPayload = {
    version: 1,
    kind: 'fields',
    title: 'upsampling',
    indexBase: 0,
    input: { shape: [1, 3, 3], data: Array.from({ length: 9 }, (_, i) => i) },
    layers: [
      {
        name: 'up',
        steps: [
          {
            size: [3, 3],
            stride: [2, 2],
            padding: [1, 1],
            dilation: [1, 1],
            mixes: true,
            transposed: true,
            input: [1, 3, 3],
            output: [1, 5, 5],
          },
        ],
        activation: { shape: [1, 5, 5], data: Array.from({ length: 25 }, (_, i) => i) },
      },
    ],
  };

  it('frames the inputs whose taps hit the output cell, and says the closed forms end there', () => {
    expect(validatePayload(up).ok).toBe(true);
    const s = describeView(up, { position: 9 + 5 + 1 }); // output (1, 1) reads inputs (1 + 1 − t)/2 = 1, 0 on each axis
    expect(s.focus!.frames.filter((g) => g.panel === 0).map((g) => [g.r0, g.c0, g.r1, g.c1])).toEqual([[0, 0, 1, 1]]);
    expect(s.focus!.sum).toEqual([
      'following layer 0 up, cell (1,1): a = 6; r, j: no one size after a transposed convolution',
      'receptive field in the input: rows 0–1, cols 0–1 (4 cells)',
    ]);
    expect(
      validatePayload({ ...up, layers: [{ ...up.layers[0], steps: [{ ...(up.layers[0].steps as object[])[0], mixes: false }] }] }),
    ).toEqual({
      ok: false,
      message: 'fields: layers[0].steps[0].transposed must be true or false, and true only for a step that mixes',
    });
  });
});
