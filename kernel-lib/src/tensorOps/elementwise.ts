import { assert, fmtShape } from '../assert';
import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';

/** Checks that a and b are tensors of one shape (no broadcasting). */
export function checkSameShape(op: string, a: Tensor, b: Tensor): void {
  checkTensor(op, 'a', a);
  checkTensor(op, 'b', b);
  assert(
    a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]),
    () => `${op}: a and b must have the same shape, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
  );
}

function elementwise(op: string, a: Tensor, b: Tensor, f: (u: number, v: number) => number): Tensor {
  checkSameShape(op, a, b);
  const out = new Float64Array(a.size);
  for (let i = 0; i < out.length; i++) out[i] = f(a.data[i], b.data[i]);
  return new Tensor(a.shape, out);
}

/**
 * Elementwise sum: out[i] = a[i] + b[i]. a and b must have the same shape (no broadcasting).
 *
 * @example
 * add(tensor([1, 2]), tensor([10, 20])).toArray(); // [11, 22]
 */
export function add(a: Tensor, b: Tensor): Tensor {
  return elementwise('add', a, b, (u, v) => u + v);
}

/**
 * Elementwise difference: out[i] = a[i] − b[i], e.g. σ(z) − y in BP1. Same shapes only.
 *
 * @example
 * sub(tensor([1, 2]), tensor([10, 20])).toArray(); // [-9, -18]
 */
export function sub(a: Tensor, b: Tensor): Tensor {
  return elementwise('sub', a, b, (u, v) => u - v);
}

/**
 * Elementwise (Hadamard) product: out[i] = a[i]·b[i], the ⊙ of BP1 and BP2,
 * e.g. δ = mul(sub(σ(z), y), σ'(z)). Same shapes only.
 *
 * @example
 * mul(tensor([1, 2]), tensor([10, 20])).toArray(); // [10, 40]
 */
export function mul(a: Tensor, b: Tensor): Tensor {
  return elementwise('mul', a, b, (u, v) => u * v);
}
