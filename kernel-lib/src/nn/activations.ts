import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';

/** The activations a layer can apply to its weighted input z; `'softmax'` is for Dense output layers. */
export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'linear' | 'softmax';

function map(op: string, x: Tensor, f: (v: number) => number): Tensor {
  checkTensor(op, 'x', x);
  const out = new Float64Array(x.size);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i]);
  return new Tensor(x.shape, out);
}

/** σ(v) = 1/(1+e^(−v)), evaluated as e^v/(1+e^v) for v < 0 so that e^(−v) never overflows. */
function sigma(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/**
 * The logistic function σ(z) = 1/(1 + e^(−z)), elementwise; stable for any finite z.
 *
 * @example
 * sigmoid(tensor([0, 1e4, -1e4])).toArray(); // [0.5, 1, 0]
 */
export function sigmoid(z: Tensor): Tensor {
  return map('sigmoid', z, sigma);
}

/**
 * σ'(z) = σ(z)(1 − σ(z)), elementwise.
 *
 * @example
 * sigmoidPrime(tensor([0])).toArray(); // [0.25]
 */
export function sigmoidPrime(z: Tensor): Tensor {
  return map('sigmoidPrime', z, (v) => {
    const s = sigma(v);
    return s * (1 - s);
  });
}

/**
 * tanh(z), elementwise.
 *
 * @example
 * tanh(tensor([0])).toArray(); // [0]
 */
export function tanh(z: Tensor): Tensor {
  return map('tanh', z, Math.tanh);
}

/**
 * tanh'(z) = 1 − tanh²(z), elementwise.
 *
 * @example
 * tanhPrime(tensor([0])).toArray(); // [1]
 */
export function tanhPrime(z: Tensor): Tensor {
  return map('tanhPrime', z, (v) => 1 - Math.tanh(v) ** 2);
}

/**
 * relu(z) = max(0, z), elementwise.
 *
 * @example
 * relu(tensor([-1, 2])).toArray(); // [0, 2]
 */
export function relu(z: Tensor): Tensor {
  return map('relu', z, (v) => (v > 0 ? v : 0));
}

/**
 * relu'(z) = 1 for z > 0, else 0 (at the kink z = 0 we take 0, as PyTorch does).
 *
 * @example
 * reluPrime(tensor([-1, 0, 2])).toArray(); // [0, 0, 1]
 */
export function reluPrime(z: Tensor): Tensor {
  return map('reluPrime', z, (v) => (v > 0 ? 1 : 0));
}
