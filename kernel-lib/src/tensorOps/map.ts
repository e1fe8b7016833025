import { assert } from '../assert';
import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';

/**
 * A new tensor of the same shape: out[i] = f(a[i], i), with i the row-major offset.
 *
 * @example
 * map(tensor([[1, -2], [3, -4]]), Math.abs).toArray(); // [[1, 2], [3, 4]]
 * map(zeros([2, 2]), () => 1); // ones
 */
export function map(a: Tensor, f: (value: number, index: number) => number): Tensor {
  checkTensor('map', 'a', a);
  assert(typeof f === 'function', () => `map: f must be a function, got ${typeof f}`, TypeError);
  const out = new Float64Array(a.size);
  for (let i = 0; i < out.length; i++) {
    const v = f(a.data[i], i);
    assert(typeof v === 'number', () => `map: f must return a number, got ${typeof v} at index ${i}`, TypeError);
    out[i] = v;
  }
  return new Tensor(a.shape, out);
}

/**
 * Every entry times a number: out[i] = s·a[i], e.g. the step −η·∂C/∂w.
 *
 * @example
 * scale(tensor([1, -2]), 0.5).toArray(); // [0.5, -1]
 */
export function scale(a: Tensor, s: number): Tensor {
  checkTensor('scale', 'a', a);
  assert(typeof s === 'number', () => `scale: s must be a number, got ${typeof s}`, TypeError);
  assert(Number.isFinite(s), () => `scale: s must be finite, got ${s}`);
  const out = new Float64Array(a.size);
  for (let i = 0; i < out.length; i++) out[i] = s * a.data[i];
  return new Tensor(a.shape, out);
}
