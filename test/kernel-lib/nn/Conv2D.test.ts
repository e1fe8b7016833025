import { describe, expect, it } from 'vitest';
import { Conv2D, MaxPool2D, countParams, randn, tensor, zeros } from '../../../kernel-lib/src';
import { layerGradError } from './layerGradients';

describe('Conv2D', () => {
  it('a 5x5 kernel on 1 input channel has 5·5 + 1 = 26 parameters', () => {
    expect(countParams(new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 5 }).params)).toBe(26);
    expect(countParams(new Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5 }).params)).toBe(20 * 26);
  });

  it("the notes' shapes: 28x28 → Conv2D 5x5 → 24x24 → MaxPool2D 2x2 → 12x12", () => {
    const a = new Conv2D({ inChannels: 1, outChannels: 3, kernelSize: 5, seed: 1 }).forward(zeros([2, 1, 28, 28]));
    expect(a.shape).toEqual([2, 3, 24, 24]);
    expect(new MaxPool2D({ size: 2 }).forward(a).shape).toEqual([2, 3, 12, 12]);
  });

  it('y = σ(b + Σ w·x): 1x1 input, weight 2, bias −1, x = 1 → σ(1)', () => {
    const conv = new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 1, weight: tensor([2], [1, 1, 1, 1]), bias: tensor([-1]) });
    expect(conv.forward(tensor([1], [1, 1, 1, 1])).data[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
  });

  it.each([
    ['sigmoid', {}],
    ['tanh', { stride: 2, padding: 1 }],
    ['relu', { dilation: 2, padding: 'same' }],
    ['linear', { stride: [1, 2], padding: [2, 0] }],
  ] as const)('x [2,2,6,7] k=3x3 %s %o: backward equals finite differences for x, w, b', (activation, geometry) => {
    const conv = new Conv2D({ inChannels: 2, outChannels: 3, kernelSize: 3, activation, seed: 4, ...geometry });
    const { dx, params } = layerGradError(conv, randn([2, 2, 6, 7], 5));
    expect(dx).toBeLessThan(1e-6);
    for (const e of params) expect(e).toBeLessThan(1e-6);
  });

  it('initialisation is seeded: weights N(0, 1/(C·kh·kw)), biases N(0, 1)', () => {
    const a = new Conv2D({ inChannels: 4, outChannels: 50, kernelSize: 5, seed: 7 });
    const b = new Conv2D({ inChannels: 4, outChannels: 50, kernelSize: 5, seed: 7 });
    expect(Array.from(a.weight.value.data)).toEqual(Array.from(b.weight.value.data));
    const w = a.weight.value.data;
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance * 100).toBeCloseTo(1, 0); // 1/(4·5·5) = 0.01, 5000 samples
  });

  it('throws when the activation is softmax or unknown', () => {
    expect(() => new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 3, activation: 'softmax' as never })).toThrow(
      /Conv2D: activation must be one of 'sigmoid', 'tanh', 'relu', 'linear', got "softmax"/,
    );
  });

  it('throws when a size is not a positive integer', () => {
    expect(() => new Conv2D({ inChannels: 0, outChannels: 1, kernelSize: 3 })).toThrow(
      /Conv2D: inChannels must be a positive integer, got 0/,
    );
    expect(() => new Conv2D({ inChannels: 1, outChannels: 1.5, kernelSize: 3 })).toThrow(
      /Conv2D: outChannels must be a positive integer, got 1.5/,
    );
    expect(() => new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 0 })).toThrow(/Conv2D: kernelSize must be a positive integer/);
  });

  it('throws when given weights have the wrong shape', () => {
    expect(() => new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: 3, weight: zeros([2, 1, 2, 2]) })).toThrow(
      /Conv2D: weight must have shape \[2,1,3,3\], got \[2,1,2,2\]/,
    );
  });

  it('throws when given weights are not a Tensor', () => {
    expect(() => new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 1, bias: [0] as never })).toThrow(
      /Conv2D: bias must be a Tensor, got object/,
    );
  });

  it('throws when backward comes before forward', () => {
    expect(() => new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 3 }).backward(zeros([1, 1, 1, 1]))).toThrow(
      /Conv2D: backward needs a forward pass first, got none/,
    );
  });

  it('throws when dy does not have the output shape', () => {
    const conv = new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 3 });
    conv.forward(zeros([1, 1, 5, 5]));
    expect(() => conv.backward(zeros([1, 1, 2, 2]))).toThrow(/Conv2D: dy must have the output shape \[1,1,3,3\], got \[1,1,2,2\]/);
  });

  it('throws when the input has the wrong number of channels (from conv2d)', () => {
    const conv = new Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5 });
    expect(() => conv.forward(zeros([1, 3, 28, 28]))).toThrow(/conv2d: input has 3 channels but weights expect 1/);
  });
});
