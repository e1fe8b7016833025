import { afterEach, describe, expect, it, vi } from 'vitest';
import { STATIC_EVERY_MS, livePayload, liveView } from '../../../kernel-lib/src/display/live';
import { payloadBundle } from '../../../kernel-lib/src/display/bundle';
import { MIME_TYPE, randn } from '../../../kernel-lib/src';
import { payloadText } from '../../../kernel-lib/src/static/text';
import { examples } from '../contract/examples';

afterEach(() => vi.useRealTimers());

describe('liveView', () => {
  it('displays on the first update, then replaces that output in place', () => {
    const send = vi.fn();
    const live = liveView({ title: 'training', minIntervalMs: 0 }, send);
    live.update({ step: 1, total: 3, loss: [0.9] });
    live.update({ step: 2, total: 3, loss: [0.9, 0.5] });
    expect(send.mock.calls.map((c) => c[1])).toEqual([
      { displayId: live.displayId, update: false },
      { displayId: live.displayId, update: true },
    ]);
    expect(send.mock.calls[1][0][MIME_TYPE].series[0].values).toEqual([0.9, 0.5]);
  });

  it('merges updates closer than minIntervalMs and sends the latest at the end of the interval; the final one at once', () => {
    vi.useFakeTimers();
    const send = vi.fn();
    const live = liveView({ minIntervalMs: 100 }, send);
    expect(live.update({ step: 1, total: 10 })).toBe(true);
    expect(live.update({ step: 2, total: 10 })).toBe(false);
    expect(live.update({ step: 3, total: 10 })).toBe(false);
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1][0][MIME_TYPE].step).toBe(3);
    live.update({ step: 4, total: 10 });
    expect(live.update({ step: 10, total: 10 })).toBe(true);
    expect(send.mock.calls.at(-1)?.[0][MIME_TYPE].step).toBe(10);
    vi.advanceTimersByTime(1000);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('redraws the static picture at most every STATIC_EVERY_MS while running, carrying the last one in between; the final update draws it afresh', () => {
    vi.useFakeTimers();
    const send = vi.fn();
    const live = liveView({ minIntervalMs: 0 }, send);
    live.update({ step: 1, total: 10, loss: [1] });
    live.update({ step: 2, total: 10, loss: [1, 0.5] });
    const [first, second] = send.mock.calls.map((c) => c[0]);
    expect(second['image/png']).toBe(first['image/png']); // the picture of step 1, not redrawn yet
    expect(second['text/plain']).toMatch(/step 2 of 10/); // the text is the new state's
    vi.advanceTimersByTime(STATIC_EVERY_MS);
    live.update({ step: 3, total: 10, loss: [1, 0.5, 0.25] });
    expect(send.mock.calls[2][0]['image/png']).not.toBe(first['image/png']);
    live.update({ step: 10, total: 10, loss: [1, 0.5, 0.25, 0.1] });
    const last = send.mock.calls[3][0];
    expect(last['image/png']).toBe(payloadBundle(last[MIME_TYPE])['image/png']);
  });

  it('keeps a title given by an update for the later ones, and sends the status of each state as it is', () => {
    const send = vi.fn();
    const live = liveView({ title: 'first', minIntervalMs: 0 }, send);
    live.update({ step: 1, total: 3, status: 'epoch 1/3 · loss 0.9' });
    live.update({ step: 2, total: 3, title: 'second' });
    live.update({ step: 3, total: 3 });
    const payloads = send.mock.calls.map((c) => c[0][MIME_TYPE]);
    expect(payloads.map((p) => p.title)).toEqual(['first', 'second', 'second']);
    expect(payloads.map((p) => p.status)).toEqual(['epoch 1/3 · loss 0.9', undefined, undefined]);
    expect(send.mock.calls[0][0]['text/plain']).toContain('epoch 1/3 · loss 0.9\n[#############');
  });

  it('gives each view its own display id', () => {
    expect(liveView({}, vi.fn()).displayId).not.toBe(liveView({}, vi.fn()).displayId);
  });
});

describe('livePayload', () => {
  it('names the curves and takes a conv layer’s weights [K, C, kh, kw] as K·C kernels', () => {
    const p = livePayload(
      { step: 1, total: 2, loss: [1], validationAccuracy: [0.5], kernels: randn([4, 2, 3, 3], 1) },
      { xLabel: 'batch' },
    );
    expect(p.series.map((s) => [s.name, s.panel])).toEqual([
      ['loss', 'loss'],
      ['validation accuracy', 'accuracy'],
    ]);
    expect(p.kernels?.shape).toEqual([8, 3, 3]);
    expect(p.xLabel).toBe('batch');
  });

  it('marks validation curves by their role, and carries a fixed accuracyRange', () => {
    const p = livePayload({ step: 1, total: 2, accuracy: [0.9], validationAccuracy: [0.8] }, { accuracyRange: [0.5, 1] });
    expect(p.series.map((s) => s.role)).toEqual(['training', 'validation']);
    expect(p.accuracyRange).toEqual([0.5, 1]);
    expect(livePayload({ step: 1, total: 2 }).accuracyRange).toBeUndefined(); // fitted to the values by default
  });

  it('throws on a wrong progress, a non-finite loss, a wrong status, title or accuracyRange', () => {
    expect(() => livePayload({ step: 3, total: 2 })).toThrow('liveView.update: step must be an integer from 0 to total (2), got 3');
    expect(() => livePayload({ step: 1, total: 2, loss: [1, NaN] })).toThrow(
      'liveView.update: loss must hold finite numbers, got NaN at index 1',
    );
    expect(() => livePayload({ step: 1, total: 2, status: 3 as never })).toThrow(
      new TypeError('liveView.update: status must be a string, got number'),
    );
    expect(() => livePayload({ step: 1, total: 2, title: 'x'.repeat(1001) })).toThrow(
      'liveView.update: title must be at most 1000 characters, got 1001',
    );
    expect(() => livePayload({ step: 1, total: 2 }, { accuracyRange: [1, 0] })).toThrow(
      'liveView: accuracyRange must be [min, max] with min < max, got [1,0]',
    );
  });
});

describe('the live view’s text fallback', () => {
  it('writes the status, a bar with its label, and each curve’s latest value, sparkline (on the panel’s range) and best value', () => {
    const text = payloadText({ ...examples.live, status: 'epoch 3/10' } as never).split('\n\n')[1];
    expect(text).toBe(
      [
        'epoch 3/10',
        `[${'#'.repeat(12)}${'.'.repeat(28)}] 3 / 10 (30%)`,
        'loss      0.25       ▇▄▃  min 0.25, 3 points',
        'accuracy  0.8        ▂▅▇  max 0.8, 3 points',
      ].join('\n'),
    );
  });
});
