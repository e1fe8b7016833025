import { describe, expect, it } from 'vitest';
import { Tensor, gradcheck, randn, relu, reluPrime, sigmoid, sigmoidPrime, tanh, tanhPrime, tensor } from '../../../kernel-lib/src';

const sum = (t: Tensor): number => t.data.reduce((a, b) => a + b, 0);

describe('activations', () => {
  it('sigmoid([0, 1e4, -1e4]) = [0.5, 1, 0] without NaN', () => {
    expect(sigmoid(tensor([0, 1e4, -1e4])).toArray()).toEqual([0.5, 1, 0]);
    expect(sigmoidPrime(tensor([1e4, -1e4])).toArray()).toEqual([0, 0]);
  });

  it('sigmoid(2) = 1/(1+e^-2), tanh(0.5) = Math.tanh(0.5), relu([-1, 0, 2]) = [0, 0, 2]', () => {
    expect(sigmoid(tensor([2])).data[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(tanh(tensor([0.5])).data[0]).toBe(Math.tanh(0.5));
    expect(relu(tensor([-1, 0, 2])).toArray()).toEqual([0, 0, 2]);
    expect(reluPrime(tensor([-1, 0, 2])).toArray()).toEqual([0, 0, 1]);
  });

  it.each([
    ['sigmoid', sigmoid, sigmoidPrime],
    ['tanh', tanh, tanhPrime],
    ['relu', relu, reluPrime],
  ] as const)('%s′ equals central differences on 2·randn([4, 5]), eps 1e-5', (_, f, prime) => {
    // d/dx Σ f(x) = f'(x) elementwise; relu's kink at 0 is never hit by normal samples.
    const x = randn([4, 5], 1, 2);
    expect(gradcheck((t) => sum(f(t)), x, { analytic: prime(x), eps: 1e-5 }).maxRelError).toBeLessThan(1e-6);
  });

  it('keeps the shape and does not mutate its input', () => {
    const x = tensor([
      [1, -2],
      [3, -4],
    ]);
    expect(sigmoid(x).shape).toEqual([2, 2]);
    expect(x.toArray()).toEqual([
      [1, -2],
      [3, -4],
    ]);
  });

  it('throws when x is not a Tensor', () => {
    expect(() => sigmoid([1, 2] as unknown as Tensor)).toThrow(/sigmoid: x must be a Tensor, got/);
  });
});
