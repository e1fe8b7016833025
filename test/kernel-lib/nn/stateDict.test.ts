import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Conv2D,
  Dense,
  Flatten,
  MaxPool2D,
  Sequential,
  Tensor,
  decodeSafetensors,
  encodeSafetensors,
  loadStateDict,
  randn,
  stateDict,
  toLayout,
} from '../../../kernel-lib/src';
import { mutation } from '../io/mutation';

const net = () =>
  new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: [2, 3], seed: 1 }),
    new MaxPool2D(),
    new Flatten(),
    new Dense({ inputs: 2 * 2 * 2, outputs: 3, activation: 'softmax', seed: 2 }),
  ]);

describe('stateDict / loadStateDict', () => {
  it("names parameters as PyTorch's state_dict does: position in the Sequential, then weight or bias", () => {
    const sd = stateDict(net());
    expect(Object.keys(sd)).toEqual(['0.weight', '0.bias', '3.weight', '3.bias']);
    expect(sd['0.weight'].shape).toEqual([2, 1, 2, 3]);
    expect(sd['3.weight'].shape).toEqual([3, 8]);
  });

  it("loads another model's weights: the same outputs afterwards; copies, not shared buffers", () => {
    const a = net();
    const b = new Sequential([
      new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: [2, 3], seed: 9 }),
      new MaxPool2D(),
      new Flatten(),
      new Dense({ inputs: 8, outputs: 3, activation: 'softmax', seed: 9 }),
    ]);
    const x = randn([2, 1, 5, 6], 3);
    const sd = stateDict(a);
    loadStateDict(b, sd);
    expect(b.forward(x).data).toEqual(a.forward(x).data);
    sd['0.bias'].data[0] = 100;
    expect(b.forward(x).data).toEqual(a.forward(x).data);
  });

  it('loads TensorFlow-layout weights through fromLayout', () => {
    const a = net();
    const b = net();
    const keras = Object.fromEntries(Object.entries(stateDict(a)).map(([key, t]) => [key, toLayout(t, 'tensorflow')]));
    // Keras's Dense after Flatten reads the [C=2, H=2, W=2] maps channel-last: row (h·W + w)·C + c.
    const ours = stateDict(a)['3.weight'];
    keras['3.weight'] = new Tensor(
      [8, 3],
      new Float64Array(24).map((_, i) => {
        const [kTf, j] = [Math.floor(i / 3), i % 3];
        const [hw, c] = [Math.floor(kTf / 2), kTf % 2];
        return ours.get(j, c * 4 + hw);
      }),
    );
    loadStateDict(b, keras, { layout: 'tensorflow', inputShape: [1, 5, 6] });
    expect(stateDict(b)['0.weight'].data).toEqual(stateDict(a)['0.weight'].data);
    expect(stateDict(b)['3.weight'].data).toEqual(ours.data);
  });

  it('refuses a shape mismatch with both shapes, unknown or missing names, NaN — and leaves the model untouched', () => {
    const model = net();
    const before = stateDict(model);
    const bad = { ...stateDict(net()), '3.weight': randn([8, 3], 1) };
    expect(() => loadStateDict(model, bad)).toThrow(
      'loadStateDict: "3.weight" must have shape [3,8] in pytorch layout ([3,8] in convlab\'s), got [8,3]',
    );
    expect(() =>
      loadStateDict(model, { ...stateDict(net()), '0.weight': randn([2, 1, 2, 3], 5) }, { layout: 'tensorflow', inputShape: [1, 5, 6] }),
    ).toThrow('loadStateDict: "0.weight" must have shape [2,3,1,2] in tensorflow layout ([2,1,2,3] in convlab\'s), got [2,1,2,3]');
    const { ['0.bias']: _, ...missing } = stateDict(net());
    expect(() => loadStateDict(model, { ...missing, '1.weight': randn([1], 1) })).toThrow(
      "loadStateDict: the tensors' names must be the model's (0.weight, 0.bias, 3.weight, 3.bias), got missing 0.bias; unknown 1.weight",
    );
    const nan = stateDict(net());
    nan['3.bias'] = new Tensor([3], Float64Array.from([0, NaN, 0]));
    expect(() => loadStateDict(model, nan)).toThrow('loadStateDict: "3.bias" must hold finite numbers, got NaN at index 1');
    for (const [key, t] of Object.entries(stateDict(model))) expect(t.data).toEqual(before[key].data);
  });

  it('a mutated weight file never leaves a partly loaded model: all of it or none of it (fast-check)', () => {
    const file = encodeSafetensors(stateDict(net()), { dtype: 'float64' });
    fc.assert(
      fc.property(mutation(file.length), (mutate) => {
        const model = new Sequential([
          new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: [2, 3], seed: 7 }),
          new MaxPool2D(),
          new Flatten(),
          new Dense({ inputs: 8, outputs: 3, activation: 'softmax', seed: 8 }),
        ]);
        const before = stateDict(model);
        let loaded: Record<string, Tensor> | undefined;
        try {
          loaded = decodeSafetensors(mutate(file)).tensors;
          loadStateDict(model, loaded);
        } catch (e) {
          expect((e as Error).message).toMatch(/^(readSafetensors|loadStateDict): \S/);
          for (const [key, t] of Object.entries(stateDict(model))) expect(t.data).toEqual(before[key].data);
          return;
        }
        for (const [key, t] of Object.entries(stateDict(model))) expect(t.data).toEqual(loaded[key].data);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
