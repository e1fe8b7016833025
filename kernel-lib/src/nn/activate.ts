import { assert, fmtShape } from '../assert';
import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';
import { ActivationName, relu, reluPrime, sigmoid, sigmoidPrime, tanh, tanhPrime } from './activations';
import { softmax, softmaxJvp } from './softmax';
import { ACTIVATION_NAMES } from '../portable/activation';

const NAMES: readonly ActivationName[] = ACTIVATION_NAMES;

/** Checks an activation name given to a layer; `allowed` narrows the list (e.g. no softmax in Conv2D). */
export function assertActivation(op: string, name: unknown, allowed: readonly ActivationName[] = NAMES): asserts name is ActivationName {
  assert(
    allowed.includes(name as ActivationName),
    () => `${op}: activation must be one of ${allowed.map((n) => `'${n}'`).join(', ')}, got ${JSON.stringify(name)}`,
    TypeError,
  );
}

/**
 * a = f(z) for an activation given by name.
 *
 * @example
 * activate('relu', tensor([-1, 2])).toArray(); // [0, 2]
 */
export function activate(name: ActivationName, z: Tensor): Tensor {
  switch (name) {
    case 'sigmoid':
      return sigmoid(z);
    case 'tanh':
      return tanh(z);
    case 'relu':
      return relu(z);
    case 'linear':
      return z;
    case 'softmax':
      return softmax(z);
  }
}

/**
 * The backward step through an activation: dz = f'(z) ⊙ dy elementwise, or dz = J(z)ᵀ dy for
 * softmax (over the last axis). Shapes: z and dy alike; `op` names the caller in errors.
 *
 * @example
 * activationBackward('sigmoid', tensor([0]), tensor([2])).toArray(); // [0.5]
 */
export function activationBackward(name: ActivationName, z: Tensor, dy: Tensor, op = 'activationBackward'): Tensor {
  checkTensor(op, 'dy', dy);
  assert(
    fmtShape(dy.shape) === fmtShape(z.shape),
    () => `${op}: dy must have the output shape ${fmtShape(z.shape)}, got ${fmtShape(dy.shape)}`,
  );
  if (name === 'linear') return dy;
  if (name === 'softmax') return softmaxJvp(z, dy);
  const prime = name === 'sigmoid' ? sigmoidPrime(z) : name === 'tanh' ? tanhPrime(z) : reluPrime(z);
  for (let i = 0; i < prime.size; i++) prime.data[i] *= dy.data[i];
  return prime;
}
