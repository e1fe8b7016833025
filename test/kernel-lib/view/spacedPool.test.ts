import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward, randn, tensor } from '../../../kernel-lib/src';
import { validatePayload } from '../../../kernel-lib/src/contract';
import { convBackwardPayload, convPayload, poolBackwardPayload, poolPayload } from '../../../kernel-lib/src/display/linked';
import { payloadText } from '../../../kernel-lib/src/static/text';
import { convOutputShape, convTaps, describeView, formatValue, poolShares, poolSpacing } from '../../../kernel-lib/src/view';

/**
 * Random pooling geometries PyTorch accepts: windows up to 3x3, strides up to 4, dilation up to 2
 * (max only), padding at most half the window, ceil mode or not, an input the dilated window fits.
 */
function poolGeometries(modes: Array<'max' | 'avg'>) {
  return fc
    .record({
      mode: fc.constantFrom(...modes),
      size: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      pad: fc.tuple(fc.nat(1), fc.nat(1)),
      ceilMode: fc.boolean(),
      extra: fc.tuple(fc.nat(5), fc.nat(5)),
      seed: fc.nat(1e6),
    })
    .map((c) => ({
      ...c,
      dilation: c.mode === 'avg' ? ([1, 1] as [number, number]) : c.dilation,
      pad: [Math.min(c.pad[0], Math.floor(c.size[0] / 2)), Math.min(c.pad[1], Math.floor(c.size[1] / 2))] as [number, number],
    }))
    .map((c) => ({ ...c, input: [0, 1].map((a) => c.dilation[a] * (c.size[a] - 1) + 1 + c.extra[a]) }));
}

describe('the pooling view for any size, stride, padding, dilation and ceil mode', () => {
  it('ceil mode over 5x5 with 2x2 windows: 3x3, the last partial window drawn past x (one empty row and column)', () => {
    const x = randn([5, 5], 1);
    const p = poolPayload('showPool', x, { ceilMode: true, at: [3, 3] });
    expect(p.output.shape).toEqual([3, 3]);
    expect(validatePayload(p).ok).toBe(true);
    const s = describeView(p);
    expect([s.panels[0].rows, s.panels[0].cols]).toEqual([6, 6]);
    expect(s.panels[0].values[5]).toBeNull();
    expect(s.focus!.frames[0]).toEqual({ panel: 0, r0: 4, c0: 4, r1: 5, c1: 5, style: 'focus' });
    expect(s.focus!.sum[0]).toBe('y(3,3) = max over 1 of 4 taps (x(5,5))');
    expect(s.panels[0].names?.[5]).toContain('beyond x');
    // The last partial windows read row 5 and column 5 of x: no cell is greyed as unread.
    expect(s.frames.filter((f) => f.style === 'grey')).toEqual([]);
  });

  it('avg with padding 1, stride 2 (count_include_pad): every written sum ends in avgPool2d’s value', () => {
    const x = randn([6, 6], 2);
    const p = poolPayload('showPool', x, { mode: 'avg', size: 3, stride: 2, padding: 1 });
    const y = avgPool2d(x, { size: 3, stride: 2, padding: 1 });
    expect(p.output.data).toEqual(Array.from(y.data));
    const s = describeView(p);
    for (let at = 0; at < 9; at++) expect(s.linking!.focus(at).sum.at(-1)).toBe(`  = ${formatValue(y.data[at])}`);
    expect(s.focus!.sum[1]).toBe('  4 taps in x, 5 on padding counted, 0 past it not counted');
  });

  it('stride 3 with 2x2 windows leaves cells unread (greyed); dilation frames the taps one by one', () => {
    const s = describeView(poolPayload('showPool', randn([8, 8], 3), { size: 2, stride: 3 }));
    expect(s.frames.filter((f) => f.style === 'grey')).toHaveLength(64 - 36);
    const d = describeView(poolPayload('showPool', randn([7, 7], 3), { size: 2, stride: 1, dilation: 2 }));
    expect(d.focus!.frames.filter((f) => f.panel === 0).map((f) => [f.r0, f.c0])).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
      [2, 2],
    ]);
  });

  it('property: shapes are maxPool2d’s, each window’s max over its taps is maxPool2d’s, argmax among the taps; the validator accepts it', () => {
    const cases = poolGeometries(['max']);
    fc.assert(
      fc.property(cases, ({ size, stride, dilation, pad, ceilMode, input, seed }) => {
        const x = randn(input, seed);
        const opts = { size, stride, dilation, padding: pad, ceilMode };
        const p = poolPayload('showPool', x, opts);
        const lib = maxPool2d(new Tensor([1, 1, ...input], x.data), opts);
        expect(p.output.shape).toEqual(lib.y.shape.slice(2));
        expect(validatePayload(p)).toMatchObject({ ok: true });
        const spacing = poolSpacing(p);
        if (!ceilMode) expect(convOutputShape(input, size, spacing)).toEqual(p.output.shape);
        for (let o = 0; o < p.output.data.length; o++) {
          const taps = convTaps(input, size, spacing, Math.floor(o / p.output.shape[1]), o % p.output.shape[1]).filter((t) => t.inside);
          expect(Math.max(...taps.map((t) => x.data[t.from[0] * input[1] + t.from[1]]))).toBe(lib.y.data[o]);
          expect(taps.map((t) => t.from[0] * input[1] + t.from[1])).toContain(p.argmax![o]);
        }
      }),
      { numRuns: 120, seed: 21 },
    );
  });

  it('throws on what the pooling views cannot draw, naming the op and the rule', () => {
    const x = randn([6, 6], 1);
    expect(() => poolPayload('showPool', x, { mode: 'avg', dilation: 2 })).toThrow("showPool: dilation is for mode 'max' only");
    expect(() => poolPayload('showPool', x, { size: 2, padding: 2 })).toThrow('showPool: padding must be at most half the window size');
    expect(() => poolBackwardPayload('showPoolBackward', x, randn([3, 3], 2), { stride: 1 })).toThrow(
      'showPoolBackward: delta must have the pooled shape [5,5] (2x2 windows, stride 1x1 over x [6,6]), got [3,3]',
    );
    expect(() => poolBackwardPayload('showPoolBackward', x, randn([5, 5], 2), { stride: 1, at: [7, 1] })).toThrow(/showPoolBackward: at/);
    const p = poolPayload('showPool', x, { size: 2, stride: 1 });
    expect(validatePayload({ ...p, argmax: p.argmax!.map(() => 35) }).message).toContain('argmax[0] must index a cell of window 0');
  });
});

describe('the text and HTML fallbacks write the same sum as the view, for every spaced geometry', () => {
  it('conv (with symbols), conv-backward and pool', () => {
    const payloads = [
      convPayload('showConv', randn([5, 5], 1), randn([3, 3], 2), 0, { stride: 2, padding: 1, symbols: true, at: [2, 3] }),
      convBackwardPayload('showConvBackward', randn([3, 3], 1), randn([3, 3], 2), { stride: 2, inputSize: [7, 7], at: [4, 4] }),
      poolPayload('showPool', randn([7, 7], 1), { size: 3, stride: 2, padding: 1, ceilMode: true, at: [4, 4] }),
      poolPayload('showPool', randn([6, 6], 1), { mode: 'avg', size: 3, stride: 2, padding: 1, at: [2, 1] }),
      poolBackwardPayload('showPoolBackward', randn([5, 5], 1), randn([4, 4], 2), { size: 2, stride: 1, at: [2, 3] }),
      poolBackwardPayload('showPoolBackward', randn([5, 5], 1), randn([3, 3], 2), {
        mode: 'avg',
        size: 3,
        stride: 2,
        padding: 1,
        at: [5, 1],
      }),
    ];
    for (const p of payloads) expect(payloadText(p)).toContain(`\n\n${describeView(p).focus!.sum.join('\n')}`);
  });
});

describe('the backward pooling view for any size, stride, padding, dilation and ceil mode', () => {
  it('max 2x2, stride 1 over 3x3, by hand: the centre is read by all 4 windows and gathers the δ of those it is the maximum of', () => {
    // x's maximum 9 sits in the centre: every 2x2 window's maximum, so δˡ(2,2) = 1 + 2 + 3 + 4.
    const x = tensor([
      [1, 2, 3],
      [4, 9, 5],
      [6, 7, 8],
    ]);
    const delta = tensor([
      [1, 2],
      [3, 4],
    ]);
    const p = poolBackwardPayload('showPoolBackward', x, delta, { size: 2, stride: 1, at: [2, 2] });
    expect(p.output.data).toEqual([0, 0, 0, 0, 10, 0, 0, 0, 0]);
    expect(validatePayload(p)).toMatchObject({ ok: true });
    const s = describeView(p);
    expect(s.linking).toMatchObject({ count: 9, noun: 'cell', columns: 3 });
    expect(s.focus!.sum).toEqual([
      'δˡ(2,2) = Σ δˡ⁺¹ over the windows whose maximum is x(2,2)',
      '  read by 4 windows: (1,1), (1,2), (2,1), (2,2); the maximum of all',
      '  = 1 + 2 + 3 + 4',
      '  = 10',
    ]);
    // The corner x(1,1) is read by window (1,1) only and is not its maximum: a dotted frame there, δ 0.
    const corner = s.linking!.focus(0);
    expect(corner.sum.slice(1)).toEqual(['  read by 1 window: (1,1); the maximum of none', '  = 0']);
    expect(corner.frames.filter((f) => f.panel === 1)).toEqual([{ panel: 1, r0: 0, c0: 0, r1: 0, c1: 0, style: 'dotted' }]);
    // Hovering x or δˡ selects the cell; δˡ⁺¹ selects nothing (its windows are what the cell shows).
    expect([s.linking!.positionAt(0, 2, 1), s.linking!.positionAt(2, 2, 1), s.linking!.positionAt(1, 0, 0)]).toEqual([7, 7, undefined]);
  });

  it('avg 3x3, stride 2, padding 1 (count_include_pad) by hand: a corner cell gets δ/9 of the one window that reads it', () => {
    const x = randn([4, 4], 5);
    const delta = tensor([
      [9, 18],
      [27, 36],
    ]);
    const p = poolBackwardPayload('showPoolBackward', x, delta, { mode: 'avg', size: 3, stride: 2, padding: 1 });
    const s = describeView(p);
    expect(s.focus!.sum.slice(1)).toEqual(['  read by 1 window: (1,1)', '  = 9/9', '  = 1']);
    // x(2,2) (0-based [1,1]) is in all four windows: (9 + 18 + 27 + 36)/9 = 10.
    expect(s.linking!.focus(5).sum.at(-1)).toBe('  = 10');
    expect(p.output.data[5]).toBeCloseTo(10, 12);
    // The padded grid: x at (1, 1) inside 6x6 cells (one row and column of padding each side).
    expect([s.panels[0].rows, s.panels[0].cols, s.panels[2].rows]).toEqual([6, 6, 6]);
    expect(s.panels[2].names?.[0]).toBe('padding (its δ is dropped)');
  });

  it('property: every δˡ cell is the sum of its windows’ shares, equal to maxPool2dBackward / avgPool2dBackward; frames and text agree', () => {
    const cases = poolGeometries(['max', 'avg']);
    fc.assert(
      fc.property(cases, ({ mode, size, stride, dilation, pad, ceilMode, input, seed }) => {
        const x = randn(input, seed);
        const opts = mode === 'max' ? { size, stride, dilation, padding: pad, ceilMode } : { size, stride, padding: pad, ceilMode };
        const x4 = new Tensor([1, 1, ...input], x.data);
        const pooled = mode === 'max' ? maxPool2d(x4, opts).y : avgPool2d(x4, opts);
        const dy = randn(pooled.shape, seed + 1);
        const lib = mode === 'max' ? maxPool2dBackward(x4, dy, opts) : avgPool2dBackward(x4, dy, opts);
        const p = poolBackwardPayload('showPoolBackward', x, new Tensor(pooled.shape.slice(2), dy.data), { mode, ...opts });
        expect(validatePayload(p)).toMatchObject({ ok: true });
        expect(p.output.data).toEqual(Array.from(lib.data));
        const spacing = poolSpacing(p);
        const s = describeView(p);
        expect(s.linking!.count).toBe(input[0] * input[1]);
        for (let at = 0; at < input[0] * input[1]; at++) {
          const [i, j] = [Math.floor(at / input[1]), at % input[1]];
          const shares = poolShares(p, spacing, i, j);
          const sum = shares.reduce((a, sh) => a + sh.weight * sh.delta, 0);
          expect(Math.abs(sum - lib.data[at])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(lib.data[at])));
          // each share's window really reads x(i, j)
          for (const sh of shares)
            expect(convTaps(input, size, spacing, ...sh.window).some((t) => t.from[0] === i && t.from[1] === j)).toBe(true);
          const focus = s.linking!.focus(at);
          expect(focus.frames.filter((f) => f.panel === 1)).toHaveLength(shares.length);
          expect(focus.sum.at(-1)).toMatch(/^ {2}(= |no window)/);
        }
      }),
      { numRuns: 120, seed: 22 },
    );
  });

  it('refuses a payload whose δ or focus does not fit its windows, naming the field', () => {
    const p = poolBackwardPayload('showPoolBackward', randn([5, 5], 1), randn([4, 4], 2), { size: 2, stride: 1 });
    expect(validatePayload({ ...p, delta: { shape: [2, 2], data: [0, 0, 0, 0] } }).message).toContain('delta');
    expect(validatePayload({ ...p, focus: [5, 0] }).message).toContain('focus');
    expect(validatePayload({ ...p, output: { shape: [4, 4], data: Array(16).fill(0) } }).message).toContain('output');
  });
});
