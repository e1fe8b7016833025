// gradcheckLayers: every layer on its own against central differences, and the whole network's
// ∂C/∂w, ∂C/∂b against differences of the cost; a wrong backward pass is located at its own layer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, Tensor, gradcheck, gradcheckLayers, oneHot, randn } from '../../../kernel-lib/src';
import { UnrotatedConv } from './brokenConv';
import { stacks } from './stacks';

const worst = (c: ReturnType<typeof gradcheckLayers>[number]): number =>
  Math.max(0, ...[c.delta, c.weight, c.bias, c.network.weight, c.network.bias].filter((e): e is number => e !== null));

function nielsenLike(middle?: (seed: number) => Conv2D | UnrotatedConv): Sequential {
  return new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: 3, seed: 1 }),
    new MaxPool2D(),
    (middle ?? ((seed) => new Conv2D({ inChannels: 2, outChannels: 3, kernelSize: 3, seed })))(2),
    new Flatten(),
    new Dense({ inputs: 3 * 3 * 3, outputs: 4, seed: 3 }),
    new Dense({ inputs: 4, outputs: 3, activation: 'softmax', seed: 4 }),
  ]);
}

describe('gradcheckLayers', () => {
  it('random stacks of every layer kind: every layer and the network within 1e-6 (or the rounding noise), null where a layer has no such tensor', () => {
    fc.assert(
      fc.property(stacks(), fc.integer({ min: 0, max: 1000 }), ({ model, x, y, loss }, seed) => {
        const checks = gradcheckLayers(model, x, y, { loss, seed });
        expect(checks.map((c) => c.layer)).toEqual(model.layers.map((_, i) => i));
        checks.forEach((c, i) => {
          const names = model.layers[i].params.map((p) => p.name);
          expect(c.name).toBe(model.layers[i].name);
          expect(c.weight === null).toBe(!names.includes('weight'));
          expect(c.bias === null).toBe(!names.includes('bias'));
          expect(c.network.weight === null).toBe(!names.includes('weight'));
          expect(c.delta).not.toBeNull();
          expect(c.ok).toBe(true); // ≤ 1e-6, or a gradient so small that rounding in C(θ ± ε) dominates
          if (c.ok) expect(worst(c)).toBeLessThan(1e-2);
        });
      }),
      // Seeded: a random stack can put a max-pool window on a tie (a dead relu before it), where the
      // gradient is not defined and finite differences disagree with the argmax rule.
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('its numeric δ equals gradcheck’s central differences of ⟨R, layer.forward(a)⟩ (small tensors are checked at every cell)', () => {
    const net = nielsenLike();
    const x = randn([1, 1, 12, 12], 5);
    const checks = gradcheckLayers(net, x, oneHot([1], 3), { loss: 'softmaxCrossEntropy', maxCoordinates: 1000 });
    const conv = checks[2].checks.delta!;
    expect(conv.indices).toHaveLength(2 * 5 * 5);
    expect(conv.directions).toBe(0);
    // the same function, written out: a = pool(conv1(x)); R is not exposed, so compare with analytic = numeric
    const a = net.layers[1].forward(net.layers[0].forward(x));
    const r = randn(net.layers[2].forward(a).shape, 9);
    const dx = net.layers[2].backward(r);
    const reference = gradcheck((t) => net.layers[2].forward(t).data.reduce((s, v, i) => s + v * r.data[i], 0), a, {
      analytic: dx,
      eps: 1e-5,
    });
    expect(reference.maxRelError).toBeLessThan(1e-6);
    expect(Math.max(...conv.analytic.map((v, i) => Math.abs(v - conv.numeric[i])))).toBeLessThan(
      1e-6 * Math.max(...conv.numeric.map(Math.abs)),
    );
  });

  it('a large tensor is checked at maxCoordinates seeded cells plus unit directions, the same cells for the same seed', () => {
    const net = nielsenLike();
    const x = randn([1, 1, 12, 12], 5);
    const y = oneHot([0], 3);
    const one = gradcheckLayers(net, x, y, { loss: 'softmaxCrossEntropy', maxCoordinates: 10, directions: 3, seed: 4 });
    const two = gradcheckLayers(net, x, y, { loss: 'softmaxCrossEntropy', maxCoordinates: 10, directions: 3, seed: 4 });
    const d = one[0].checks.delta!;
    expect(d.size).toBe(144);
    expect(d.indices).toHaveLength(10);
    expect(new Set(d.indices).size).toBe(10);
    expect(d.directions + d.skippedDirections).toBe(3);
    expect(two[0].checks.delta!.indices).toEqual(d.indices);
    expect(two.map((c) => c.delta)).toEqual(one.map((c) => c.delta));
    expect(one.every((c) => c.ok && c.eps === 1e-5 && c.tolerance === 1e-6)).toBe(true);
  });

  it('a δ wrong at one cell of a large tensor is caught by the directions even where that cell is not sampled', () => {
    const net = nielsenLike();
    const pool = net.layers[1];
    const backward = pool.backward.bind(pool);
    const checks0 = gradcheckLayers(net, randn([1, 1, 12, 12], 9), oneHot([1], 3), { loss: 'softmaxCrossEntropy', maxCoordinates: 4 });
    const sampled = new Set(checks0[1].checks.delta!.indices);
    const cell = Array.from({ length: 2 * 10 * 10 }, (_, i) => i).find((i) => !sampled.has(i))!;
    pool.backward = (dy: Tensor) => {
      const dx = backward(dy);
      dx.data[cell] += 1; // one cell of 200 wrong
      return dx;
    };
    const checks = gradcheckLayers(net, randn([1, 1, 12, 12], 9), oneHot([1], 3), { loss: 'softmaxCrossEntropy', maxCoordinates: 4 });
    const d = checks[1].checks.delta!;
    expect(d.indices).toEqual([...sampled]);
    expect(d.coordinateError).toBeLessThan(1e-6);
    expect(d.directionalError).toBeGreaterThan(1e-3);
    expect(checks[1].ok).toBe(false);
  });

  it('leaves every param as it was and every grad as model.computeGrads leaves it', () => {
    const net = nielsenLike();
    const x = randn([2, 1, 12, 12], 6);
    const y = oneHot([0, 2], 3);
    const before = net.params.map((p) => Float64Array.from(p.value.data));
    gradcheckLayers(net, x, y, { loss: 'softmaxCrossEntropy' });
    const grads = net.params.map((p) => Float64Array.from(p.grad.data));
    net.params.forEach((p, i) => expect(p.value.data).toEqual(before[i]));
    net.computeGrads(x, y, 'softmaxCrossEntropy');
    net.params.forEach((p, i) => expect(p.grad.data).toEqual(grads[i]));
  });

  it('a kernel not rotated in a layer of one’s own is located at that layer: its δ fails, the layers below pass on their own', () => {
    const net = nielsenLike((seed) => new UnrotatedConv({ inChannels: 2, outChannels: 3, kernelSize: 3, seed }));
    const checks = gradcheckLayers(net, randn([1, 1, 12, 12], 7), oneHot([2], 3), { loss: 'softmaxCrossEntropy' });
    expect(checks[2].name).toBe('UnrotatedConv(2→3)');
    expect(checks[2].delta).toBeGreaterThan(0.1);
    expect(checks[2].weight).toBeLessThan(1e-6); // its ∂C/∂w is right: only the δ it passes down is wrong
    expect(checks[2].ok).toBe(false);
    for (const c of checks.filter((c) => c.layer !== 2)) expect(Math.max(c.delta ?? 0, c.weight ?? 0, c.bias ?? 0)).toBeLessThan(1e-6);
    // the network check sees the damage in the layer below (its ∂C/∂w gets the wrong δ), not where it is
    expect(checks[0].network.weight).toBeGreaterThan(0.01);
    expect(checks[2].network.weight).toBeLessThan(1e-6);
    expect(checks.findIndex((c) => !c.ok)).toBe(0);
    expect(checks.filter((c) => (c.delta ?? 0) > 1e-6).map((c) => c.layer)).toEqual([2]);
  });

  it('a wrong ∂C/∂w (a factor of 2) is flagged in weight, not in delta', () => {
    const net = nielsenLike();
    const dense = net.layers[4] as Dense;
    const backward = dense.backward.bind(dense);
    dense.backward = (dy: Tensor) => {
      const dx = backward(dy);
      dense.weight.grad.data.forEach((v, i, a) => (a[i] = 2 * v));
      return dx;
    };
    const checks = gradcheckLayers(net, randn([1, 1, 12, 12], 8), oneHot([0], 3), { loss: 'softmaxCrossEntropy' });
    expect(checks[4].weight).toBeCloseTo(1, 6);
    expect(checks[4].delta).toBeLessThan(1e-6);
    expect(checks[4].bias).toBeLessThan(1e-6);
  });

  it('throws on bad arguments, naming the function and the rule', () => {
    const net = nielsenLike();
    const x = randn([1, 1, 12, 12], 1);
    const y = oneHot([0], 3);
    expect(() => gradcheckLayers({} as Sequential, x, y, { loss: 'quadratic' })).toThrow(
      'gradcheckLayers: model must be a Sequential, got object',
    );
    expect(() => gradcheckLayers(net, x, y, undefined as never)).toThrow('gradcheckLayers: options { loss } are needed, got undefined');
    expect(() => gradcheckLayers(net, x, y, { loss: 'softmaxCrossEntropy', eps: 0 })).toThrow(
      'gradcheckLayers: eps must be a positive number, got 0',
    );
    expect(() => gradcheckLayers(net, x, y, { loss: 'softmaxCrossEntropy', maxCoordinates: 1.5 })).toThrow(
      'maxCoordinates must be a positive integer, got 1.5',
    );
    expect(() => gradcheckLayers(net, x, y, { loss: 'hinge' as never })).toThrow(
      "Sequential: loss must be 'quadratic' or 'softmaxCrossEntropy'",
    );
  });
});
