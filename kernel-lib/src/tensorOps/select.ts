import { assert, fmtShape } from '../assert';
import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';

/**
 * The sub-tensor at fixed leading indices, like numpy's t[n, c]: for t of shape [N, C, H, W],
 * select(t, n, c) is the [H, W] plane out[i][j] = t[n][c][i][j], and select(t, n) the [C, H, W]
 * example n. Indices are 0-based; the result is a copy (changing it leaves t as it was).
 *
 * @example
 * const x = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]); // [2, 2, 2]
 * select(x, 1).toArray();    // [[5, 6], [7, 8]]
 * select(x, 1, 0).toArray(); // [5, 6]
 */
export function select(t: Tensor, ...index: number[]): Tensor {
  checkTensor('select', 't', t);
  assert(
    index.length <= t.rank,
    () => `select: index must have at most ${t.rank} components for shape ${fmtShape(t.shape)}, got ${index.length}`,
  );
  let start = 0;
  index.forEach((i, axis) => {
    const n = t.shape[axis];
    assert(
      Number.isInteger(i) && i >= 0 && i < n,
      () => `select: index on axis ${axis} must be an integer in 0..${n - 1} for shape ${fmtShape(t.shape)}, got ${i}`,
    );
    start = start * n + i;
  });
  const shape = t.shape.slice(index.length);
  const block = shape.reduce((a, b) => a * b, 1);
  return new Tensor(shape, t.data.slice(start * block, (start + 1) * block));
}
