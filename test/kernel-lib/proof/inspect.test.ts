// inspect: the trace and the checks as data, a table of rules and errors, and ONE view of the whole network.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, inspect, oneHot, randn, traceBackprop } from '../../../kernel-lib/src';
import { UnrotatedConv } from './brokenConv';

const net = (broken = false) =>
  new Sequential([
    broken
      ? new UnrotatedConv({ inChannels: 1, outChannels: 2, kernelSize: 3, seed: 1 })
      : new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: 3, seed: 1 }),
    new MaxPool2D(),
    new Conv2D({ inChannels: 2, outChannels: 2, kernelSize: 2, seed: 2 }),
    new Flatten(),
    new Dense({ inputs: 2 * 3 * 3, outputs: 3, activation: 'softmax', seed: 3 }),
  ]);

describe('inspect', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints every layer’s rule and checks, draws one view, and returns the same numbers as traceBackprop', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const x = randn([1, 1, 10, 10], 1);
    const y = oneHot([2], 3);
    const { trace, checks } = inspect(net(), x, y, { loss: 'softmaxCrossEntropy' });
    const table = String(log.mock.calls[0][0]);
    for (const rule of ['full(δ, rot180 w)', 'max-pool routing', 'reshape', 'BP1']) expect(table).toContain(rule);
    expect(table).toContain('ε = 0.00001, tolerance 0.000001');
    expect(checks!.every((c) => c.ok)).toBe(true);
    const again = traceBackprop(net(), x, y, { loss: 'softmaxCrossEntropy' });
    trace.layers.forEach((t, l) => expect(t.deltaIn.data).toEqual(again.layers[l].deltaIn.data));
    // one view (outside a kernel, its text fallback): every layer with its rule and checks
    expect(log.mock.calls.length).toBe(2);
    const view = String(log.mock.calls[1][0]);
    expect(view).toMatch(/^inspect "one example through the network", input 1x10x10, 5 layers/);
    expect(view).toContain('layer 1 MaxPool2D(2x2): a 2x4x4, δ by full(δ, rot180 w) (layer 2)');
  });

  it('a broken layer shows as WRONG in its row', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { checks } = inspect(net(true), randn([1, 1, 10, 10], 1), oneHot([0], 3), { loss: 'softmaxCrossEntropy', show: false });
    const rows = String(log.mock.calls[0][0]).split('\n');
    expect(rows[1]).toMatch(/^0 +UnrotatedConv.*WRONG$/);
    expect(checks![0].delta).toBeGreaterThan(0.1);
  });
});
