import { describe, expect, it } from 'vitest';
import { Conv2D, Dense, Flatten, LossName, MaxPool2D, Sequential, Tensor, gradcheck, oneHot, randn, zeros } from '../../../kernel-lib/src';

function tinyNet(output: 'softmax' | 'sigmoid'): Sequential {
  return new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: 3, seed: 1 }),
    new MaxPool2D({ size: 2 }),
    new Flatten(),
    new Dense({ inputs: 8, outputs: 3, activation: output, seed: 2 }),
  ]);
}

describe('Sequential', () => {
  it.each([
    ['softmaxCrossEntropy', 'softmax'],
    ['quadratic', 'sigmoid'],
  ] as const)('conv→pool→dense %s: every param grad equals finite differences of the loss', (loss: LossName, output) => {
    const net = tinyNet(output);
    const x = randn([2, 1, 6, 6], 3);
    const y = oneHot([2, 0], 3);
    net.computeGrads(x, y, loss);
    for (const p of net.params) {
      const analytic = new Tensor(p.grad.shape, Float64Array.from(p.grad.data));
      const saved = Float64Array.from(p.value.data);
      const value = (t: Tensor) => {
        p.value.data.set(t.data);
        return net.lossOn(x, y, loss).loss;
      };
      expect(gradcheck(value, new Tensor(p.value.shape, saved), { analytic, eps: 1e-5 }).maxRelError).toBeLessThan(1e-6);
      p.value.data.set(saved);
    }
  });

  it('the input gradient from backward equals finite differences too', () => {
    const net = tinyNet('softmax');
    const x = randn([2, 1, 6, 6], 4);
    const y = oneHot([1, 2], 3);
    const dy = randn([2, 3], 5);
    net.forward(x);
    const dx = net.backward(dy);
    const f = (t: Tensor) => net.forward(t).data.reduce((s, v, i) => s + v * dy.data[i], 0);
    expect(gradcheck(f, x, { analytic: dx, eps: 1e-5 }).maxRelError).toBeLessThan(1e-6);
  });

  it('params lists each layer’s weight and bias in order', () => {
    expect(tinyNet('softmax').params.map((p) => `${p.name}${p.value.shape}`)).toEqual(['weight2,1,3,3', 'bias2', 'weight3,8', 'bias3']);
  });

  it("summary([1, 28, 28]) shows the notes' 28 → 24 → 12 shapes and parameter counts", () => {
    const net = new Sequential([
      new Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5 }),
      new MaxPool2D(),
      new Flatten(),
      new Dense({ inputs: 2880, outputs: 10, activation: 'softmax' }),
    ]);
    expect(net.summary([1, 28, 28]).split('\n')).toEqual([
      'input  [1,28,28]',
      'Conv2D(1→20, 5x5, sigmoid)  [20,24,24]  520 params',
      'MaxPool2D(2x2)  [20,12,12]  0 params',
      'Flatten  [2880]  0 params',
      'Dense(2880→10, softmax)  [10]  28810 params',
      'total 29330 params',
    ]);
  });

  it('huge logits do not give NaN: loss and grads stay finite', () => {
    const net = new Sequential([
      new Dense({ inputs: 2, outputs: 2, activation: 'softmax', weight: new Tensor([2, 2], Float64Array.from([1e4, 0, 0, 1e4])) }),
    ]);
    const { loss } = net.computeGrads(new Tensor([1, 2], Float64Array.from([-1, 1])), oneHot([0], 2), 'softmaxCrossEntropy');
    expect(Number.isFinite(loss)).toBe(true);
    expect(net.params.every((p) => p.grad.data.every(Number.isFinite))).toBe(true);
  });

  it('throws when softmaxCrossEntropy is used without a softmax Dense at the end', () => {
    expect(() => tinyNet('sigmoid').computeGrads(zeros([1, 1, 6, 6]), oneHot([0], 3), 'softmaxCrossEntropy')).toThrow(
      /Sequential: loss 'softmaxCrossEntropy' needs a last layer Dense with activation 'softmax', got Dense\(8→3, sigmoid\)/,
    );
  });

  it('throws when the loss is unknown', () => {
    expect(() => tinyNet('softmax').computeGrads(zeros([1, 1, 6, 6]), oneHot([0], 3), 'hinge' as never)).toThrow(
      /Sequential: loss must be 'quadratic' or 'softmaxCrossEntropy', got "hinge"/,
    );
  });

  it('throws when layers is empty or holds a non-layer', () => {
    expect(() => new Sequential([])).toThrow(/Sequential: layers must be a non-empty array of layers, got 0 items/);
    expect(() => new Sequential([{}] as never)).toThrow(/Sequential: layers must be a non-empty array of layers, got 1 items/);
  });
});
