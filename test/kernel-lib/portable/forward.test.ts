import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AvgPool2D,
  Conv2D,
  ConvPool2D,
  Dense,
  Flatten,
  MaxPool2D,
  Sequential,
  decodeFloat32,
  decodePortableModel,
  encodeFloat32,
  forwardPortable,
  portableModel,
  rand,
  select,
  type Layer,
} from '../../../kernel-lib/src';

describe('encodeFloat32 / decodeFloat32', () => {
  it('is base64 of little-endian float32 bytes, by hand: 1 = 00 00 80 3F, −2 = 00 00 00 C0', () => {
    expect(encodeFloat32([1, -2])).toBe(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString('base64'));
    expect(encodeFloat32([1, -2])).toBe('AACAPwAAAMA=');
    expect(Array.from(decodeFloat32('AACAPwAAAMA=', 2))).toEqual([1, -2]);
  });

  it('round-trips values as Math.fround, including large arrays (chunked), in 16 characters per 3 values', () => {
    const values = Array.from({ length: 100_003 }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 3));
    const text = encodeFloat32(values);
    expect(text.length).toBe(4 * Math.ceil((4 * values.length) / 3));
    expect(Array.from(decodeFloat32(text))).toEqual(values.map(Math.fround));
  });

  it('throws on text that is not base64 of whole float32 values, or the wrong count', () => {
    expect(() => decodeFloat32('AAC*PwAA')).toThrow(/^decodeFloat32: text must be base64/);
    expect(() => decodeFloat32('AACAPwA=')).toThrow('decodeFloat32: the bytes must be whole float32 values (a multiple of 4), got 5 bytes');
    expect(() => decodeFloat32('AACAPwAAAMA=', 3)).toThrow('decodeFloat32: text must hold 3 float32 values, got 2');
  });

  it('imports nothing outside its folder, so the browser can share the forward pass, the activations and the encoding', () => {
    const dir = resolve(__dirname, '../../../kernel-lib/src/portable');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(['activation.ts', 'encoding.ts', 'forward.ts', 'model.ts']));
    for (const f of files) {
      const specifiers = [...readFileSync(join(dir, f), 'utf8').matchAll(/^import .* from '(.*)';$/gm)].map((m) => m[1]);
      expect(
        specifiers.every((s) => /^\.\/[\w]+$/.test(s)),
        `${f}: ${specifiers.join(', ')}`,
      ).toBe(true);
    }
    expect(readFileSync(join(dir, 'activation.ts'), 'utf8')).not.toMatch(/^import /m);
    expect(readFileSync(join(dir, 'encoding.ts'), 'utf8')).not.toMatch(/^import /m);
  });
});

const nets: Array<[string, () => Layer[], number[]]> = [
  [
    "Nielsen's network (ConvPool2D nielsen relu → Flatten → Dense relu → Dense softmax)",
    () => [
      new ConvPool2D({ inChannels: 1, outChannels: 20, kernelSize: 5, activation: 'relu', order: 'nielsen', seed: 1 }),
      new Flatten(),
      new Dense({ inputs: 2880, outputs: 100, activation: 'relu', seed: 2 }),
      new Dense({ inputs: 100, outputs: 10, activation: 'softmax', seed: 3 }),
    ],
    [1, 28, 28],
  ],
  [
    'Conv2D (stride 2, padding 1, tanh) → AvgPool2D (padded) → ConvPool2D standard (sigmoid, avg) → Flatten → Dense linear',
    () => [
      new Conv2D({ inChannels: 3, outChannels: 4, kernelSize: [3, 2], stride: 2, padding: 1, activation: 'tanh', seed: 1 }),
      new AvgPool2D({ size: 2, stride: 1, padding: 1 }),
      new ConvPool2D({ inChannels: 4, outChannels: 5, kernelSize: 2, activation: 'sigmoid', pool: 'avg', seed: 2 }),
      new Flatten(),
      new Dense({ inputs: 45, outputs: 7, activation: 'linear', seed: 3 }),
    ],
    [3, 13, 12],
  ],
  [
    "Conv2D ('same', dilation 2, relu) → MaxPool2D (3, stride 2, padded) → Conv2D sigmoid → Flatten → Dense softmax",
    () => [
      new Conv2D({ inChannels: 1, outChannels: 3, kernelSize: 4, padding: 'same', dilation: 2, activation: 'relu', seed: 4 }),
      new MaxPool2D({ size: 3, stride: 2, padding: 1 }),
      new Conv2D({ inChannels: 3, outChannels: 2, kernelSize: 3, activation: 'sigmoid', seed: 5 }),
      new Flatten(),
      new Dense({ inputs: 2 * 4 * 4, outputs: 4, activation: 'softmax', seed: 7 }),
    ],
    [1, 11, 12],
  ],
];

describe('forwardPortable', () => {
  it.each(nets)('%s: equals Sequential.forward within float32 rounding, after a JSON round trip', (_, layers, inputShape) => {
    const net = new Sequential(layers());
    const model = JSON.parse(JSON.stringify(portableModel(net, inputShape)));
    const steps = decodePortableModel(model);
    const x = rand([2, ...inputShape], 9);
    const expected = net.forward(x);
    for (let n = 0; n < 2; n++) {
      const one = select(x, n);
      const values = forwardPortable(steps, { shape: [...inputShape], data: Float32Array.from(one.data) });
      const out = values[values.length - 1];
      expect(out.shape).toEqual(expected.shape.slice(1));
      const row = select(expected, n).data;
      const scale = Math.max(1, ...Array.from(row, Math.abs));
      out.data.forEach((v, i) => expect(Math.abs(v - row[i])).toBeLessThanOrEqual(1e-5 * scale));
    }
  });

  it("gives every step's value, so a view can show each layer's maps", () => {
    const net = new Sequential(nets[0][1]());
    const values = forwardPortable(decodePortableModel(portableModel(net, [1, 28, 28])), {
      shape: [1, 28, 28],
      data: new Float32Array(784),
    });
    expect(values.map((v) => v.shape)).toEqual([[20, 24, 24], [20, 12, 12], [20, 12, 12], [2880], [100], [100], [10], [10]]);
  });

  it('decodePortableModel refuses malformed models, naming the step', () => {
    const model = portableModel(new Sequential(nets[0][1]()), [1, 28, 28]);
    const broken = JSON.parse(JSON.stringify(model));
    broken.steps[0].weight = encodeFloat32([1, 2]);
    expect(() => decodePortableModel(broken)).toThrow(
      'decodePortableModel: step 0 ("conv") weight: decodeFloat32: text must hold 500 float32 values, got 2',
    );
    const unknown = { ...model, steps: [{ kind: 'dropout' }] } as unknown as typeof model;
    expect(() => decodePortableModel(unknown)).toThrow(
      `decodePortableModel: step 0 ("dropout") must have kind 'conv', 'pool', 'flatten', 'dense' or 'activation'`,
    );
  });
});
