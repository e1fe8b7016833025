import { afterEach, describe, expect, it } from 'vitest';
import {
  AvgPool2D,
  Conv2D,
  ConvPool2D,
  ConvTranspose2D,
  Dense,
  Flatten,
  type Layer,
  type LossName,
  MaxPool2D,
  Rng,
  Sequential,
  Tensor,
  oneHot,
  randn,
  sgdStep,
} from '../../../kernel-lib/src';
import { sgdDecay } from '../../../kernel-lib/src/nn/sgd';
import { configureKernels, kernelStatus, noteFallback } from '../../../kernel-lib/src/fast/backend';
import { type TrainPrecision, fastTrainer } from '../../../kernel-lib/src/fast/trainer';
import { expectClose } from './cases';

/** The notes' network, scaled down: conv 5x5 + sigmoid → max-pool 2 → dense + sigmoid → softmax. */
const notesNet = () =>
  new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 4, kernelSize: 5, seed: 1 }),
    new MaxPool2D(),
    new Flatten(),
    new Dense({ inputs: 4 * 4 * 4, outputs: 10, seed: 2 }),
    new Dense({ inputs: 10, outputs: 3, activation: 'softmax', seed: 3 }),
  ]);

const models: [string, () => Sequential, number[], LossName][] = [
  ["the notes' network (conv sigmoid, max-pool, dense sigmoid, softmax)", notesNet, [1, 12, 12], 'softmaxCrossEntropy'],
  [
    'ConvPool2D nielsen avg relu, conv stride 2 same tanh, avg-pool padded, dense linear, quadratic',
    () =>
      new Sequential([
        new ConvPool2D({ inChannels: 2, outChannels: 3, kernelSize: 3, activation: 'relu', pool: 'avg', order: 'nielsen', seed: 4 }),
        new Conv2D({ inChannels: 3, outChannels: 5, kernelSize: [3, 2], stride: 2, padding: 'same', activation: 'tanh', seed: 5 }),
        new AvgPool2D({ size: 2, stride: 1, padding: 1 }),
        new Flatten(),
        new Dense({ inputs: 5 * 4 * 4, outputs: 4, activation: 'linear', seed: 6 }),
      ]),
    [2, 13, 14],
    'quadratic',
  ],
  [
    'ConvPool2D standard max sigmoid with dilation, dense relu, softmax',
    () =>
      new Sequential([
        new ConvPool2D({ inChannels: 1, outChannels: 6, kernelSize: 3, dilation: 2, padding: 1, seed: 7 }),
        new Flatten(),
        new Dense({ inputs: 6 * 5 * 5, outputs: 7, activation: 'relu', seed: 8 }),
        new Dense({ inputs: 7, outputs: 5, activation: 'softmax', seed: 9 }),
      ]),
    [1, 12, 12],
    'softmaxCrossEntropy',
  ],
  [
    'a depthwise-separable block: conv relu, depthwise x2 stride 2 same, pointwise 1x1, grouped 2 per group, softmax',
    () =>
      new Sequential([
        new Conv2D({ inChannels: 2, outChannels: 4, kernelSize: 3, padding: 1, activation: 'relu', seed: 11 }),
        new Conv2D({ inChannels: 4, outChannels: 8, kernelSize: 3, groups: 4, stride: 2, padding: 'same', activation: 'tanh', seed: 12 }),
        new Conv2D({ inChannels: 8, outChannels: 6, kernelSize: 1, activation: 'relu', seed: 13 }),
        new ConvPool2D({ inChannels: 6, outChannels: 6, kernelSize: 3, groups: 3, padding: 1, order: 'nielsen', seed: 14 }),
        new Flatten(),
        new Dense({ inputs: 6 * 3 * 3, outputs: 4, activation: 'softmax', seed: 15 }),
      ]),
    [2, 11, 14],
    'softmaxCrossEntropy',
  ],
];

function batch(sample: number[], classes: number, n: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new Rng(seed);
  return {
    x: randn([n, ...sample], seed),
    y: oneHot(
      Array.from({ length: n }, () => rng.int(classes)),
      classes,
    ),
  };
}

function grads(net: Sequential): Float64Array[] {
  return net.params.map((p) => Float64Array.from(p.grad.data));
}

afterEach(() => configureKernels({ kernels: 'fast', threads: 2 }));

describe.each([
  ['float64', 1e-12],
  ['float32', 1e-5],
] as [TrainPrecision, number][])('fastTrainer %s', (precision, tol) => {
  describe.each([1, 2])('threads=%i', (threads) => {
    it.each(models)('%s: loss, output and every gradient equal model.computeGrads', (_, make, sample, loss) => {
      configureKernels({ threads });
      const reference = make();
      const net = make();
      const classes = (reference.layers[reference.layers.length - 1] as Dense).weight.value.shape[0];
      noteFallback('test', 'nothing fell back since');
      const trainer = fastTrainer(net, loss, precision);
      expect(trainer).not.toBeNull();
      for (const [i, n] of [7, 3, 9].entries()) {
        const { x, y } = batch(sample, classes, n, 10 + i);
        const expected = reference.computeGrads(x, y, loss);
        const actual = trainer!.computeGrads(x, y);
        expect(actual.loss).toBeCloseTo(expected.loss, precision === 'float64' ? 12 : 5);
        expectClose(actual.output.data, expected.output.data, tol);
        expect(actual.output.shape).toEqual(expected.output.shape);
        grads(net).forEach((g, j) => expectClose(g, grads(reference)[j], tol));
      }
      expect(kernelStatus().fallback).toBe('test: nothing fell back since'); // every batch ran as one compiled pass
      trainer!.release();
    });
  });
});

describe('FastTrainer.step', () => {
  it.each([
    ['float64', 0],
    ['float32', 1e-5],
  ] as [TrainPrecision, number][])('%s: equals computeGrads then sgdStep (float64 bit for bit), batch after batch', (precision, tol) => {
    const [reference, net] = [notesNet(), notesNet()];
    const trainer = fastTrainer(net, 'softmaxCrossEntropy', precision)!;
    const grads = fastTrainer(reference, 'softmaxCrossEntropy', precision)!; // the same pass, then sgdStep in JavaScript
    const opts = { learningRate: 0.3, lambda: 2, trainingSize: 50 };
    for (const [i, n] of [7, 3, 9].entries()) {
      const { x, y } = batch([1, 12, 12], 3, n, 20 + i);
      const expected = grads.computeGrads(x, y);
      sgdStep(reference.params, opts);
      const actual = trainer.step(x, y, { learningRate: opts.learningRate, decay: sgdDecay(opts) })!;
      expect(actual.loss).toBeCloseTo(expected.loss, precision === 'float64' ? 12 : 5);
      net.params.forEach((p, j) => {
        if (tol === 0) expect(p.value.data).toEqual(reference.params[j].value.data);
        else expectClose(p.value.data, reference.params[j].value.data, tol);
      });
    }
    trainer.release();
    grads.release();
  });

  it('is null, changing nothing, for a batch the fast pass cannot take', () => {
    const net = notesNet();
    const before = net.params.map((p) => Float64Array.from(p.value.data));
    const { x, y } = batch([1, 14, 14], 3, 2, 1);
    expect(fastTrainer(net, 'softmaxCrossEntropy')!.step(x, y, { learningRate: 0.1, decay: 1 })).toBeNull();
    net.params.forEach((p, j) => expect(p.value.data).toEqual(before[j]));
    expect(kernelStatus().fallback).toMatch(/cannot take samples 1x14x14/);
  });
});

describe('fastTrainer', () => {
  it('is null for a layer it does not cover, or with the reference kernels', () => {
    const custom: Layer = { name: 'Custom', params: [], forward: (x) => x, backward: (d) => d };
    expect(fastTrainer(new Sequential([new Flatten(), custom]), 'quadratic')).toBeNull();
    configureKernels({ kernels: 'reference' });
    expect(fastTrainer(notesNet(), 'softmaxCrossEntropy')).toBeNull();
  });

  it('names what it does not cover in kernelStatus().fallback: a ConvTranspose2D, a grouped conv with more than 16 channels per group', () => {
    expect(
      fastTrainer(new Sequential([new ConvTranspose2D({ inChannels: 2, outChannels: 3, kernelSize: 2 }), new Flatten()]), 'quadratic'),
    ).toBeNull();
    expect(kernelStatus().fallback).toMatch(/^fit: the whole-step trainer does not cover ConvTranspose2D.*; training runs layer by layer/);
    const wide = new Conv2D({ inChannels: 34, outChannels: 2, kernelSize: 1, groups: 2 });
    expect(fastTrainer(new Sequential([wide, new Flatten()]), 'quadratic')).toBeNull();
    expect(kernelStatus().fallback).toMatch(/up to 16 input channels per group, Conv2D.* has 17; training runs layer by layer/);
  });

  it('hands shapes it cannot take to model.computeGrads, which reports them', () => {
    const net = notesNet();
    const { x, y } = batch([1, 14, 14], 3, 2, 1); // 14 → conv 10 → pool 5: 100 inputs, not 64
    expect(() => fastTrainer(net, 'softmaxCrossEntropy')!.computeGrads(x, y)).toThrow(/Dense: input must be \[N, 64\]/);
  });
});
