// traceBackprop: one forward and backward pass with every δ kept; its numbers equal
// model.computeGrads, consecutive layers hand δ on, and each named rule, evaluated literally, agrees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AvgPool2D,
  Conv2D,
  ConvPool2D,
  Dense,
  Flatten,
  MaxPool2D,
  Sequential,
  Tensor,
  gradcheck,
  maxAbsDiff,
  oneHot,
  randn,
  traceBackprop,
} from '../../../kernel-lib/src';
import { UnrotatedConv } from './brokenConv';
import { stacks } from './stacks';

const rel = (a: Tensor, b: Tensor): number => maxAbsDiff(a, b) / Math.max(1e-300, ...Array.from(b.data, Math.abs));

describe('traceBackprop', () => {
  it('random stacks: ∂C/∂w, ∂C/∂b equal model.computeGrads, δ_in of a layer is δ_out of the one below, every rule agrees', () => {
    fc.assert(
      fc.property(stacks(), ({ model, x, y, loss }) => {
        const trace = traceBackprop(model, x, y, { loss });
        const reference = model.computeGrads(x, y, loss);
        expect(trace.loss).toBe(reference.loss);
        trace.layers.forEach((t, l) => {
          const layer = model.layers[l];
          const w = layer.params.find((p) => p.name === 'weight');
          const b = layer.params.find((p) => p.name === 'bias');
          if (w) expect(t.weightGrad!.data).toEqual(w.grad.data);
          else expect(t.weightGrad).toBeNull();
          if (b) expect(t.biasGrad!.data).toEqual(b.grad.data);
          if (l > 0) expect(trace.layers[l - 1].deltaOut!.data).toEqual(t.deltaIn.data);
          if (l > 0) expect(trace.layers[l - 1].output).toBe(t.input);
          expect(t.deltaIn.shape).toEqual(t.input.shape);
          expect(t.rule.check).toBeLessThan(1e-12);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('Nielsen’s layers are traced with their rules; δ passed to the input equals finite differences of C', () => {
    const net = new Sequential([
      new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: 3, seed: 1 }),
      new MaxPool2D(),
      new ConvPool2D({ inChannels: 2, outChannels: 2, kernelSize: 2, order: 'nielsen', seed: 2 }),
      new Conv2D({ inChannels: 2, outChannels: 2, kernelSize: 1, stride: 1, padding: 1, seed: 5 }),
      new AvgPool2D(),
      new Flatten(),
      new Dense({ inputs: 2 * 2 * 2, outputs: 4, seed: 3 }),
      new Dense({ inputs: 4, outputs: 3, activation: 'softmax', seed: 4 }),
    ]);
    const x = randn([1, 1, 12, 12], 2);
    const y = oneHot([1], 3);
    const trace = traceBackprop(net, x, y, { loss: 'softmaxCrossEntropy' });
    expect(trace.layers.map((t) => t.rule.name)).toEqual([
      'full(δ, rot180 w)',
      'max-pool routing',
      'conv + pool',
      'transposed convolution',
      'average-pool sharing',
      'reshape',
      'BP2',
      'BP1',
    ]);
    const out = trace.layers[7];
    expect(out.deltaOut).toBeNull();
    const p = Array.from(out.output.data);
    expect(Array.from(out.deltaZ!.data)).toEqual(p.map((v, j) => v - y.data[j])); // BP1: δᴸ = aᴸ − y (n = 1)
    const pool = trace.layers[1];
    expect(Array.from(pool.argmaxMask!.data).reduce((s, v) => s + v, 0)).toBe(2 * 5 * 5);
    for (let i = 0; i < pool.deltaIn.size; i++) if (pool.argmaxMask!.data[i] === 0) expect(pool.deltaIn.data[i]).toBe(0);
    const numeric = gradcheck((t) => net.lossOn(t, y, 'softmaxCrossEntropy').loss, x, { analytic: trace.layers[0].deltaIn, eps: 1e-5 });
    expect(rel(trace.layers[0].deltaIn, numeric.numeric)).toBeLessThan(1e-6);
  });

  it('quadratic cost: δ_out of the output layer is (a − y)/n and δ_z = δ_out ⊙ σ′(z) (BP1)', () => {
    const net = new Sequential([new Flatten(), new Dense({ inputs: 4, outputs: 3, seed: 1 })]);
    const x = randn([2, 1, 2, 2], 3);
    const y = oneHot([0, 2], 3);
    const t = traceBackprop(net, x, y, { loss: 'quadratic' }).layers[1];
    const a = t.output.data;
    t.deltaOut!.data.forEach((d, i) => expect(d).toBeCloseTo((a[i] - y.data[i]) / 2, 15));
    t.deltaZ!.data.forEach((d, i) => expect(d).toBeCloseTo(t.deltaOut!.data[i] * a[i] * (1 - a[i]), 15));
    expect(t.rule.formula).toBe('BP1: δ_z = (aᴸ − y)/n ⊙ σ′(z); then δ_in = wᵀ δ_z');
  });

  it('a layer of one’s own is traced through its backward, with no rule to compare', () => {
    const net = new Sequential([
      new UnrotatedConv({ inChannels: 1, outChannels: 2, kernelSize: 3, seed: 1 }),
      new Flatten(),
      new Dense({ inputs: 2 * 4 * 4, outputs: 3, activation: 'softmax', seed: 2 }),
    ]);
    const t = traceBackprop(net, randn([1, 1, 6, 6], 1), oneHot([0], 3), { loss: 'softmaxCrossEntropy' }).layers[0];
    expect(t.rule).toEqual({
      name: 'backward',
      formula: 'δ_in = UnrotatedConv(1→2).backward(δ_out) (a layer of your own: no rule to compare)',
      check: null,
    });
    expect(t.deltaZ).toBeNull();
  });

  it('throws on bad arguments', () => {
    const net = new Sequential([new Flatten()]);
    expect(() => traceBackprop(null as never, randn([1, 2], 1), randn([1, 2], 1), { loss: 'quadratic' })).toThrow(
      'traceBackprop: model must be a Sequential, got object',
    );
    expect(() => traceBackprop(net, randn([1, 2], 1), randn([1, 2], 1), undefined as never)).toThrow(
      'traceBackprop: options { loss } are needed, got undefined',
    );
  });
});
