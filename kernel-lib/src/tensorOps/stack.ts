import { assert, fmtShape } from '../assert';
import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';

/**
 * Tensors of one shape S laid along a new first axis: shape [tensors.length, ...S], with
 * out[i] = tensors[i] — the inverse of select: select(stack(ts), i) equals ts[i].
 * Stacking twice builds a batch: stack(planes.map(stack)) turns [N][C] planes [H, W] into [N, C, H, W].
 *
 * @example
 * stack([tensor([1, 2]), tensor([3, 4])]).toArray(); // [[1, 2], [3, 4]]
 */
export function stack(tensors: readonly Tensor[]): Tensor {
  assert(Array.isArray(tensors as unknown), () => `stack: tensors must be an array of Tensors, got ${typeof tensors}`, TypeError);
  assert(tensors.length > 0, () => `stack: tensors must hold at least one Tensor, got an empty array`);
  tensors.forEach((t, i) => checkTensor('stack', `tensors[${i}]`, t));
  const shape = tensors[0].shape;
  tensors.forEach((t, i) =>
    assert(
      t.shape.length === shape.length && t.shape.every((d, axis) => d === shape[axis]),
      () => `stack: every tensor must have the shape of tensors[0], ${fmtShape(shape)}, got ${fmtShape(t.shape)} at tensors[${i}]`,
    ),
  );
  const out = new Float64Array(tensors.length * tensors[0].size);
  tensors.forEach((t, i) => out.set(t.data, i * t.size));
  return new Tensor([tensors.length, ...shape], out);
}
