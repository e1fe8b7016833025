import { describe, expect, it } from 'vitest';
import {
  gradcheck,
  oneHot,
  quadraticLoss,
  quadraticLossGrad,
  randn,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
  tensor,
} from '../../../kernel-lib/src';

describe('losses', () => {
  it('quadraticLoss(a=[[1,2],[0,0]], y=0) = (1+4)/(2·2) = 1.25 (C = ½‖a−y‖²/n, n = batch)', () => {
    const a = tensor([
      [1, 2],
      [0, 0],
    ]);
    const y = tensor([
      [0, 0],
      [0, 0],
    ]);
    expect(quadraticLoss(a, y)).toBe(1.25);
    expect(quadraticLossGrad(a, y).toArray()).toEqual([
      [0.5, 1],
      [0, 0],
    ]);
  });

  it('quadraticLossGrad equals central differences, a randn([3, 4])', () => {
    const a = randn([3, 4], 1);
    const y = randn([3, 4], 2);
    expect(gradcheck((t) => quadraticLoss(t, y), a, { analytic: quadraticLossGrad(a, y) }).maxRelError).toBeLessThan(1e-8);
  });

  it('softmaxCrossEntropy([[0,0]], [[1,0]]) = log 2, grad [[-0.5, 0.5]]', () => {
    expect(softmaxCrossEntropy(tensor([[0, 0]]), tensor([[1, 0]]))).toBeCloseTo(Math.LN2, 15);
    expect(softmaxCrossEntropyGrad(tensor([[0, 0]]), tensor([[1, 0]])).toArray()).toEqual([[-0.5, 0.5]]);
  });

  it('softmaxCrossEntropy = −(1/n) Σ log softmax(z)_label, z randn([4, 3])', () => {
    const z = randn([4, 3], 3);
    const labels = [0, 2, 1, 2];
    const expected =
      -labels.reduce((acc, label, n) => {
        const row = [0, 1, 2].map((j) => z.get(n, j));
        return acc + row[label] - Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
      }, 0) / 4;
    expect(softmaxCrossEntropy(z, oneHot(labels, 3))).toBeCloseTo(expected, 14);
  });

  it('softmaxCrossEntropyGrad equals central differences, one-hot and soft targets', () => {
    const z = randn([4, 3], 4);
    for (const y of [oneHot([1, 0, 2, 2], 3), randn([4, 3], 5)]) {
      const check = gradcheck((t) => softmaxCrossEntropy(t, y), z, { analytic: softmaxCrossEntropyGrad(z, y) });
      expect(check.maxRelError).toBeLessThan(1e-7);
    }
  });

  it('huge logits ±1e4 give finite loss and gradient (log-sum-exp)', () => {
    const z = tensor([
      [1e4, -1e4],
      [-1e4, 1e4],
    ]);
    const y = tensor([
      [0, 1],
      [0, 1],
    ]);
    expect(softmaxCrossEntropy(z, y)).toBe(1e4); // (2e4 + 0) / 2
    expect(softmaxCrossEntropyGrad(z, y).toArray()).toEqual([
      [0.5, -0.5],
      [0, 0],
    ]);
  });

  it('throws when y has another shape', () => {
    expect(() => quadraticLoss(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(
      /quadraticLoss: y must have the shape of a \[1,2\], got \[1,3\]/,
    );
  });

  it('throws when a has no batch axis', () => {
    expect(() => quadraticLossGrad(tensor(1), tensor(1))).toThrow(
      /quadraticLossGrad: a must have a non-empty first \(batch\) axis, got shape \[\]/,
    );
  });

  it('throws when z is not [n, classes]', () => {
    expect(() => softmaxCrossEntropy(tensor([1, 2]), tensor([1, 0]))).toThrow(
      /softmaxCrossEntropy: z must have rank 2 \[n, classes\], got shape \[2\]/,
    );
    expect(() => softmaxCrossEntropyGrad(tensor([1, 2]), tensor([1, 0]))).toThrow(/softmaxCrossEntropyGrad: z must have rank 2/);
  });

  it('throws when y is not a Tensor', () => {
    expect(() => quadraticLoss(tensor([[1]]), [[1]] as never)).toThrow(/quadraticLoss: y must be a Tensor, got/);
  });
});
