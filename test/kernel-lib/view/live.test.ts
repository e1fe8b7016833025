import { describe, expect, it } from 'vitest';
import type { LiveSeries } from '../../../kernel-lib/src/contract';
import { describePayload, liveRange, panelSummary, progressText, seriesRole } from '../../../kernel-lib/src/view';
import { examples } from '../contract/examples';

const curve = (panel: LiveSeries['panel'], values: number[], name: string = panel, role?: LiveSeries['role']): LiveSeries => ({
  name,
  panel,
  values,
  ...(role ? { role } : {}),
});

describe('seriesRole', () => {
  it('takes the series’ role, else tells validation curves by their name (payloads made before role)', () => {
    expect(seriesRole({ name: 'test accuracy', role: 'validation' })).toBe('validation');
    expect(seriesRole({ name: 'validation loss' })).toBe('validation');
    expect(seriesRole({ name: 'loss' })).toBe('training');
    expect(seriesRole({ name: 'validationish' })).toBe('training');
  });
});

describe('liveRange', () => {
  it('accuracy 0.94..0.99: fitted with a tenth of the spread (at least 0.005) each side, not [0, 1.02]', () => {
    const [lo, hi] = liveRange({ series: [curve('accuracy', [0.94, 0.96, 0.99])] }, 'accuracy');
    expect(lo).toBeCloseTo(0.935, 12);
    expect(hi).toBeCloseTo(0.995, 12);
  });

  it('accuracy overshoots 0 and 1 by a quarter margin at most, so that a curve at 1 is not on the edge', () => {
    const [lo, hi] = liveRange({ series: [curve('accuracy', [0, 0.5, 1])] }, 'accuracy');
    expect([lo, hi]).toEqual([-0.025, 1.025]); // margin 0.1 → overshoot 0.025
    expect(liveRange({ series: [curve('accuracy', [0.2, 0.6]), curve('accuracy', [0.9], 'v', 'validation')] }, 'accuracy')).toEqual([
      0.13, 0.97,
    ]);
  });

  it('uses a fixed accuracyRange instead of fitting, for accuracy only', () => {
    const p = { series: [curve('accuracy', [0.5]), curve('loss', [2, 1])], accuracyRange: [0.9, 1] as [number, number] };
    expect(liveRange(p, 'accuracy')).toEqual([0.9, 1]);
    expect(liveRange(p, 'loss')).toEqual([0, 2.16]);
  });

  it('loss runs from 0 (or below its negative minimum) to its maximum plus 8%; [0, 1] before any value', () => {
    expect(liveRange({ series: [curve('loss', [0.5, 0.25])] }, 'loss')).toEqual([0, 0.54]);
    const [lo, hi] = liveRange({ series: [curve('loss', [-1, 1])] }, 'loss');
    expect([lo, hi].map((v) => Number(v.toFixed(12)))).toEqual([-1.16, 1.16]);
    expect(liveRange({ series: [curve('loss', [0, 0])] }, 'loss')).toEqual([0, 1]);
    expect(liveRange({ series: [curve('accuracy', [])] }, 'accuracy')).toEqual([0, 1]);
  });
});

describe('progressText', () => {
  it('writes step / total with the percentage done, rounded down so that 100% means finished', () => {
    expect(progressText({ step: 8000, total: 8000 })).toBe('8000 / 8000 (100%)');
    expect(progressText({ step: 7999, total: 8000 })).toBe('7999 / 8000 (99%)');
    expect(progressText({ step: 0, total: 3 })).toBe('0 / 3 (0%)');
  });
});

describe('panelSummary', () => {
  it('names the latest values by role when each role has one curve, by name otherwise', () => {
    const series = [curve('loss', [0.5, 0.0123]), curve('loss', [0.0712], 'validation loss', 'validation'), curve('accuracy', [0.9])];
    expect(panelSummary({ series }, 'loss')).toBe('loss: training 0.0123, validation 0.0712');
    expect(panelSummary({ series }, 'accuracy')).toBe('accuracy 0.9');
    expect(panelSummary({ series: [curve('loss', [1], 'a'), curve('loss', [2], 'b')] }, 'loss')).toBe('loss: a 1, b 2');
    expect(panelSummary({ series: [curve('loss', [])] }, 'loss')).toBe('loss –');
    expect(panelSummary({ series: [] }, 'accuracy')).toBe('accuracy');
  });
});

describe('describePayload (live)', () => {
  it('adds the status after the latest values', () => {
    expect(describePayload({ ...examples.live, status: 'epoch 3/10' } as never)).toBe(
      'live "training", step 3 of 10, loss 0.25, accuracy 0.8; epoch 3/10; kernels shape 2x2x2, min -1, max 1',
    );
  });
});
