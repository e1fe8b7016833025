import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATION, ACTIVATION_NAMES, ELEMENTWISE_ACTIVATIONS } from '../../../kernel-lib/src/portable/activation';
import { ACTIVATIONS as VIEW_ACTIVATIONS } from '../../../kernel-lib/src/view';
import { convPayload } from '../../../kernel-lib/src/display/linked';
import { Conv2D, Dense, Sequential, randn, validatePayload } from '../../../kernel-lib/src';
import { forwardPortable } from '../../../kernel-lib/src/portable/forward';

// The one table of activations, against the literal formulas, and every consumer reading it.
const literal: Record<string, (z: number) => number> = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: (z) => (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z)),
  relu: (z) => Math.max(0, z),
  linear: (z) => z,
};

describe('the activation table', () => {
  it('f is the literal formula and f′ its central finite difference, away from relu’s kink', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ELEMENTWISE_ACTIVATIONS), fc.double({ min: -8, max: 8, noNaN: true }), (name, z) => {
        fc.pre(Math.abs(z) > 1e-3);
        const { f, prime } = ACTIVATION[name];
        expect(f(z)).toBeCloseTo(literal[name](z), 12);
        const h = 1e-5;
        expect(prime(z)).toBeCloseTo((literal[name](z + h) - literal[name](z - h)) / (2 * h), 7);
      }),
      { numRuns: 500 },
    );
    expect(ACTIVATION.sigmoid.f(-1000)).toBe(0);
    expect(ACTIVATION.sigmoid.f(1000)).toBe(1);
    expect(ACTIVATION.relu.prime(0)).toBe(0);
  });

  it('every consumer takes its names: the layers, the portable forward pass, the view model and the wire contract', () => {
    expect([...ACTIVATION_NAMES]).toEqual([...ELEMENTWISE_ACTIVATIONS, 'softmax']);
    const x = randn([1, 1, 6, 6], 3);
    for (const activation of ELEMENTWISE_ACTIVATIONS) {
      // A layer, its portable export and the linked view all accept the name and agree on the values.
      const conv = new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 3, activation, seed: 4 });
      const y = new Sequential([conv]).forward(x);
      const [w, b] = conv.params.map((q) => q.value);
      const p = convPayload('showConv', x.reshape([6, 6]), w.reshape([3, 3]), b.data[0], { activation });
      expect(validatePayload(p).ok).toBe(true);
      expect(p.output.data.every((v, i) => Math.abs(v - y.data[i]) < 1e-12)).toBe(true);
      expect(VIEW_ACTIVATIONS[activation].f(0.3)).toBe(ACTIVATION[activation].f(0.3));
    }
    for (const activation of ACTIVATION_NAMES) expect(() => new Dense({ inputs: 2, outputs: 2, activation, seed: 1 })).not.toThrow();
    expect(() => new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 3, activation: 'softmax' as never })).toThrow(
      /Conv2D: activation must be one of 'sigmoid', 'tanh', 'relu', 'linear', got "softmax"/,
    );
    const z = new Float32Array([-1, 0.5]);
    for (const activation of ELEMENTWISE_ACTIVATIONS) {
      const out = forwardPortable([{ kind: 'activation', activation }], { shape: [2], data: z });
      expect(Array.from(out[out.length - 1].data)).toEqual(Array.from(z, (v) => Math.fround(ACTIVATION[activation].f(v))));
    }
  });
});
