import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AvgPool2D,
  Conv2D,
  ConvPool2D,
  Dense,
  Flatten,
  MaxPool2D,
  Sequential,
  argmax,
  exportOnnx,
  fit,
  mnist,
  randn,
  readNpy,
  takeRows,
  writeNpy,
  type Layer,
} from '../../../kernel-lib/src';
import { ONNX_PROTO } from '../../../kernel-lib/src/io/onnx/schema';
import { python, scratch } from './python';

interface OnnxRun {
  checker: string;
  opset: number[];
  ops: string[];
  input: Array<string | number>;
  output: number[];
}

/** Exports `model`, runs it in ONNX Runtime on x, and returns ORT's output with the run's summary. */
async function runInOrt(model: Sequential, x: ReturnType<typeof randn>, inputShape: number[]) {
  const dir = scratch();
  exportOnnx(model, join(dir, 'model.onnx'), { inputShape });
  writeNpy(join(dir, 'x.npy'), x);
  const summary = await python<OnnxRun>('onnx-run', join(dir, 'model.onnx'), join(dir, 'x.npy'), join(dir, 'y.npy'));
  return { summary, y: readNpy(join(dir, 'y.npy')) };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('exportOnnx: a trained Nielsen network in ONNX Runtime', () => {
  const { train, test } = mnist({ train: 2000, test: 1000, seed: 1 });
  const net = new Sequential([
    new ConvPool2D({ inChannels: 1, outChannels: 20, kernelSize: 5, activation: 'relu', order: 'nielsen', seed: 1 }),
    new Flatten(),
    new Dense({ inputs: 2880, outputs: 100, activation: 'relu', seed: 2 }),
    new Dense({ inputs: 100, outputs: 10, activation: 'softmax', seed: 3 }),
  ]);
  let ort: Awaited<ReturnType<typeof runInOrt>>;
  beforeAll(async () => {
    await fit(net, train, { epochs: 2, batchSize: 10, learningRate: 0.05, lambda: 0.1, loss: 'softmaxCrossEntropy', seed: 1 });
    ort = await runInOrt(net, test.x, [1, 28, 28]);
  }, 120_000);

  it('passes onnx.checker (full check, opset 13) with the expected operators and a dynamic batch axis', () => {
    expect(ort.summary.checker).toBe('ok');
    expect(ort.summary.opset).toEqual([13]);
    expect(ort.summary.ops).toEqual(['Conv', 'MaxPool', 'Relu', 'Flatten', 'Gemm', 'Relu', 'Gemm', 'Softmax']);
    expect(ort.summary.input).toEqual(['N', 1, 28, 28]);
    expect(ort.summary.output).toEqual([1000, 10]);
  });

  it('on 1,000 MNIST test digits: the same argmax on every digit, probabilities within 1e-5', () => {
    const ours = net.forward(test.x);
    const accuracy = argmax(ours).filter((p, i) => p === test.labels[i]).length / 1000;
    console.log(`trained 2 epochs on 2,000 digits: ${(100 * accuracy).toFixed(1)}% on the 1,000 compared`);
    expect(accuracy).toBeGreaterThan(0.8); // well above chance (10%): a trained net, so agreement means something
    expect(argmax(ort.y)).toEqual(argmax(ours));
    expect(maxDiff(ort.y.data, ours.data)).toBeLessThanOrEqual(1e-5);
  });
});

describe('exportOnnx: every layer type and activation', () => {
  it.each<[string, () => Layer[], number[]]>([
    [
      'Conv2D (stride 2, padding 1, tanh) → AvgPool2D → ConvPool2D standard (sigmoid, avg) → Flatten → Dense (linear)',
      () => [
        new Conv2D({ inChannels: 3, outChannels: 4, kernelSize: [3, 2], stride: 2, padding: 1, activation: 'tanh', seed: 1 }),
        new AvgPool2D({ size: 2, stride: 1, padding: 1 }),
        new ConvPool2D({ inChannels: 4, outChannels: 5, kernelSize: 2, activation: 'sigmoid', pool: 'avg', order: 'standard', seed: 2 }),
        new Flatten(),
        new Dense({ inputs: 5 * 3 * 3, outputs: 7, activation: 'linear', seed: 3 }),
      ],
      [3, 13, 12],
    ],
    [
      "Conv2D ('same', dilation 2, relu) → MaxPool2D (3, stride 2, padding 1) → ConvPool2D nielsen (tanh, max) → Flatten → Dense (sigmoid) → Dense (softmax)",
      () => [
        new Conv2D({ inChannels: 1, outChannels: 3, kernelSize: 4, padding: 'same', dilation: 2, activation: 'relu', seed: 4 }),
        new MaxPool2D({ size: 3, stride: 2, padding: 1 }),
        new ConvPool2D({
          inChannels: 3,
          outChannels: 2,
          kernelSize: 3,
          activation: 'tanh',
          pool: 'max',
          poolSize: [2, 1],
          order: 'nielsen',
          seed: 5,
        }),
        new Flatten(),
        new Dense({ inputs: 2 * 2 * 4, outputs: 6, activation: 'sigmoid', seed: 6 }),
        new Dense({ inputs: 6, outputs: 4, activation: 'softmax', seed: 7 }),
      ],
      [1, 11, 12],
    ],
  ])('%s: ONNX Runtime equals the library within 1e-5', async (_, layers, inputShape) => {
    const model = new Sequential(layers());
    const x = randn([3, ...inputShape], 8);
    const ort = await runInOrt(model, x, inputShape);
    expect(ort.summary.checker).toBe('ok');
    expect(ort.y.shape).toEqual(model.forward(x).shape);
    expect(maxDiff(ort.y.data, model.forward(x).data)).toBeLessThanOrEqual(1e-5);
  });

  it('refuses a layer it cannot export, naming it', () => {
    const custom: Layer = { name: 'Dropout(0.5)', params: [], forward: (x) => x, backward: (d) => d };
    const model = new Sequential([new Flatten(), custom]);
    expect(() => exportOnnx(model, join(scratch(), 'm.onnx'), { inputShape: [4] })).toThrow(
      'exportOnnx: layer 1 (Dropout(0.5)) cannot be exported: supported layers are Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten, Dense, got Object',
    );
    expect(() => exportOnnx(model, join(scratch(), 'm.onnx'), { inputShape: [0] })).toThrow(
      /^exportOnnx: inputShape must be one example's shape/,
    );
  });
});

describe('the vendored ONNX schema', () => {
  it("is the onnx package's own onnx.proto, in the .proto file and in schema.ts", () => {
    const root = resolve(__dirname, '../../..');
    const lib = join(root, '.venv', 'lib');
    const site = join(lib, readdirSync(lib).find((d) => d.startsWith('python')) as string, 'site-packages');
    const official = readFileSync(join(site, 'onnx', 'onnx.proto'), 'utf8');
    expect(readFileSync(join(root, 'kernel-lib', 'src', 'io', 'onnx', 'onnx.proto'), 'utf8')).toBe(official);
    expect(ONNX_PROTO).toBe(official);
  });
});
