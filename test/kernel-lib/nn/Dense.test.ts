import { describe, expect, it } from 'vitest';
import {
  Dense,
  countParams,
  randn,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
  gradcheck,
  oneHot,
  tensor,
  zeros,
} from '../../../kernel-lib/src';
import { layerGradError } from './layerGradients';

describe('Dense', () => {
  it('z = x·wᵀ + b by hand: w [[1,2],[3,4],[5,6]], b [1,0,-1], x [[1,1]] → z [[4,7,10]]', () => {
    const dense = new Dense({
      inputs: 2,
      outputs: 3,
      activation: 'linear',
      weight: tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      bias: tensor([1, 0, -1]),
    });
    expect(dense.forward(tensor([[1, 1]])).toArray()).toEqual([[4, 7, 10]]);
    expect(countParams(dense.params)).toBe(9);
  });

  it.each(['sigmoid', 'tanh', 'relu', 'linear', 'softmax'] as const)(
    'x [3,5] → 4 %s: backward equals finite differences for x, w, b',
    (activation) => {
      const dense = new Dense({ inputs: 5, outputs: 4, activation, seed: 2 });
      const { dx, params } = layerGradError(dense, randn([3, 5], 3));
      expect(dx).toBeLessThan(1e-6);
      for (const e of params) expect(e).toBeLessThan(1e-6);
    },
  );

  it('softmax output: backwardFromLogits((softmax(z) − y)/n) gives the cross-entropy gradient in x', () => {
    const dense = new Dense({ inputs: 4, outputs: 3, activation: 'softmax', seed: 5 });
    const x = randn([2, 4], 6);
    const y = oneHot([2, 0], 3);
    dense.forward(x);
    const dx = dense.backwardFromLogits(softmaxCrossEntropyGrad(dense.logits!, y));
    const loss = (t: typeof x) => (dense.forward(t), softmaxCrossEntropy(dense.logits!, y));
    expect(gradcheck(loss, x, { analytic: dx }).maxRelError).toBeLessThan(1e-6);
  });

  it('throws when the input is not [N, inputs]', () => {
    expect(() => new Dense({ inputs: 720, outputs: 10 }).forward(zeros([1, 20, 6, 6]))).toThrow(
      /Dense: input must be \[N, 720\] \(Flatten first\), got \[1,20,6,6\]/,
    );
  });

  it('throws when sizes are not positive integers', () => {
    expect(() => new Dense({ inputs: 0, outputs: 1 })).toThrow(/Dense: inputs must be a positive integer, got 0/);
    expect(() => new Dense({ inputs: 1, outputs: -1 })).toThrow(/Dense: outputs must be a positive integer, got -1/);
  });

  it('throws when the activation is unknown', () => {
    expect(() => new Dense({ inputs: 1, outputs: 1, activation: 'gelu' as never })).toThrow(
      /Dense: activation must be one of 'sigmoid', 'tanh', 'relu', 'linear', 'softmax', got "gelu"/,
    );
  });

  it('throws when dy or dz has the wrong shape', () => {
    const dense = new Dense({ inputs: 2, outputs: 3 });
    dense.forward(zeros([4, 2]));
    expect(() => dense.backward(zeros([4, 2]))).toThrow(/Dense: dy must have the output shape \[4,3\], got \[4,2\]/);
    expect(() => dense.backwardFromLogits(zeros([3, 3]))).toThrow(/Dense: dz must have the output shape \[4,3\], got \[3,3\]/);
  });

  it('throws when backward comes before forward', () => {
    expect(() => new Dense({ inputs: 2, outputs: 3 }).backward(zeros([1, 3]))).toThrow(
      /Dense: backward needs a forward pass first, got none/,
    );
  });

  it('throws when x, dy or dz is not a Tensor', () => {
    const dense = new Dense({ inputs: 2, outputs: 3 });
    expect(() => dense.forward([[1, 2]] as never)).toThrow(/Dense: x must be a Tensor, got array/);
    dense.forward(zeros([1, 2]));
    expect(() => dense.backward([[1, 2, 3]] as never)).toThrow(/Dense: dy must be a Tensor, got array/);
    expect(() => dense.backwardFromLogits(null as never)).toThrow(/Dense: dz must be a Tensor, got null/);
  });
});
