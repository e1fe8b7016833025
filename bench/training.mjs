// One SGD step of the notes' network on a batch: conv 20@5x5 + sigmoid → max-pool 2 →
// dense 2880→100 + sigmoid → dense 100→10 softmax, softmax cross-entropy, η = lr.
import { createRequire } from 'node:module';
import { encodeArray } from './peers/protocol.mjs';

const require = createRequire(import.meta.url);
const { runtime } = require('../kernel-lib/dist/fast/runtime.js');

export function trainingWorkloads(lib, { batch, lr, seed }) {
  const net = () =>
    new lib.Sequential([
      new lib.Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5, seed: seed + 1 }),
      new lib.MaxPool2D(),
      new lib.Flatten(),
      new lib.Dense({ inputs: 2880, outputs: 100, seed: seed + 2 }),
      new lib.Dense({ inputs: 100, outputs: 10, activation: 'softmax', seed: seed + 3 }),
    ]);
  const x = lib.rand([batch, 1, 28, 28], seed);
  const rng = new lib.Rng(seed + 4);
  const labels = Array.from({ length: batch }, () => rng.int(10));
  const y = lib.oneHot(labels, 10);
  const loss = 'softmaxCrossEntropy';
  const gradsOf = (model, value) => {
    const [w1, b1, w2, b2, w3, b3] = model.params.map((p) => Float64Array.from(p.grad.data));
    return { loss: Float64Array.of(value), w1, b1, w2, b2, w3, b3 };
  };
  const withReference = (fn) => {
    lib.configureKernels({ kernels: 'reference' });
    try {
      return fn();
    } finally {
      lib.configureKernels({ kernels: 'fast' });
    }
  };

  return {
    /** Loss and gradients of the first step with the literal formulas, float64. */
    referenceGrads() {
      const model = net();
      return withReference(() => gradsOf(model, model.computeGrads(x, y, loss).loss));
    },

    /** 'reference': model.computeGrads on the reference kernels; else fastTrainer at that precision. */
    convlab(mode) {
      const model = net();
      const trainer = mode === 'reference' ? null : lib.fastTrainer(model, loss, mode);
      let first = null;
      const step = () => {
        const r = trainer === null ? model.computeGrads(x, y, loss) : trainer.computeGrads(x, y);
        first ??= gradsOf(model, r.loss);
        lib.sgdStep(model.params, { learningRate: lr });
      };
      return {
        run: mode === 'reference' ? () => withReference(step) : step,
        result: () => first,
        dispose: () => trainer?.release(),
      };
    },

    /** The PyTorch peer's train_step request (bench/peers/torch_peer.py): the same batch and initial weights. */
    peer() {
      const names = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'];
      const init = Object.fromEntries(net().params.map((p, i) => [names[i], encodeArray(p.value.data, p.value.shape, 'f32')]));
      return { init, x: encodeArray(x.data, x.shape, 'f32'), labels: encodeArray(labels, [batch], 'i32'), lr };
    },

    /** A tfjs trainStep (tfjs.mjs) from the same initial weights. */
    tfjs(trainStep) {
      const model = net();
      const [w1, b1, w2, b2, w3, b3] = model.params.map((p) => p.value.data);
      const init = { w1, b1, w2, b2, w3, b3, w1Shape: model.params[0].value.shape };
      const step = trainStep({ batch, lr, init, x: x.data, y: y.data });
      const first = step.first();
      return { run: step.run, result: () => first, dispose: step.dispose };
    },

    /** Process CPU time over wall time during `steps` float32 steps: about 2 when both cores work. */
    coreCheck(steps) {
      const model = net();
      const trainer = lib.fastTrainer(model, loss, 'float32');
      const step = () => {
        trainer.computeGrads(x, y);
        lib.sgdStep(model.params, { learningRate: lr });
      };
      for (let i = 0; i < 5; i++) step();
      const cpu = process.cpuUsage();
      const wall = performance.now();
      for (let i = 0; i < steps; i++) step();
      const used = process.cpuUsage(cpu);
      trainer.release();
      return { steps, threads: lib.kernelStatus().threads, ratio: (used.user + used.system) / 1000 / (performance.now() - wall) };
    },

    /** The kernels' memory, the JS heap and RSS before and after `steps` float32 steps. */
    memoryCheck(steps) {
      const model = net();
      const trainer = lib.fastTrainer(model, loss, 'float32');
      const rt = runtime();
      const step = () => {
        trainer.computeGrads(x, y);
        lib.sgdStep(model.params, { learningRate: lr });
      };
      const snapshot = () => {
        globalThis.gc?.();
        const { heapUsed, rss } = process.memoryUsage();
        return { wasm: rt.memory.buffer.byteLength, used: rt.heap.used, heap: heapUsed, rss };
      };
      for (let i = 0; i < 20; i++) step();
      const before = snapshot();
      for (let i = 0; i < steps; i++) step();
      const after = snapshot();
      trainer.release();
      return { steps, before, after };
    },
  };
}

/**
 * One epoch as notebook 07 trains (issue 17's workload): Nielsen's net (conv 20@5x5 → max-pool 2,
 * Nielsen's order, ReLU → dense 100 ReLU → softmax 10) on the 8,000 training digits of the mnist
 * package, mini-batch 10, η 0.05, λ 1, seeded shuffle, from the same initial weights every run.
 * The result is the epoch's mean training loss and the trained weights' first conv kernel, so that
 * runs can be compared: float64 repeats itself exactly, float32 stays within 1e-3 of it.
 */
export function epochWorkload(lib, precision) {
  const { train } = lib.mnist({ train: 8000, test: 10, seed: 1 });
  const net = () =>
    new lib.Sequential([
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
      new lib.Dense({ inputs: 2880, outputs: 100, activation: 'relu', seed: 2 }),
      new lib.Dense({ inputs: 100, outputs: 10, activation: 'softmax', seed: 3 }),
    ]);
  const opts = { epochs: 1, batchSize: 10, learningRate: 0.05, lambda: 1, loss: 'softmaxCrossEntropy', seed: 1 };
  let out;
  return {
    run: async () => {
      const model = net();
      const { history } = await lib.fit(model, train, { ...opts, precision });
      out = { loss: Float64Array.of(history[0].loss), kernel: Float64Array.from(model.params[0].value.data.subarray(0, 25)) };
    },
    result: () => out,
    /**
     * What the PyTorch peer (bench/peers/torch_peer.py, op "epoch") needs to train the same epoch:
     * the digits, the same initial weights and fit's first-epoch order (its seeded shuffle).
     */
    peer() {
      const names = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'];
      const init = Object.fromEntries(net().params.map((p, i) => [names[i], encodeArray(p.value.data, p.value.shape, 'f32')]));
      const n = train.labels.length;
      const order = new lib.Rng(opts.seed).shuffle(Array.from({ length: n }, (_, i) => i));
      const arrays = { x: encodeArray(train.x.data, train.x.shape, 'f32'), labels: encodeArray(train.labels, [n], 'i32') };
      return {
        data: { name: 'epoch-digits', arrays },
        request: { data: 'epoch-digits', init, order: encodeArray(order, [n], 'i32'), ...opts },
      };
    },
  };
}
