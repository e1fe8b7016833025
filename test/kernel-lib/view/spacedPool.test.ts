import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, avgPool2d, maxPool2d, randn } from '../../../kernel-lib/src';
import { validatePayload } from '../../../kernel-lib/src/contract';
import { convBackwardPayload, convPayload, poolBackwardPayload, poolPayload } from '../../../kernel-lib/src/display/linked';
import { focusFormula } from '../../../kernel-lib/src/static/text';
import { convOutputShape, convTaps, describeView, formatValue, poolSpacing } from '../../../kernel-lib/src/view';

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
    const cases = fc
      .record({
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
        pad: [Math.min(c.pad[0], Math.floor(c.size[0] / 2)), Math.min(c.pad[1], Math.floor(c.size[1] / 2))],
        input: [0, 1].map((a) => c.dilation[a] * (c.size[a] - 1) + 1 + c.extra[a]),
      }));
    fc.assert(
      fc.property(cases, ({ size, stride, dilation, pad, ceilMode, input, seed }) => {
        const x = randn(input, seed);
        const opts = { size, stride, dilation, padding: pad as [number, number], ceilMode };
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
      'showPoolBackward: the backward pooling view draws tiling windows only (stride = size), got stride',
    );
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
    ];
    for (const p of payloads) expect(focusFormula(p)).toBe(describeView(p).focus!.sum.join('\n'));
  });
});
