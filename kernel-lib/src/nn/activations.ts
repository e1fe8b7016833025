import { checkTensor } from '../ops/args';
import { ACTIVATION } from '../portable/activation';
import { Tensor } from '../tensor';

export type { ActivationName } from '../portable/activation';

function map(op: string, x: Tensor, f: (v: number) => number): Tensor {
  checkTensor(op, 'x', x);
  const out = new Float64Array(x.size);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i]);
  return new Tensor(x.shape, out);
}

/**
 * The logistic function σ(z) = 1/(1 + e^(−z)), elementwise; stable for any finite z.
 *
 * @example
 * sigmoid(tensor([0, 1e4, -1e4])).toArray(); // [0.5, 1, 0]
 */
export function sigmoid(z: Tensor): Tensor {
  return map('sigmoid', z, ACTIVATION.sigmoid.f);
}

/**
 * σ'(z) = σ(z)(1 − σ(z)), elementwise.
 *
 * @example
 * sigmoidPrime(tensor([0])).toArray(); // [0.25]
 */
export function sigmoidPrime(z: Tensor): Tensor {
  return map('sigmoidPrime', z, ACTIVATION.sigmoid.prime);
}

/**
 * tanh(z), elementwise.
 *
 * @example
 * tanh(tensor([0])).toArray(); // [0]
 */
export function tanh(z: Tensor): Tensor {
  return map('tanh', z, ACTIVATION.tanh.f);
}

/**
 * tanh'(z) = 1 − tanh²(z), elementwise.
 *
 * @example
 * tanhPrime(tensor([0])).toArray(); // [1]
 */
export function tanhPrime(z: Tensor): Tensor {
  return map('tanhPrime', z, ACTIVATION.tanh.prime);
}

/**
 * relu(z) = max(0, z), elementwise.
 *
 * @example
 * relu(tensor([-1, 2])).toArray(); // [0, 2]
 */
export function relu(z: Tensor): Tensor {
  return map('relu', z, ACTIVATION.relu.f);
}

/**
 * relu'(z) = 1 for z > 0, else 0 (at the kink z = 0 we take 0, as PyTorch does).
 *
 * @example
 * reluPrime(tensor([-1, 0, 2])).toArray(); // [0, 0, 1]
 */
export function reluPrime(z: Tensor): Tensor {
  return map('reluPrime', z, ACTIVATION.relu.prime);
}
