import { afterEach, describe, expect, it } from 'vitest';
import { Conv2D, Dense, Flatten, MaxPool2D, Rng, Sequential, fit, oneHot, randn } from '../../../kernel-lib/src';
import { configureKernels } from '../../../kernel-lib/src/fast/backend';
import { expectClose } from './cases';

const net = () =>
  new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 3, kernelSize: 3, seed: 1 }),
    new MaxPool2D(),
    new Flatten(),
    new Dense({ inputs: 3 * 4 * 4, outputs: 4, activation: 'softmax', seed: 2 }),
  ]);

const rng = new Rng(3);
const data = {
  x: randn([30, 1, 10, 10], 4),
  y: oneHot(
    Array.from({ length: 30 }, () => rng.int(4)),
    4,
  ),
};
const options = { epochs: 3, batchSize: 7, learningRate: 0.3, lambda: 0.5, loss: 'softmaxCrossEntropy' as const, seed: 5 };

/** Trains a fresh net; returns the per-epoch losses and the final weights. */
async function train(extra: { precision?: 'float64' | 'float32' } = {}): Promise<{ losses: number[]; params: Float64Array }> {
  const model = net();
  const { history } = await fit(model, data, { ...options, ...extra });
  return { losses: history.map((h) => h.loss), params: Float64Array.from(model.params.flatMap((p) => [...p.value.data])) };
}

afterEach(() => configureKernels({ kernels: 'fast' }));

describe('fit on the fast kernels', () => {
  it('float64 (the default) trains as the reference kernels do, within 1e-10 after 3 epochs', async () => {
    const fast = await train();
    configureKernels({ kernels: 'reference' });
    const reference = await train();
    expectClose(fast.losses, reference.losses, 1e-10);
    expectClose(fast.params, reference.params, 1e-10);
  });

  it("precision 'float32' stays within 1e-4 of the reference after 3 epochs", async () => {
    const fast = await train({ precision: 'float32' });
    configureKernels({ kernels: 'reference' });
    const reference = await train();
    expectClose(fast.losses, reference.losses, 1e-4);
    expectClose(fast.params, reference.params, 1e-4);
  });

  it('throws when precision is not a known name', async () => {
    await expect(train({ precision: 'float16' as never })).rejects.toThrow(
      new TypeError(`fastTrainer: precision must be 'float64' or 'float32', got "float16"`),
    );
  });
});
