import { assert, assertPositiveInt, fmtShape } from '../assert';
import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';

/** Inputs and targets, aligned on the first (example) axis: x [n, …], y [n, classes]. */
export interface Dataset {
  x: Tensor;
  y: Tensor;
}

/**
 * One-hot rows: out[i][labels[i]] = 1, shape [labels.length, classes].
 *
 * @example
 * oneHot([2, 0], 3).toArray(); // [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: readonly number[], classes: number): Tensor {
  assertPositiveInt('oneHot', 'classes', classes);
  const out = new Float64Array(labels.length * classes);
  labels.forEach((label, i) => {
    assert(
      Number.isInteger(label) && label >= 0 && label < classes,
      () => `oneHot: labels must be integers in 0..${classes - 1}, got ${label} at index ${i}`,
    );
    out[i * classes + label] = 1;
  });
  return new Tensor([labels.length, classes], out);
}

/**
 * The examples at `indices` along the first axis, in that order: out[i] = t[indices[i]].
 *
 * @example
 * takeRows(tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]).toArray(); // [[5, 6], [1, 2]]
 */
export function takeRows(t: Tensor, indices: readonly number[]): Tensor {
  checkTensor('takeRows', 't', t);
  assert(t.rank >= 1, () => `takeRows: t must have rank ≥ 1, got ${fmtShape(t.shape)}`);
  const n = t.shape[0];
  const row = n === 0 ? 0 : t.size / n;
  const out = new Float64Array(indices.length * row);
  indices.forEach((r, i) => {
    assert(Number.isInteger(r) && r >= 0 && r < n, () => `takeRows: indices must be in 0..${n - 1}, got ${r}`);
    out.set(t.data.subarray(r * row, (r + 1) * row), i * row);
  });
  return new Tensor([indices.length, ...t.shape.slice(1)], out);
}

/**
 * The index of the largest value of each row (last axis); ties go to the first.
 *
 * @example
 * argmax(tensor([[0.1, 0.7, 0.2], [3, 3, 1]])); // [1, 0]
 */
export function argmax(t: Tensor): number[] {
  checkTensor('argmax', 't', t);
  const n = t.shape[t.rank - 1];
  assert(t.rank >= 1 && n >= 1, () => `argmax: t must have a non-empty last axis, got ${fmtShape(t.shape)}`);
  const out: number[] = [];
  for (let start = 0; start < t.size; start += n) {
    let best = 0;
    for (let j = 1; j < n; j++) if (t.data[start + j] > t.data[start + best]) best = j;
    out.push(best);
  }
  return out;
}

/**
 * The fraction of examples whose predicted class (argmax of output) is the target class (argmax
 * of y, one-hot). Shapes [n, classes], alike.
 *
 * @example
 * accuracy(tensor([[0.9, 0.1], [0.8, 0.2]]), oneHot([0, 1], 2)); // 0.5
 */
export function accuracy(output: Tensor, y: Tensor): number {
  checkTensor('accuracy', 'output', output);
  checkTensor('accuracy', 'y', y);
  assert(
    fmtShape(output.shape) === fmtShape(y.shape),
    () => `accuracy: y must have the shape of output ${fmtShape(output.shape)}, got ${fmtShape(y.shape)}`,
  );
  const predicted = argmax(output);
  const target = argmax(y);
  return predicted.length === 0 ? 0 : predicted.filter((p, i) => p === target[i]).length / predicted.length;
}
