import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, convTranspose2d, randn, tensor } from '../../../kernel-lib/src';
import { validatePayload } from '../../../kernel-lib/src/contract';
import { convTransposePayload } from '../../../kernel-lib/src/display/linked';
import { payloadText } from '../../../kernel-lib/src/static/text';
import { describeView, stampAll, stampTaps, transposeSpacingOf } from '../../../kernel-lib/src/view';

describe('the transposed convolution as stamps', () => {
  it('property: the sum of the stamps is convTranspose2d; each stamp lands where PyTorch’s formula says; the validator accepts it', () => {
    const cases = fc.record({
      h: fc.integer({ min: 1, max: 5 }),
      w: fc.integer({ min: 1, max: 5 }),
      k: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      stride: fc.integer({ min: 1, max: 3 }),
      dilation: fc.integer({ min: 1, max: 2 }),
      padding: fc.nat(1),
      extra: fc.nat(1),
      seed: fc.nat(1e6),
    });
    fc.assert(
      fc.property(cases, ({ h, w, k, stride, dilation, padding, extra, seed }) => {
        const outputPadding = Math.min(extra, Math.max(stride, dilation) - 1);
        const out = [h, w].map((n, a) => (n - 1) * stride - 2 * padding + dilation * (k[a] - 1) + outputPadding + 1);
        if (Math.min(...out) < 1) return;
        const x = randn([h, w], seed);
        const wt = randn(k, seed + 1);
        const opts = { stride, dilation, padding, outputPadding };
        const p = convTransposePayload('showConvTranspose', x, wt, opts);
        expect(validatePayload(p)).toMatchObject({ ok: true });
        const y = convTranspose2d(new Tensor([1, 1, h, w], x.data), new Tensor([1, 1, ...k], wt.data), undefined, opts);
        expect(p.output.shape).toEqual(y.shape.slice(2));
        const stamped = stampAll(p.input, p.kernel, transposeSpacingOf(p));
        stamped.data.forEach((v, o) => expect(Math.abs(v - y.data[o])).toBeLessThanOrEqual(1e-12));
        // Every tap of x(i, j) lands on (i·s − p + l·d, j·s − p + m·d); the counts are the taps that land inside.
        const counts = new Array(out[0] * out[1]).fill(0);
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++)
            for (const t of stampTaps([h, w], k, transposeSpacingOf(p), i, j)) {
              expect(t.to).toEqual([i * stride - padding + t.at[0] * dilation, j * stride - padding + t.at[1] * dilation]);
              if (t.inside) counts[t.to[0] * out[1] + t.to[1]]++;
            }
        expect(stamped.counts).toEqual(counts);
      }),
      { numRuns: 150, seed: 24 },
    );
  });

  it('by hand: a 3x3 kernel of ones with stride 2 over 2x2 ones overlaps unevenly — the checkerboard of 1, 2 and 4 stamps', () => {
    const p = convTransposePayload(
      'showConvTranspose',
      tensor([
        [1, 1],
        [1, 1],
      ]),
      tensor(Array(9).fill(1), [3, 3]),
      { stride: 2, at: [2, 2] },
    );
    const counts = [1, 1, 2, 1, 1, 1, 1, 2, 1, 1, 2, 2, 4, 2, 2, 1, 1, 2, 1, 1, 1, 1, 2, 1, 1];
    expect(p.output.data).toEqual(counts);
    const s = describeView(p);
    expect(s.panels[3].values).toEqual(counts);
    expect(s.labels.map((l) => l.text)).toContain('stamps per cell (1–4)');
    // x(2,2) stamps rows 3..5, cols 3..5 of y (1-based) in y and in the count.
    expect(s.focus!.frames.filter((f) => f.panel >= 2)).toEqual([
      { panel: 2, r0: 2, c0: 2, r1: 4, c1: 4, style: 'focus' },
      { panel: 3, r0: 2, c0: 2, r1: 4, c1: 4, style: 'focus' },
    ]);
    expect(s.focus!.sum[0]).toBe('x(2,2) = 1 stamps 1·w into y at 9 cells');
    expect(s.focus!.sum[1]).toBe('  y(3,3) += 1·1 = 1, y(3,4) += 1·1 = 1, y(3,5) += 1·1 = 1');
    expect(payloadText(p)).toContain(`\n\n${s.focus!.sum.join('\n')}`);
    expect(payloadText(p)).toContain('\n\ny = Σ stamps (5x5)\n');
    // Padding crops: with padding 1 the corner's stamp loses its first row and column.
    const cropped = convTransposePayload(
      'showConvTranspose',
      tensor([
        [1, 1],
        [1, 1],
      ]),
      tensor(Array(9).fill(1), [3, 3]),
      { stride: 2, padding: 1 },
    );
    expect(describeView(cropped).focus!.sum[0]).toBe('x(1,1) = 1 stamps 1·w into y at 4 cells (5 cropped off by the padding)');
  });

  it('refuses what it cannot draw, naming the op, the rule and the values', () => {
    expect(() => convTransposePayload('showConvTranspose', randn([3, 3], 1), randn([3, 3], 2), { stride: 2, outputPadding: 2 })).toThrow(
      /showConvTranspose: outputPadding must be smaller than stride or dilation/,
    );
    expect(() => convTransposePayload('showConvTranspose', randn([100, 100], 1), randn([3, 3], 2), { stride: 2 })).toThrow(
      'showConvTranspose: the output must be at most 128x128 to be linked cell by cell, got 201x201',
    );
    expect(() => convTransposePayload('showConvTranspose', randn([3, 3], 1), randn([3, 3], 2), { at: [4, 1] })).toThrow(
      /showConvTranspose: at/,
    );
    const p = convTransposePayload('showConvTranspose', randn([3, 3], 1), randn([3, 3], 2), { stride: 2 });
    expect(validatePayload({ ...p, output: { shape: [5, 5], data: Array(25).fill(0) } }).message).toContain(
      'output must be 7x7 ((input − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1)',
    );
    expect(validatePayload({ ...p, outputPadding: [2, 2] }).message).toContain(
      'outputPadding must be smaller than the stride or the dilation',
    );
    expect(validatePayload({ ...p, focus: [3, 0] }).message).toContain('focus');
  });
});
