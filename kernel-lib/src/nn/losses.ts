import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { checkTensor } from '../ops/args';
import { softmax } from './softmax';

/** The losses a model can be trained with (see `quadraticLoss` and `softmaxCrossEntropy`). */
export type LossName = 'quadratic' | 'softmaxCrossEntropy';

function checkPair(op: string, a: Tensor, y: Tensor, aName: string): number {
  checkTensor(op, aName, a);
  checkTensor(op, 'y', y);
  assert(a.rank >= 1 && a.shape[0] >= 1, () => `${op}: ${aName} must have a non-empty first (batch) axis, got shape ${fmtShape(a.shape)}`);
  assert(
    fmtShape(a.shape) === fmtShape(y.shape),
    () => `${op}: y must have the shape of ${aName} ${fmtShape(a.shape)}, got ${fmtShape(y.shape)}`,
  );
  return a.shape[0];
}

/**
 * Nielsen's quadratic cost, averaged over the batch: C = (1/2n) Σ_x ‖a(x) − y(x)‖², where the first
 * axis of a and y indexes the n examples (shapes [n, …], alike).
 *
 * @example
 * quadraticLoss(tensor([[1, 2]]), tensor([[0, 0]])); // (1 + 4) / 2 = 2.5
 */
export function quadraticLoss(a: Tensor, y: Tensor): number {
  const n = checkPair('quadraticLoss', a, y, 'a');
  let sum = 0;
  for (let i = 0; i < a.size; i++) sum += (a.data[i] - y.data[i]) ** 2;
  return sum / (2 * n);
}

/**
 * ∂C/∂a = (a − y)/n for the quadratic cost C = (1/2n) Σ_x ‖a − y‖². Shape: that of a.
 *
 * @example
 * quadraticLossGrad(tensor([[1, 2]]), tensor([[0, 0]])).toArray(); // [[1, 2]]
 */
export function quadraticLossGrad(a: Tensor, y: Tensor): Tensor {
  const n = checkPair('quadraticLossGrad', a, y, 'a');
  const out = new Float64Array(a.size);
  for (let i = 0; i < a.size; i++) out[i] = (a.data[i] - y.data[i]) / n;
  return new Tensor(a.shape, out);
}

/**
 * Softmax followed by the log-likelihood cost (Nielsen's "log-likelihood", i.e. cross-entropy with
 * one-hot targets), from the logits z, shapes [n, classes]:
 * C = −(1/n) Σ_x Σ_j y_j log softmax(z)_j, with log softmax(z)_j = z_j − m − log Σ_k e^(z_k − m),
 * m = max_k z_k (log-sum-exp), so huge logits never give log 0 or NaN.
 *
 * @example
 * softmaxCrossEntropy(tensor([[0, 0]]), tensor([[1, 0]])); // log 2
 */
export function softmaxCrossEntropy(z: Tensor, y: Tensor): number {
  const n = checkPair('softmaxCrossEntropy', z, y, 'z');
  assert(z.rank === 2, () => `softmaxCrossEntropy: z must have rank 2 [n, classes], got shape ${fmtShape(z.shape)}`);
  const classes = z.shape[1];
  let sum = 0;
  for (let start = 0; start < z.size; start += classes) {
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, z.data[start + j]);
    let exps = 0;
    for (let j = 0; j < classes; j++) exps += Math.exp(z.data[start + j] - max);
    const logSum = max + Math.log(exps);
    for (let j = 0; j < classes; j++) {
      const t = y.data[start + j];
      if (t !== 0) sum -= t * (z.data[start + j] - logSum);
    }
  }
  return sum / n;
}

/**
 * ∂C/∂z = (softmax(z) − y)/n for C = softmaxCrossEntropy(z, y) when each row of y sums to 1 (one-hot);
 * in general (softmax(z)·Σ_j y_j − y)/n, which is what is computed. Shapes [n, classes].
 *
 * @example
 * softmaxCrossEntropyGrad(tensor([[0, 0]]), tensor([[1, 0]])).toArray(); // [[-0.5, 0.5]]
 */
export function softmaxCrossEntropyGrad(z: Tensor, y: Tensor): Tensor {
  const n = checkPair('softmaxCrossEntropyGrad', z, y, 'z');
  assert(z.rank === 2, () => `softmaxCrossEntropyGrad: z must have rank 2 [n, classes], got shape ${fmtShape(z.shape)}`);
  const classes = z.shape[1];
  const s = softmax(z);
  for (let start = 0; start < s.size; start += classes) {
    let mass = 0;
    for (let j = 0; j < classes; j++) mass += y.data[start + j];
    for (let j = 0; j < classes; j++) s.data[start + j] = (s.data[start + j] * mass - y.data[start + j]) / n;
  }
  return s;
}
