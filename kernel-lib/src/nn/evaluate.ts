import { assert, assertPositiveInt, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { Dataset, accuracy, takeRows } from './data';
import type { LossName } from './losses';
import { Sequential } from './Sequential';

/** Checks a dataset: two Tensors with the same, non-zero number of examples. */
export function checkDataset(op: string, data: Dataset): number {
  assert(
    data?.x instanceof Tensor && data?.y instanceof Tensor,
    () => `${op}: data must be { x: Tensor, y: Tensor }, got ${typeof data}`,
    TypeError,
  );
  const n = data.x.shape[0];
  assert(
    data.x.rank >= 1 && n > 0 && data.y.shape[0] === n,
    () => `${op}: x and y must hold the same non-zero number of examples, got x ${fmtShape(data.x.shape)} and y ${fmtShape(data.y.shape)}`,
  );
  return n;
}

/**
 * Mean loss and accuracy (argmax of output vs argmax of one-hot y) of a model on a dataset, in
 * batches of `batchSize` (default 100) to bound memory. Parameters are not changed.
 *
 * @example
 * evaluate(net, { x: testX, y: testY }, { loss: 'softmaxCrossEntropy' }); // { loss: 0.31, accuracy: 0.91 }
 */
export function evaluate(
  model: Sequential,
  data: Dataset,
  opts: { loss?: LossName; batchSize?: number } = {},
): { loss: number; accuracy: number } {
  const { loss = 'quadratic', batchSize = 100 } = opts;
  const n = checkDataset('evaluate', data);
  assertPositiveInt('evaluate', 'batchSize', batchSize);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const y = takeRows(data.y, rows);
    const { loss: value, output } = model.lossOn(takeRows(data.x, rows), y, loss);
    lossSum += value * rows.length;
    correct += accuracy(output, y) * rows.length;
  }
  return { loss: lossSum / n, accuracy: correct / n };
}
