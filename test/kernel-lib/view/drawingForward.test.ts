import { describe, expect, it } from 'vitest';
import {
  AvgPool2D,
  Conv2D,
  ConvPool2D,
  Dense,
  Flatten,
  MaxPool2D,
  Sequential,
  Tensor,
  drawing,
  drawingEncoding,
  fit,
  mnist,
} from '../../../kernel-lib/src';
import { validatePayload } from '../../../kernel-lib/src/contract';
import { decodeFloat32 } from '../../../kernel-lib/src/portable/encoding';
import { drawingPayload } from '../../../kernel-lib/src/display/drawing';
import { drawingAnswer, runDrawing } from '../../../kernel-lib/src/view';
import { Rng } from '../../../kernel-lib/src/random';

/** Random models of every layer kind the page runs, each ending in 10 outputs. */
function models(): Array<[string, Sequential]> {
  return [
    [
      'Conv2D sigmoid → MaxPool2D → Flatten → Dense softmax',
      new Sequential([
        new Conv2D({ inChannels: 1, outChannels: 4, kernelSize: 5, seed: 1 }),
        new MaxPool2D(),
        new Flatten(),
        new Dense({ inputs: 4 * 12 * 12, outputs: 10, activation: 'softmax', seed: 2 }),
      ]),
    ],
    [
      'ConvPool2D nielsen (avg, tanh) → ConvPool2D standard (max, relu) → Dense sigmoid',
      new Sequential([
        new ConvPool2D({ inChannels: 1, outChannels: 3, kernelSize: 5, pool: 'avg', order: 'nielsen', activation: 'tanh', seed: 3 }),
        new ConvPool2D({ inChannels: 3, outChannels: 5, kernelSize: 3, pool: 'max', order: 'standard', activation: 'relu', seed: 4 }),
        new Flatten(),
        new Dense({ inputs: 5 * 5 * 5, outputs: 10, activation: 'sigmoid', seed: 5 }),
      ]),
    ],
    [
      'Conv2D with stride, padding, dilation → AvgPool2D with padding → Dense relu → Dense linear',
      new Sequential([
        new Conv2D({
          inChannels: 1,
          outChannels: 2,
          kernelSize: [3, 4],
          stride: [2, 1],
          padding: [1, 2],
          dilation: [1, 2],
          activation: 'linear',
          seed: 6,
        }),
        new AvgPool2D({ size: 3, stride: 2, padding: 1 }),
        new MaxPool2D({ size: 2, stride: 1 }),
        new Flatten(),
        new Dense({ inputs: 2 * 6 * 12, outputs: 16, activation: 'relu', seed: 7 }),
        new Dense({ inputs: 16, outputs: 10, activation: 'linear', seed: 8 }),
      ]),
    ],
    [
      'Flatten → Dense sigmoid → Dense softmax (Nielsen network.py)',
      new Sequential([
        new Flatten(),
        new Dense({ inputs: 784, outputs: 30, seed: 9 }),
        new Dense({ inputs: 30, outputs: 10, activation: 'softmax', seed: 10 }),
      ]),
    ],
  ];
}

function randomDigit(rng: Rng): Tensor {
  return new Tensor(
    [1, 1, 28, 28],
    Float64Array.from({ length: 784 }, () => Math.round(255 * rng.uniform()) / 255),
  );
}

/** Every layer's output of the library, from model.forward layer by layer. */
function libraryOutputs(model: Sequential, x: Tensor): Float64Array[] {
  const out: Float64Array[] = [];
  model.layers.reduce((a, l) => {
    const y = l.forward(a);
    out.push(y.data);
    return y;
  }, x);
  return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('runDrawing, the page forward pass, against the library', () => {
  const rng = new Rng(11);
  for (const [name, model] of models()) {
    it(`${name}: every layer's output equals model.forward to float32 precision (1e-5), on random digits`, () => {
      const payload = drawingPayload('test', model);
      expect(validatePayload(payload).ok).toBe(true);
      const weights = decodeFloat32(payload.weights);
      for (let t = 0; t < 3; t++) {
        const x = randomDigit(rng);
        const ours = runDrawing(payload.layers, weights, x.data);
        const theirs = libraryOutputs(model, x);
        ours.forEach((o, i) => expect(maxDiff(o.data, theirs[i])).toBeLessThan(1e-5));
      }
    });
  }

  it('on real MNIST digits with a briefly trained net: the same probabilities (1e-5) and the same prediction on 200 test digits', async () => {
    const { train, test } = mnist({ train: 600, test: 200, seed: 3 });
    const net = new Sequential([
      new ConvPool2D({ inChannels: 1, outChannels: 6, kernelSize: 5, order: 'nielsen', seed: 1 }),
      new Flatten(),
      new Dense({ inputs: 6 * 12 * 12, outputs: 10, activation: 'softmax', seed: 2 }),
    ]);
    await fit(net, train, { epochs: 1, batchSize: 10, learningRate: 0.1, loss: 'softmaxCrossEntropy', seed: 4 });
    const payload = drawingPayload('test', net);
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const digit = new Tensor([1, 1, 28, 28], test.x.data.slice(i * 784, (i + 1) * 784));
      // Through the encoding, as the page holds a drawing: bytes, then byte / 255.
      const a = drawingAnswer(payload, digit.data);
      const back = drawing(drawingEncoding(digit));
      const lib = net.forward(back).data;
      worst = Math.max(worst, maxDiff(a.scores, lib));
      expect(a.prediction).toBe(lib.indexOf(Math.max(...lib)));
    }
    expect(worst).toBeLessThan(1e-5);
  });
});
