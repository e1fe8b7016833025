import { describe, expect, it } from 'vitest';
import { Dense, Param, Sequential, sgdStep, tensor } from '../../../kernel-lib/src';

describe('sgdStep', () => {
  it('η=0.1 λ=10 n=100: w ← 0.99·w − η·grad, b ← b − η·grad (biases not decayed)', () => {
    const weight: Param = { name: 'weight', value: tensor([1, -2]), grad: tensor([0.5, 0.5]) };
    const bias: Param = { name: 'bias', value: tensor([1]), grad: tensor([2]) };
    sgdStep([weight, bias], { learningRate: 0.1, lambda: 10, trainingSize: 100 });
    expect(weight.value.data[0]).toBeCloseTo(0.94, 15);
    expect(weight.value.data[1]).toBeCloseTo(-2.03, 15);
    expect(bias.value.data[0]).toBeCloseTo(0.8, 15);
    expect(Array.from(weight.grad.data)).toEqual([0.5, 0.5]);
  });

  it("Nielsen's rule by hand on Dense 1→1 linear, w=2 b=1, x=[1,3], y=0, m=2, η=0.1 λ=1 n=10", () => {
    // a = [3, 7]; ∇w C_x = a·x = [3, 21]; ∇b C_x = a = [3, 7].
    // w ← (1 − ηλ/n)·2 − (η/m)·24 = 1.98 − 1.2 = 0.78;  b ← 1 − (η/m)·10 = 0.5.
    const dense = new Dense({ inputs: 1, outputs: 1, activation: 'linear', weight: tensor([[2]]), bias: tensor([1]) });
    const net = new Sequential([dense]);
    const { loss } = net.computeGrads(tensor([[1], [3]]), tensor([[0], [0]]), 'quadratic');
    expect(loss).toBe((9 + 49) / 4);
    sgdStep(net.params, { learningRate: 0.1, lambda: 1, trainingSize: 10 });
    expect(dense.weight.value.data[0]).toBeCloseTo(0.78, 14);
    expect(dense.bias.value.data[0]).toBeCloseTo(0.5, 14);
  });

  it('λ = 0 needs no training size', () => {
    const p: Param = { name: 'weight', value: tensor([1]), grad: tensor([1]) };
    sgdStep([p], { learningRate: 0.5 });
    expect(p.value.data[0]).toBe(0.5);
  });

  it('throws when the learning rate is not positive', () => {
    expect(() => sgdStep([], { learningRate: 0 })).toThrow(/sgdStep: learningRate must be a positive number, got 0/);
  });

  it('throws when lambda is negative', () => {
    expect(() => sgdStep([], { learningRate: 1, lambda: -1 })).toThrow(/sgdStep: lambda must be a non-negative number, got -1/);
  });

  it('throws when lambda > 0 comes without a training size', () => {
    expect(() => sgdStep([], { learningRate: 1, lambda: 1 })).toThrow(
      /sgdStep: trainingSize must be a positive integer when lambda > 0, got undefined/,
    );
  });
});
