import { describe, expect, it } from 'vitest';
import { Tensor, conv2d, conv2dBackward, randn } from '../../../kernel-lib/src';
import { validatePayload } from '../../../kernel-lib/src/contract';
import { convBackwardPayload, convPayload } from '../../../kernel-lib/src/display/linked';
import { describeView, formatValue } from '../../../kernel-lib/src/view';

const x = randn([5, 5], 3);
const w = randn([3, 3], 4);

describe('the forward conv view with stride, padding and dilation', () => {
  it("'same' with stride 2 (conv_arithmetic padding_strides): the payload carries conv2d's sides and conv2d's numbers", () => {
    const p = convPayload('showConv', x, w, 0.5, { stride: 2, padding: 1, activation: 'linear' });
    expect(p).toMatchObject({
      stride: [2, 2],
      dilation: [1, 1],
      padding: [
        [1, 1],
        [1, 1],
      ],
    });
    const y = conv2d(new Tensor([1, 1, 5, 5], x.data), new Tensor([1, 1, 3, 3], w.data), undefined, { stride: 2, padding: 1 });
    expect(p.output.shape).toEqual([3, 3]);
    p.output.data.forEach((v, i) => expect(v).toBeCloseTo(y.data[i] + 0.5, 12));
    expect(validatePayload(p).ok).toBe(true);
  });

  it("'same' with an even kernel puts the extra zero bottom/right, as conv2d resolves it", () => {
    const p = convPayload('showConv', x, randn([2, 2], 1), 0, { padding: 'same' });
    expect(p.padding).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(p.output.shape).toEqual([5, 5]);
  });

  it('the scene: x inside its padding (zeros, dotted outline), the window framed in padded coordinates, numbered from −top', () => {
    const p = convPayload('showConv', x, w, 0, { stride: 2, padding: 1, at: [1, 1] });
    const s = describeView(p);
    const input = s.panels[0];
    expect([input.rows, input.cols, input.rowBase, input.colBase]).toEqual([7, 7, 0, 0]);
    expect(input.values[0]).toBe(0);
    expect(input.values[1 * 7 + 1]).toBe(x.data[0]);
    expect(s.frames).toContainEqual({ panel: 0, r0: 1, c0: 1, r1: 5, c1: 5, style: 'dotted' });
    // Output (0,0) reads padded rows 0..2, i.e. the top row of zeros and x rows 1..2.
    expect(s.focus?.frames[0]).toEqual({ panel: 0, r0: 0, c0: 0, r1: 2, c1: 2, style: 'focus' });
    expect(s.linking?.focus(4).frames[0]).toEqual({ panel: 0, r0: 2, c0: 2, r1: 4, c1: 4, style: 'focus' });
  });

  it('a dilated kernel is framed tap by tap; unread input cells and padding-only outputs are greyed', () => {
    const d = describeView(convPayload('showConv', randn([7, 7], 1), w, 0, { dilation: 2 }));
    const taps = d.focus!.frames.filter((f) => f.panel === 0);
    expect(taps.map((f) => [f.r0, f.c0, f.r1 - f.r0, f.c1 - f.c0])).toEqual([0, 2, 4].flatMap((r) => [0, 2, 4].map((c) => [r, c, 0, 0])));
    const strided = describeView(convPayload('showConv', randn([7, 7], 1), randn([2, 2], 2), 0, { stride: 3 }));
    const grey = strided.frames.filter((f) => f.panel === 0 && f.style === 'grey');
    expect(grey).toHaveLength(49 - 16);
    const onlyPad = describeView(convPayload('showConv', randn([2, 2], 1), randn([1, 1], 2), 0, { padding: 1 }));
    expect(onlyPad.frames.filter((f) => f.panel === 2 && f.style === 'grey')).toHaveLength(12);
  });

  it('symbols: the cells are named and the sum is written with names beside the numbers', () => {
    const s = describeView(convPayload('showConv', x, w, 0, { padding: 1, symbols: true }));
    expect(s.panels[1].names?.[0]).toBe('w11');
    expect(s.panels[0].names?.[8]).toBe('x11');
    expect(s.focus?.sum[0]).toBe('a11 = σ(b');
    expect(s.focus?.sum[1]).toBe('    + w11·0 + w12·0 + w13·0');
    expect(s.focus?.sum.some((line) => line.startsWith('a(1,1) = σ(b + Σ w·x)'))).toBe(true);
  });

  it('the validator checks the geometry against the output shape, and throws on a kernel that cannot fit', () => {
    const p = convPayload('showConv', x, w, 0, { stride: 2 });
    expect(validatePayload({ ...p, stride: [1, 1] })).toMatchObject({ ok: false });
    expect(
      validatePayload({
        ...p,
        padding: [
          [0, -1],
          [0, 0],
        ],
      }).message,
    ).toContain('padding[0][1] must be an integer');
    expect(() => convPayload('showConv', randn([3, 3], 1), w, 0, { dilation: 2 })).toThrow(
      'showConv: the dilated kernel must fit in the padded input, got kernel 5x5 and padded input 3x3',
    );
    expect(() => convPayload('showConv', x, w, 0, { symbols: 'yes' as unknown as boolean })).toThrow(
      'showConv: symbols must be true or false',
    );
  });
});

describe('the backward conv view of a strided, padded or dilated convolution', () => {
  const delta = randn([3, 3], 5);
  const fromLibrary = (size: [number, number], kernel: Tensor, d: Tensor, opts: object) =>
    conv2dBackward(
      new Tensor([1, 1, ...size], new Float64Array(size[0] * size[1])),
      new Tensor([1, 1, ...kernel.shape], kernel.data),
      new Tensor([1, 1, ...d.shape], d.data),
      opts,
    ).dx;

  it('stride 2, padding 1 over a 5x5 input: δˡ is conv2dBackward’s dx, and every hovered sum prints dx’s value', () => {
    const p = convBackwardPayload('showConvBackward', delta, w, { stride: 2, padding: 1, inputSize: [5, 5] });
    expect(validatePayload(p).ok).toBe(true);
    const dx = fromLibrary([5, 5], w, delta, { stride: 2, padding: 1 });
    expect(p.output.data).toEqual(Array.from(dx.data));
    const s = describeView(p);
    for (let at = 0; at < 25; at++) expect(s.linking!.focus(at).sum.at(-1)).toBe(`  = ${formatValue(dx.data[at])}`);
  });

  it('the spread δ̃: s − 1 zeros between δ’s cells, d(k − 1) − top before them; the window of δˡ(0,0) and the greyed turned weights', () => {
    const p = convBackwardPayload('showConvBackward', delta, w, { stride: 2, padding: 1, inputSize: [5, 5] });
    const s = describeView(p);
    const spread = s.panels[0];
    expect([spread.rows, spread.cols]).toEqual([7, 7]);
    // offset 3 − 1 − 1 = 1: δ(0,0) at δ̃(1,1), δ(0,1) at δ̃(1,3), a zero at δ̃(1,2).
    expect([spread.values[8], spread.values[10], spread.values[9]]).toEqual([delta.data[0], delta.data[1], 0]);
    const focus = s.focus!;
    expect(focus.frames.filter((f) => f.style === 'focus')[0]).toEqual({ panel: 0, r0: 0, c0: 0, r1: 2, c1: 2, style: 'focus' });
    // δˡ(0,0) reads δ̃ rows/cols 0..2, where only (1,1) holds δ: eight of nine turned weights meet zeros.
    expect(focus.frames.filter((f) => f.style === 'grey')).toHaveLength(8);
    expect(focus.sum[1]).toBe('  gathers 1 cell: δˡ⁺¹(1,1)');
  });

  it('dilation 2 and explicit sides, with the smallest input: dx again, taps framed one by one', () => {
    const opts = {
      dilation: 2,
      padding: [
        [1, 0],
        [0, 2],
      ] as [[number, number], [number, number]],
    };
    const p = convBackwardPayload('showConvBackward', delta, w, opts);
    expect(p.output.shape).toEqual([3 - 1 + 4 + 1 - 1, 3 - 1 + 4 + 1 - 2]);
    expect(p.output.data).toEqual(Array.from(fromLibrary(p.output.shape, w, delta, opts).data));
    const frames = describeView(p).focus!.frames.filter((f) => f.panel === 0);
    expect(frames).toHaveLength(9);
  });

  it("throws when δ does not fit the forward geometry, or 'same' is given without the input size", () => {
    expect(() => convBackwardPayload('showConvBackward', delta, w, { stride: 2, inputSize: [9, 9] })).toThrow(
      "showConvBackward: delta must have the forward output's shape 4x4 for input 9x9, got [3,3]",
    );
    expect(() => convBackwardPayload('showConvBackward', delta, w, { padding: 'same' })).toThrow(
      "showConvBackward: padding 'same' depends on the input size: give inputSize [h, w] as well",
    );
    const p = convBackwardPayload('showConvBackward', delta, w, { stride: 2 });
    expect(validatePayload({ ...p, stride: [1, 1] })).toMatchObject({ ok: false });
  });
});
