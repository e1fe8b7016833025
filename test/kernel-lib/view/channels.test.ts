import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, conv2d, conv2dBackward, randn } from '../../../kernel-lib/src';
import { validatePayload } from '../../../kernel-lib/src/contract';
import { convBackwardPayload, convPayload } from '../../../kernel-lib/src/display/linked';
import { payloadText } from '../../../kernel-lib/src/static/text';
import { convTerms, describeView, formatValue } from '../../../kernel-lib/src/view';

/** The k-th [h, w] plane of a [C, h, w] tensor, as the [1, 1, h, w] conv2d takes. */
const channel = (t: Tensor, k: number): Tensor => {
  const [, h, w] = t.shape;
  return new Tensor([1, 1, h, w], t.data.slice(k * h * w, (k + 1) * h * w));
};

/** Random geometries of a few channels: kernel sides, the input's extra cells past the dilated kernel, stride, padding, dilation (`spaced`: the backward view given them or not). */
const geometries = fc.record({
  depth: fc.integer({ min: 2, max: 4 }),
  k: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
  extra: fc.tuple(fc.nat(4), fc.nat(4)),
  stride: fc.integer({ min: 1, max: 3 }),
  padding: fc.nat(1),
  dilation: fc.integer({ min: 1, max: 2 }),
  spaced: fc.boolean(),
  seed: fc.nat(1e6),
});

describe('the forward convolution view over several input channels', () => {
  it('property: a = σ(b + Σ_k x_k ⋆ w_k) is conv2d’s; each channel’s partial sum is conv2d of that channel alone; the sums add up', () => {
    fc.assert(
      fc.property(geometries, ({ depth, k, extra, stride, padding, dilation, seed }) => {
        const [h, w] = [0, 1].map((a) => dilation * (k[a] - 1) + 1 + extra[a]);
        const x = randn([depth, h, w], seed);
        const wt = randn([depth, k[0], k[1]], seed + 1);
        const opts = { stride, padding, dilation };
        const p = convPayload('showConv', x, wt, 0.25, opts);
        expect(p.channels).toBe(depth);
        expect(validatePayload(p)).toMatchObject({ ok: true });
        const z = conv2d(new Tensor([1, depth, h, w], x.data), new Tensor([1, depth, ...k], wt.data), undefined, opts);
        expect(p.output.shape).toEqual(z.shape.slice(2));
        p.output.data.forEach((v, i) => expect(Math.abs(v - 1 / (1 + Math.exp(-(z.data[i] + 0.25))))).toBeLessThanOrEqual(1e-12));
        const partials = Array.from({ length: depth }, (_, c) => conv2d(channel(x, c), channel(wt, c), undefined, opts));
        const s = describeView(p);
        expect(s.panels).toHaveLength(2 * depth + 1);
        const ow = p.output.shape[1];
        for (let o = 0; o < p.output.data.length; o++) {
          const [r, c] = [Math.floor(o / ow), o % ow];
          const { terms, z: zz } = convTerms(p, r, c);
          for (let ch = 0; ch < depth; ch++) {
            const sum = terms.filter((t) => t.channel === ch).reduce((a, t) => a + t.weight * t.value, 0);
            expect(Math.abs(sum - partials[ch].data[o])).toBeLessThanOrEqual(1e-12);
          }
          expect(Math.abs(zz - (z.data[o] + 0.25))).toBeLessThanOrEqual(1e-12);
          const focus = s.linking!.focus(o);
          expect(focus.sum.at(-2)).toMatch(new RegExp(`= ${formatValue(zz).replace(/[.()+-]/g, '\\$&')}$`));
          // the output cell, and in every channel its kernel and at least one window frame
          for (let ch = 0; ch < depth; ch++) expect(focus.frames.some((f) => f.panel === 2 * ch + 1)).toBe(true);
          expect(focus.frames.filter((f) => f.panel === 2 * depth)).toEqual([
            { panel: 2 * depth, r0: r, c0: c, r1: r, c1: c, style: 'focus' },
          ]);
        }
      }),
      { numRuns: 60, seed: 23 },
    );
  });

  it('by hand: two channels of ones under kernels of 1 and 2 give b + 9 + 18 at every cell, written channel by channel', () => {
    const x = new Tensor([2, 4, 4], new Float64Array(32).fill(1));
    const w = new Tensor(
      [2, 3, 3],
      Float64Array.from({ length: 18 }, (_, i) => (i < 9 ? 1 : 2)),
    );
    const p = convPayload('showConv', x, w, 0.5, { activation: 'linear' });
    expect(p.output).toEqual({ shape: [2, 2], data: [27.5, 27.5, 27.5, 27.5] });
    const sum = describeView(p).focus!.sum;
    expect(sum[0]).toBe('a(1,1) = b + Σ over 2 channels Σ w·x');
    expect(sum).toContain('                 = 9');
    expect(sum).toContain('                 = 18');
    expect(sum.at(-2)).toBe('    = 0.5 + 9 + 18 = 27.5');
    expect(payloadText(p)).toContain(`\n\n${sum.join('\n')}`);
    const text = payloadText(p);
    // The text writes each channel's panels as drawn: x2 (4x4) of ones, w2 (3x3) of twos.
    expect(text).toContain(`\n\nchannel 2: x2 (4x4)\n${Array(4).fill('1 1 1 1').join('\n')}\n\n`);
    expect(text).toContain(`\n\nw2 [3x3]\n${Array(3).fill('2 2 2').join('\n')}\n\n`);
  });

  it('a kernel on the padding only: that channel writes 0 and the sum goes on', () => {
    const p = convPayload('showConv', randn([2, 3, 3], 1), randn([2, 1, 1], 2), 0, { padding: 1, at: [1, 1] });
    expect(describeView(p).focus!.sum).toContain('    + channel 1: 0 (its window reads only padding)');
  });

  it('refuses what it cannot draw, naming the op, the rule and the values', () => {
    expect(() => convPayload('showConv', randn([3, 5, 5], 1), randn([2, 3, 3], 2), 0, {})).toThrow(
      'showConv: w must have one kernel plane per channel of x (3), got w [2,3,3] for x [3,5,5]',
    );
    expect(() => convPayload('showConv', randn([2, 5, 5], 1), randn([2, 3, 3], 2), 0, { symbols: true })).toThrow(
      'showConv: symbols name the cells of one channel; x has 2 channels',
    );
    expect(() => convPayload('showConv', randn([17, 5, 5], 1), randn([17, 3, 3], 2), 0, {})).toThrow(
      'showConv: x may have at most 16 channels to draw one row each, got 17',
    );
    const bad = randn([2, 5, 5], 1);
    bad.data[40] = NaN;
    expect(() => convPayload('showConv', bad, randn([2, 3, 3], 2), 0, {})).toThrow(
      'showConv: x must hold finite numbers to be drawn, got NaN at index 40',
    );
    const p = convPayload('showConv', randn([2, 5, 5], 1), randn([2, 3, 3], 2), 0, {});
    expect(validatePayload({ ...p, channels: 17 }).message).toContain('channels must be an integer from 2 to 16');
    expect(validatePayload({ ...p, channels: 3 }).message).toContain('input.data');
    expect(validatePayload({ ...p, symbols: true }).message).toContain('symbols name the cells of one channel');
    expect(validatePayload({ ...p, kernel: { shape: [3, 3], data: p.kernel.data.slice(0, 9) } }).message).toContain('kernel.data');
  });
});

describe('the backward convolution view from several channels of δ into one input channel', () => {
  it('property: δˡ = Σ_k δ_k ⋆full rot180(w_k) is conv2dBackward’s dx; each channel’s written partial sum is its dx alone; frames in every channel', () => {
    fc.assert(
      fc.property(geometries, ({ depth, k, extra, stride, padding, dilation, spaced, seed }) => {
        const opts = spaced ? { stride, padding, dilation } : {};
        const [s1, p1, d1] = spaced ? [stride, padding, dilation] : [1, 0, 1];
        const [h, w] = [0, 1].map((a) => d1 * (k[a] - 1) + 1 + extra[a]);
        const [oh, ow] = [h, w].map((n, a) => Math.floor((n + 2 * p1 - d1 * (k[a] - 1) - 1) / s1) + 1);
        const delta = randn([depth, oh, ow], seed);
        const wt = randn([depth, k[0], k[1]], seed + 1);
        const p = convBackwardPayload('showConvBackward', delta, wt, { ...opts, inputSize: [h, w] });
        expect(p.channels).toBe(depth);
        expect(validatePayload(p)).toMatchObject({ ok: true });
        const x = new Tensor([1, 1, h, w], new Float64Array(h * w));
        const dx = (dy: Tensor, wk: Tensor) => conv2dBackward(x, wk, dy, opts).dx;
        const whole = dx(new Tensor([1, depth, oh, ow], delta.data), new Tensor([depth, 1, ...k], wt.data));
        expect(p.output.shape).toEqual([h, w]);
        p.output.data.forEach((v, i) => expect(Math.abs(v - whole.data[i])).toBeLessThanOrEqual(1e-12));
        const partials = Array.from({ length: depth }, (_, c) =>
          dx(
            new Tensor([1, 1, oh, ow], delta.data.slice(c * oh * ow, (c + 1) * oh * ow)),
            new Tensor([1, 1, ...k], wt.data.slice(c * k[0] * k[1], (c + 1) * k[0] * k[1])),
          ),
        );
        const s = describeView(p);
        expect(s.panels).toHaveLength(2 * depth + 1);
        for (let o = 0; o < h * w; o++) {
          const focus = s.linking!.focus(o);
          // The channel lines end in "= partial" (or are "0"), then the total: each partial is that channel's dx alone.
          const written = focus.sum.filter((line) => /^ {2}\+ channel \d+: /.test(line)).length;
          expect(written).toBe(depth);
          const total = Number(focus.sum.at(-1)!.split(' = ').at(-1));
          expect(Math.abs(total - whole.data[o])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(whole.data[o])));
          const totals = focus.sum
            .at(-1)!
            .replace(/^ {2}= /, '')
            .split(' = ')[0]
            .split(' + ')
            .map((t) => Number(t.replace(/[()]/g, '')));
          totals.forEach((v, c) =>
            expect(Math.abs(v - partials[c].data[o])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(partials[c].data[o]))),
          );
          // δˡ's cell framed, and a frame (window or taps) in every channel's δ panel.
          expect(focus.frames).toContainEqual({
            panel: 2 * depth,
            r0: Math.floor(o / w),
            c0: o % w,
            r1: Math.floor(o / w),
            c1: o % w,
            style: 'focus',
          });
          for (let c = 0; c < depth; c++) expect(focus.frames.some((f) => f.panel === 2 * c && f.style === 'focus')).toBe(true);
        }
      }),
      { numRuns: 60, seed: 29 },
    );
  });

  it('by hand: δ of ones in two channels, kernels of 1 and 2, full mode: the centre of δˡ gathers 4 cells in each, 4 + 8 = 12', () => {
    const delta = new Tensor([2, 2, 2], new Float64Array(8).fill(1));
    const w = new Tensor(
      [2, 2, 2],
      Float64Array.from({ length: 8 }, (_, i) => (i < 4 ? 1 : 2)),
    );
    const p = convBackwardPayload('showConvBackward', delta, w, { at: [2, 2] });
    expect(p.output).toEqual({ shape: [3, 3], data: [3, 6, 3, 6, 12, 6, 3, 6, 3] });
    const s = describeView(p);
    expect(s.focus!.sum).toEqual([
      'δˡ(2,2) = Σ over 2 channels Σ rot180(w_k)·δ_k (before ⊙ σ′)',
      '  gathers 4 cells of each channel: δˡ⁺¹(1,1), δˡ⁺¹(1,2), δˡ⁺¹(2,1), δˡ⁺¹(2,2)',
      '  + channel 1: 1·1 + 1·1',
      '               + 1·1 + 1·1',
      '               = 4',
      '  + channel 2: 2·1 + 2·1',
      '               + 2·1 + 2·1',
      '               = 8',
      '  = 4 + 8 = 12',
    ]);
    expect(s.alt).toContain('; from δ 2 channels of 2x2 and kernel 2x2 per channel rotated by 180°, summed over the channels');
    const text = payloadText(p);
    expect(text).toContain('\n\nchannel 2: δˡ⁺¹ (2x2) padded with zeros [4x4]\n0 0 0 0\n0 1 1 0\n0 1 1 0\n0 0 0 0\n\n');
    expect(text).toContain('\n\nrot180(w2) [2x2]\n2 2\n2 2\n\n');
    expect(text).toContain(`\n\n${s.focus!.sum.join('\n')}`);
  });

  it('refuses what it cannot draw, naming the op, the rule and the values', () => {
    expect(() => convBackwardPayload('showConvBackward', randn([3, 4, 4], 1), randn([2, 3, 3], 2), {})).toThrow(
      'showConvBackward: w must have one kernel plane per channel of delta (3), got w [2,3,3] for delta [3,4,4]',
    );
    expect(() => convBackwardPayload('showConvBackward', randn([17, 4, 4], 1), randn([17, 3, 3], 2), {})).toThrow(
      'showConvBackward: delta may have at most 16 channels to draw one row each, got 17',
    );
    const p = convBackwardPayload('showConvBackward', randn([2, 4, 4], 1), randn([2, 3, 3], 2), {});
    expect(validatePayload({ ...p, channels: 17 }).message).toContain('channels must be an integer from 2 to 16');
    expect(validatePayload({ ...p, channels: 3 }).message).toContain('delta.data');
    expect(validatePayload({ ...p, output: { shape: [5, 5], data: p.output.data.slice(0, 25) } }).message).toContain('delta must be');
  });
});
