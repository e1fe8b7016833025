import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';

/**
 * The sum of all entries, Σ_i a[i], added in row-major order; 0 for an empty tensor.
 * With mul it gives the inner product: sum(mul(δ, z)) = Σ δ ⊙ z.
 *
 * @example
 * sum(tensor([[1, 2], [3, 4]])); // 10
 */
export function sum(a: Tensor): number {
  checkTensor('sum', 'a', a);
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i];
  return s;
}
