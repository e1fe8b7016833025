import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';
import { checkSameShape } from './elementwise';

/**
 * The largest magnitude, max_i |a[i]| (the max norm); 0 for an empty tensor, NaN if any entry is NaN.
 *
 * @example
 * maxAbs(tensor([1, -3, 2])); // 3
 */
export function maxAbs(a: Tensor): number {
  checkTensor('maxAbs', 'a', a);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(a.data[i]));
  return m;
}

/**
 * The largest entrywise difference, max_i |a[i] − b[i]|, of two tensors of one shape: how far
 * apart two ways of computing the same thing are. NaN if any difference is NaN, so a check
 * `maxAbsDiff(a, b) <= tol` fails on it.
 *
 * @example
 * maxAbsDiff(tensor([1, 2, 3]), tensor([1, 2.5, 2])); // 1
 */
export function maxAbsDiff(a: Tensor, b: Tensor): number {
  checkSameShape('maxAbsDiff', a, b);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return m;
}
