import { describe, expect, it } from 'vitest';
import { ConvPool2D, Dataset, Dense, EpochReport, Flatten, Rng, Sequential, evaluate, fit, oneHot, tensor } from '../../../kernel-lib/src';

/** 6x6 images: class 0 is a vertical bar, class 1 a horizontal bar, at a random place, plus noise. */
function bars(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const pixels: number[] = [];
  const labels: number[] = [];
  for (let s = 0; s < n; s++) {
    const label = s % 2;
    const at = rng.int(6);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) pixels.push(((label === 0 ? j : i) === at ? 1 : 0) + 0.1 * rng.normal());
    }
    labels.push(label);
  }
  return { x: tensor(pixels, [n, 1, 6, 6]), y: oneHot(labels, 2) };
}

function net(): Sequential {
  return new Sequential([
    new ConvPool2D({ inChannels: 1, outChannels: 8, kernelSize: 3, order: 'nielsen', seed: 1 }),
    new Flatten(),
    new Dense({ inputs: 32, outputs: 2, activation: 'softmax', seed: 2 }),
  ]);
}

const train = bars(60, 1);
const test = bars(40, 2);
const options = { batchSize: 10, learningRate: 0.5, loss: 'softmaxCrossEntropy' as const };

describe('fit', () => {
  it('bars 6x6, ConvPool2D → Dense softmax, 20 epochs: the loss falls 4x and validation accuracy ≥ 0.85', async () => {
    const model = net();
    const before = evaluate(model, train, { loss: 'softmaxCrossEntropy' }).loss;
    const { history, stopped } = await fit(model, train, { ...options, epochs: 20, validation: test });
    expect(stopped).toBe(false);
    expect(history).toHaveLength(20);
    expect(history[19].loss).toBeLessThan(before / 4);
    expect(history[19].validation!.accuracy).toBeGreaterThanOrEqual(0.85);
  });

  it('is deterministic: the same seeds give the same history', async () => {
    const a = await fit(net(), train, { ...options, epochs: 2 });
    const b = await fit(net(), train, { ...options, epochs: 2 });
    expect(a.history.map((r) => r.loss)).toEqual(b.history.map((r) => r.loss));
  });

  it("reports each batch and epoch; onBatch returning 'stop' ends training", async () => {
    const seen: string[] = [];
    const epochs: EpochReport[] = [];
    const result = await fit(net(), train, {
      ...options,
      epochs: 3,
      onEpoch: (r) => void epochs.push(r),
      onBatch: (r) => {
        seen.push(`${r.epoch}.${r.batch}/${r.batches}`);
        return r.epoch === 2 && r.batch === 2 ? 'stop' : undefined;
      },
    });
    expect(result.stopped).toBe(true);
    expect(seen.slice(-3)).toEqual(['1.6/6', '2.1/6', '2.2/6']);
    expect(epochs.map((r) => r.epoch)).toEqual([1]);
  });

  it('stops between batches once the signal is aborted', async () => {
    const controller = new AbortController();
    let batches = 0;
    const result = await fit(net(), train, {
      ...options,
      epochs: 5,
      signal: controller.signal,
      onBatch: () => {
        if (++batches === 4) controller.abort();
      },
    });
    expect(result).toEqual({ history: [], stopped: true });
    expect(batches).toBe(4);
  });

  it('evaluate gives the loss and accuracy of the whole set, in batches', () => {
    const model = net();
    const whole = evaluate(model, test, { loss: 'softmaxCrossEntropy', batchSize: 40 });
    const batched = evaluate(model, test, { loss: 'softmaxCrossEntropy', batchSize: 7 });
    expect(batched.loss).toBeCloseTo(whole.loss, 14);
    expect(batched.accuracy).toBeCloseTo(whole.accuracy, 14);
  });

  it('throws when x and y hold different numbers of examples', async () => {
    await expect(fit(net(), { x: train.x, y: test.y }, { ...options, epochs: 1 })).rejects.toThrow(
      /fit: x and y must hold the same non-zero number of examples, got x \[60,1,6,6\] and y \[40,2\]/,
    );
  });

  it('throws when data is not { x, y }', () => {
    expect(() => evaluate(net(), {} as never)).toThrow(/evaluate: data must be \{ x: Tensor, y: Tensor \}, got object/);
  });

  it('throws when epochs or batchSize is not a positive integer', async () => {
    await expect(fit(net(), train, { ...options, epochs: 0 })).rejects.toThrow(/fit: epochs must be a positive integer, got 0/);
    await expect(fit(net(), train, { ...options, epochs: 1, batchSize: 2.5 })).rejects.toThrow(
      /fit: batchSize must be a positive integer, got 2.5/,
    );
    expect(() => evaluate(net(), test, { batchSize: 0 })).toThrow(/evaluate: batchSize must be a positive integer, got 0/);
  });

  it('throws when model is not a Sequential', async () => {
    await expect(fit({} as never, train, { ...options, epochs: 1 })).rejects.toThrow(/fit: model must be a Sequential, got object/);
  });
});
