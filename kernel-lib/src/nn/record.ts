import { assert, assertPositiveInt, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { traceBackprop } from '../proof/traceBackprop';
import { Conv2D } from './Conv2D';
import { ConvPool2D } from './ConvPool2D';
import { argmax } from './data';
import type { BatchReport } from './fit';
import type { LossName } from './losses';
import { Sequential } from './Sequential';

/** A tensor as plain data, ready for JSON: its shape and its values in row-major order. */
export interface RecordedTensor {
  shape: number[];
  data: number[];
}

/** What one recorded step holds. */
export interface Snapshot {
  /** Batches trained so far (0: before training). */
  step: number;
  epoch: number;
  /** The training batch's loss and accuracy (before its update); null at step 0. */
  loss: number | null;
  accuracy: number | null;
  /** Every convolution layer's kernels w [K, C, kh, kw] and biases b [K]. */
  kernels: { layer: number; name: string; weight: RecordedTensor; bias: RecordedTensor }[];
  /** The probe example after this step: its cost, predicted class, and per layer a_l, the δ at its output, and max-pool argmaxes. */
  probe: {
    loss: number;
    predicted: number[];
    layers: {
      layer: number;
      name: string;
      activation: RecordedTensor;
      /** ∂C/∂a_l; at a softmax output under cross-entropy ∂C/∂z_l (BP1). */
      delta: RecordedTensor;
      /** Max pooling: the flat index into the layer's input of each window's argmax (where δ is routed); else null. */
      argmax: number[] | null;
    }[];
  };
}

/** The whole recording, serialisable with JSON.stringify. Sizes count 8 bytes per number. */
export interface TrainingRecording {
  version: 1;
  budgetBytes: number;
  usedBytes: number;
  /** Snapshots are kept at multiples of this step (it doubles each time the budget is reached). */
  every: number;
  snapshots: Snapshot[];
  /** Steps recorded and then dropped to stay within the budget. */
  dropped: number[];
  /** Loss and accuracy of every `curveEvery`-th training batch. */
  curve: { curveEvery: number; step: number[]; loss: number[]; accuracy: number[] };
}

/** Options of TrainingRecorder. */
export interface RecorderOptions {
  /** A fixed example (x [1, …], y one-hot [1, classes]) followed through the network at every snapshot. */
  probe: { x: Tensor; y: Tensor };
  loss: LossName;
  /** Record a snapshot every this many batches (default 1). */
  every?: number;
  /** Memory for the recording (default 4 MiB = 4·2²⁰ bytes). */
  budgetBytes?: number;
}

const BYTES = 8;
const plain = (t: Tensor): RecordedTensor => ({ shape: [...t.shape], data: Array.from(t.data) });
const bytesOf = (s: Snapshot): number =>
  BYTES *
  (4 +
    s.kernels.reduce((n, k) => n + k.weight.data.length + k.bias.data.length, 0) +
    s.probe.layers.reduce(
      (n, l) => n + l.activation.data.length + l.delta.data.length + (l.argmax?.length ?? 0),
      1 + s.probe.predicted.length,
    ));

/**
 * Records training for replay: pass `recorder.onBatch` to fit (or call it from yours). At step 0
 * and every `every` batches it keeps a snapshot: the kernels, and the probe example's activations,
 * δ and max-pool argmaxes (from traceBackprop); the loss and accuracy of every batch go to `curve`.
 * Within `budgetBytes`: when a snapshot would not fit, every other kept snapshot is dropped (those
 * not at a multiple of 2·every) and `every` doubles, so the kept steps stay evenly spread over the
 * run; the curve is thinned the same way past an eighth of the budget. Nothing is random: the same
 * training (same seeds) records the same numbers. The recording is plain data (`toJSON`).
 *
 * @example
 * const recorder = new TrainingRecorder(net, { probe: { x: takeRows(test.x, [0]), y: takeRows(test.y, [0]) }, loss: 'softmaxCrossEntropy', every: 10 });
 * await fit(net, train, { epochs: 1, batchSize: 10, learningRate: 0.1, loss: 'softmaxCrossEntropy', onBatch: recorder.onBatch });
 * recorder.toJSON().snapshots.map((s) => s.step); // [0, 10, 20, …]
 */
export class TrainingRecorder {
  private readonly model: Sequential;
  private readonly opts: Required<Omit<RecorderOptions, 'every'>>;
  private every: number;
  private step = 0;
  private used = 0;
  private readonly snapshots: Snapshot[] = [];
  private readonly dropped: number[] = [];
  private readonly curve = { curveEvery: 1, step: [] as number[], loss: [] as number[], accuracy: [] as number[] };

  constructor(model: Sequential, opts: RecorderOptions) {
    const op = 'TrainingRecorder';
    assert(model instanceof Sequential, () => `${op}: model must be a Sequential, got ${typeof model}`, TypeError);
    assert(
      typeof opts === 'object' && opts !== null && opts.probe?.x instanceof Tensor && opts.probe?.y instanceof Tensor,
      () =>
        `${op}: options { probe: { x, y }, loss } are needed, got ${opts === undefined ? 'undefined' : JSON.stringify(Object.keys(opts))}`,
      TypeError,
    );
    assert(
      opts.probe.x.shape[0] === 1 && opts.probe.y.shape[0] === 1,
      () =>
        `${op}: the probe must be one example (x [1, …], y [1, classes]), got x ${fmtShape(opts.probe.x.shape)}, y ${fmtShape(opts.probe.y.shape)}`,
    );
    const { every = 1, budgetBytes = 4 * 2 ** 20 } = opts;
    assertPositiveInt(op, 'every', every);
    assertPositiveInt(op, 'budgetBytes', budgetBytes);
    this.model = model;
    this.opts = { probe: opts.probe, loss: opts.loss, budgetBytes };
    this.every = every;
    const first = this.snapshot(0, null);
    const room = budgetBytes - Math.floor(budgetBytes / 8);
    assert(
      bytesOf(first) <= room,
      () =>
        `${op}: one snapshot needs ${bytesOf(first)} bytes but budgetBytes ${budgetBytes} leaves ${room} bytes for snapshots (the curve has the rest)`,
    );
    this.keep(first);
  }

  /** Call after each training batch (fit's onBatch): counts the step, records the curve and, on schedule, a snapshot. */
  readonly onBatch = (report: BatchReport): void => {
    this.step++;
    this.addCurvePoint(report);
    if (this.step % this.every === 0) this.keep(this.snapshot(this.step, report));
  };

  /** The recording so far, as plain data. */
  toJSON(): TrainingRecording {
    return {
      version: 1,
      budgetBytes: this.opts.budgetBytes,
      usedBytes: this.used + BYTES * 3 * this.curve.step.length,
      every: this.every,
      snapshots: [...this.snapshots],
      dropped: [...this.dropped],
      curve: { ...this.curve, step: [...this.curve.step], loss: [...this.curve.loss], accuracy: [...this.curve.accuracy] },
    };
  }

  private snapshot(step: number, report: BatchReport | null): Snapshot {
    const { probe, loss } = this.opts;
    const trace = traceBackprop(this.model, probe.x, probe.y, { loss });
    return {
      step,
      epoch: report?.epoch ?? 0,
      loss: report?.loss ?? null,
      accuracy: report?.accuracy ?? null,
      kernels: this.model.layers.flatMap((layer, l) => {
        const conv = layer instanceof ConvPool2D ? layer.conv : layer instanceof Conv2D ? layer : null;
        return conv === null ? [] : [{ layer: l, name: layer.name, weight: plain(conv.weight.value), bias: plain(conv.bias.value) }];
      }),
      probe: {
        loss: trace.loss,
        predicted: argmax(trace.output),
        layers: trace.layers.map((t) => ({
          layer: t.layer,
          name: t.name,
          activation: plain(t.output),
          delta: plain((t.deltaOut ?? t.deltaZ) as Tensor),
          argmax: t.argmaxMask === null ? null : Array.from(t.argmaxMask.data).flatMap((v, i) => (v === 1 ? [i] : [])),
        })),
      },
    };
  }

  private keep(s: Snapshot): void {
    const room = this.opts.budgetBytes - Math.floor(this.opts.budgetBytes / 8);
    while (this.used + bytesOf(s) > room) {
      this.every *= 2;
      for (let i = this.snapshots.length - 1; i > 0; i--) {
        if (this.snapshots[i].step % this.every !== 0) {
          this.used -= bytesOf(this.snapshots[i]);
          this.dropped.push(this.snapshots[i].step);
          this.snapshots.splice(i, 1);
        }
      }
      if (s.step % this.every !== 0) {
        this.dropped.push(s.step);
        this.dropped.sort((a, b) => a - b);
        return;
      }
    }
    this.dropped.sort((a, b) => a - b);
    this.snapshots.push(s);
    this.used += bytesOf(s);
  }

  private addCurvePoint(report: BatchReport): void {
    const c = this.curve;
    if (this.step % c.curveEvery !== 0) return;
    c.step.push(this.step);
    c.loss.push(report.loss);
    c.accuracy.push(report.accuracy);
    if (BYTES * 3 * c.step.length <= this.opts.budgetBytes / 8) return;
    c.curveEvery *= 2;
    const kept = c.step
      .map((s, i) => [s, i] as const)
      .filter(([s]) => s % c.curveEvery === 0)
      .map(([, i]) => i);
    c.step = kept.map((i) => c.step[i]);
    c.loss = kept.map((i) => c.loss[i]);
    c.accuracy = kept.map((i) => c.accuracy[i]);
  }
}
