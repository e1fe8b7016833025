// TrainingRecorder: what it keeps (kernels, the probe's activations, δ and argmaxes, the curve),
// the memory bound (counted independently, 8 bytes per number), the even thinning, determinism.
import { describe, expect, it } from 'vitest';
import {
  Conv2D,
  Dense,
  Flatten,
  MaxPool2D,
  Sequential,
  TrainingRecorder,
  fit,
  oneHot,
  randn,
  takeRows,
  traceBackprop,
} from '../../../kernel-lib/src';

const net = () =>
  new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: 3, seed: 1 }),
    new MaxPool2D(),
    new Flatten(),
    new Dense({ inputs: 2 * 3 * 3, outputs: 3, activation: 'softmax', seed: 2 }),
  ]);
const data = {
  x: randn([24, 1, 8, 8], 3),
  y: oneHot(
    Array.from({ length: 24 }, (_, i) => i % 3),
    3,
  ),
};
const probe = { x: takeRows(data.x, [0]), y: takeRows(data.y, [0]) };
const loss = 'softmaxCrossEntropy' as const;
const train = async (model: Sequential, recorder: TrainingRecorder, seed = 0) =>
  fit(model, data, { epochs: 2, batchSize: 4, learningRate: 0.5, loss, seed, onBatch: recorder.onBatch }); // 12 steps

interface Plain {
  data: number[];
}
interface Snap {
  kernels: { weight: Plain; bias: Plain }[];
  probe: { predicted: number[]; layers: { activation: Plain; delta: Plain; argmax: number[] | null }[] };
}
/** The numbers a snapshot holds: step, epoch, loss, accuracy, the kernels, the probe's loss, classes and per-layer arrays. */
const snapshotNumbers = (s: Snap): number =>
  4 +
  s.kernels.flatMap((k) => [...k.weight.data, ...k.bias.data]).length +
  1 +
  s.probe.predicted.length +
  s.probe.layers.flatMap((l) => [...l.activation.data, ...l.delta.data, ...(l.argmax ?? [])]).length;

describe('TrainingRecorder', () => {
  it('keeps step 0 and every k-th step: the kernels and the probe traced through the network at that step', async () => {
    const model = net();
    const recorder = new TrainingRecorder(model, { probe, loss, every: 4 });
    await train(model, recorder);
    const rec = recorder.toJSON();
    expect(rec.snapshots.map((s) => s.step)).toEqual([0, 4, 8, 12]);
    expect(rec.dropped).toEqual([]);
    const last = rec.snapshots[3];
    expect(last.kernels[0].weight.data).toEqual(Array.from((model.layers[0] as Conv2D).weight.value.data));
    const trace = traceBackprop(model, probe.x, probe.y, { loss });
    expect(last.probe.loss).toBe(trace.loss);
    expect(last.probe.layers[0].activation.data).toEqual(Array.from(trace.layers[0].output.data));
    expect(last.probe.layers[0].delta.data).toEqual(Array.from(trace.layers[0].deltaOut!.data));
    expect(last.probe.layers[3].delta.data).toEqual(Array.from(trace.layers[3].deltaZ!.data)); // BP1 at the softmax output
    expect(last.probe.layers[1].argmax).toHaveLength(2 * 3 * 3);
    expect(last.probe.layers[0].argmax).toBeNull();
    expect(rec.curve.step).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(rec.curve.accuracy.every((a) => a >= 0 && a <= 1 && Number.isInteger(a * 4))).toBe(true);
    expect(rec.snapshots[0].loss).toBeNull();
    expect(rec.snapshots[1].loss).toBe(rec.curve.loss[3]);
  });

  it('stays within its budget, counted as 8 bytes per recorded number, thinning to evenly spaced steps', async () => {
    const model = net();
    const one = JSON.parse(JSON.stringify(new TrainingRecorder(net(), { probe, loss }).toJSON())).snapshots[0];
    const budgetBytes = Math.ceil((8 * snapshotNumbers(one) * 4.5) / (7 / 8)); // room for 4 snapshots, not 5
    const recorder = new TrainingRecorder(model, { probe, loss, every: 1, budgetBytes });
    await train(model, recorder);
    const rec = JSON.parse(JSON.stringify(recorder));
    const counted = 8 * (rec.snapshots.reduce((n: number, s: Snap) => n + snapshotNumbers(s), 0) + 3 * rec.curve.step.length);
    expect(rec.usedBytes).toBe(counted);
    expect(rec.usedBytes).toBeLessThanOrEqual(budgetBytes);
    expect(rec.every).toBe(4);
    expect(rec.snapshots.map((s: { step: number }) => s.step)).toEqual([0, 4, 8, 12]);
    expect(rec.dropped).toEqual([1, 2, 3, 6]); // 0–3 kept; at 4 every → 2 drops 1, 3; at 8 every → 4 drops 2, 6
  });

  it('the same seed records the same numbers; another training seed records others', async () => {
    const run = async (seed: number) => {
      const model = net();
      const recorder = new TrainingRecorder(model, { probe, loss, every: 3 });
      await train(model, recorder, seed);
      return JSON.stringify(recorder);
    };
    const a = await run(1);
    expect(await run(1)).toBe(a);
    expect(await run(2)).not.toBe(a);
  });

  it('throws when one snapshot cannot fit, or the probe is not one example', () => {
    expect(() => new TrainingRecorder(net(), { probe, loss, budgetBytes: 1000 })).toThrow(
      /TrainingRecorder: one snapshot needs \d+ bytes but budgetBytes 1000 leaves 875 bytes for snapshots/,
    );
    expect(() => new TrainingRecorder(net(), { probe: { x: data.x, y: data.y }, loss })).toThrow(
      'TrainingRecorder: the probe must be one example (x [1, …], y [1, classes]), got x [24,1,8,8], y [24,3]',
    );
    expect(() => new TrainingRecorder(net(), { probe, loss, every: 0 })).toThrow(
      'TrainingRecorder: every must be a positive integer, got 0',
    );
  });
});
