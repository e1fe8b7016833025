import { assert, assertPositiveInt } from '../assert';
import { Rng } from '../random';
import { Dataset, accuracy, takeRows } from './data';
import { checkDataset, evaluate } from './evaluate';
import type { LossName } from './losses';
import { Sequential } from './Sequential';
import { sgdDecay, sgdStep } from './sgd';
import { type TrainPrecision, fastTrainer } from '../fast/trainer';

/** What `fit` reports after each epoch (losses are batch means; the L2 term is not included). */
export interface EpochReport {
  /** 1-based. */
  epoch: number;
  /** Mean training loss over the epoch's batches, each measured before its update. */
  loss: number;
  /** Training accuracy over the same batches. */
  accuracy: number;
  /** Loss and accuracy on `opts.validation` after the epoch, when given. */
  validation?: { loss: number; accuracy: number };
  seconds: number;
}

/** What `fit` reports after each mini-batch. */
export interface BatchReport {
  epoch: number;
  /** 1-based, out of `batches`. */
  batch: number;
  batches: number;
  loss: number;
  /** The batch's accuracy, like loss measured before its update. */
  accuracy: number;
}

/** Options of `fit`. */
export interface FitOptions {
  epochs: number;
  /** m, examples per mini-batch (the last batch may be smaller). */
  batchSize: number;
  /** η. */
  learningRate: number;
  /** L2 weight decay λ (default 0), Nielsen's convention, see `sgdStep`. */
  lambda?: number;
  /** Default 'quadratic'. */
  loss?: LossName;
  /** Seed of the per-epoch shuffle (default 0). */
  seed?: number;
  validation?: Dataset;
  /** Called after each epoch; returning 'stop' ends training. May be async. */
  onEpoch?: (report: EpochReport) => void | 'stop' | Promise<void | 'stop'>;
  /** Called after each mini-batch; returning 'stop' ends training. May be async. */
  onBatch?: (report: BatchReport) => void | 'stop' | Promise<void | 'stop'>;
  /** Checked between batches, e.g. an AbortController's signal: training stops once aborted. */
  signal?: { readonly aborted: boolean };
  /**
   * The fast kernels' element type (see fastTrainer): 'float64' (default) gives the gradients of
   * `model.computeGrads` within 1e-12 and sgdStep's update exactly; 'float32' is faster, its
   * gradients within 1e-5, and its update runs on float32 copies of the weights (so they stay
   * float32-rounded). Where the fast kernels are off or unavailable, `model.computeGrads` runs.
   */
  precision?: TrainPrecision;
}

/**
 * Mini-batch stochastic gradient descent: each epoch shuffles the examples (seeded), and for each
 * mini-batch runs `model.computeGrads` then `sgdStep` (as one step in the fast kernels' memory, see
 * FastTrainer.step, where they cover the model; params' grads are then not written).
 * Between batches it yields to the event loop, so a notebook can show progress from the
 * callbacks and stop the run ('stop' or `signal`).
 * Resolves to the epoch reports and whether training was stopped early.
 *
 * @example
 * const { history } = await fit(net, train, {
 *   epochs: 10, batchSize: 10, learningRate: 0.1, loss: 'softmaxCrossEntropy',
 *   validation: test, onEpoch: (r) => console.log(r.epoch, r.validation?.accuracy),
 * });
 */
export async function fit(model: Sequential, data: Dataset, opts: FitOptions): Promise<{ history: EpochReport[]; stopped: boolean }> {
  const { epochs, batchSize, learningRate, lambda = 0, loss = 'quadratic', seed = 0 } = opts;
  assert(model instanceof Sequential, () => `fit: model must be a Sequential, got ${typeof model}`, TypeError);
  const n = checkDataset('fit', data);
  assertPositiveInt('fit', 'epochs', epochs);
  assertPositiveInt('fit', 'batchSize', batchSize);
  if (opts.validation !== undefined) checkDataset('fit', opts.validation);
  const rng = new Rng(seed);
  const history: EpochReport[] = [];
  const batches = Math.ceil(n / batchSize);
  const order = Array.from({ length: n }, (_, i) => i);
  const sgd = { learningRate, lambda, trainingSize: n };
  const decay = sgdDecay(sgd);
  const trainer = fastTrainer(model, loss, opts.precision); // null: model.computeGrads below
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = Date.now();
    const shuffled = rng.shuffle(order);
    let lossSum = 0;
    let correct = 0;
    for (let b = 0; b < batches; b++) {
      const rows = shuffled.slice(b * batchSize, (b + 1) * batchSize);
      const y = takeRows(data.y, rows);
      const x = takeRows(data.x, rows);
      // the update in the kernels' memory; layer by layer where the fast pass cannot take the batch
      let result = trainer?.step(x, y, { learningRate, decay }) ?? null;
      if (result === null) {
        result = model.computeGrads(x, y, loss);
        sgdStep(model.params, sgd);
      }
      lossSum += result.loss * rows.length;
      const batchAccuracy = accuracy(result.output, y);
      correct += batchAccuracy * rows.length;
      const answer = await opts.onBatch?.({ epoch, batch: b + 1, batches, loss: result.loss, accuracy: batchAccuracy });
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (answer === 'stop' || opts.signal?.aborted) return { history, stopped: true };
    }
    const report: EpochReport = { epoch, loss: lossSum / n, accuracy: correct / n, seconds: (Date.now() - started) / 1000 };
    if (opts.validation !== undefined) report.validation = evaluate(model, opts.validation, { loss, batchSize });
    history.push(report);
    if ((await opts.onEpoch?.(report)) === 'stop' || opts.signal?.aborted) return { history, stopped: true };
  }
  return { history, stopped: false };
}
