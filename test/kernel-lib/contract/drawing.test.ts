import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIGIT_PREFIX,
  DRAWING_LIMITS,
  decodeBase64,
  decodeDigit,
  encodeBase64,
  encodeDigit,
  validatePayload,
} from '../../../kernel-lib/src/contract';
import { decodeFloat32, encodeFloat32 } from '../../../kernel-lib/src/portable/encoding';
import { drawingExample } from './drawingExample';

const message = (p: unknown): string => {
  const r = validatePayload(p);
  return r.ok ? 'ok' : r.message;
};
const dense = (inputs: number, outputs: number) => ({ kind: 'dense', name: 'd', inputs, outputs, activation: 'softmax' });
const withLayers = (layers: unknown[], weights = 0) => ({
  ...drawingExample,
  layers,
  weights: encodeFloat32(new Array(weights).fill(0.5)),
});

describe('the drawing encodings', () => {
  it('base64 round trips any bytes and equals Node’s Buffer base64 (an independent encoder)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(Array.from(decodeBase64(text) ?? [])).toEqual(Array.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('base64 refuses what is not canonical base64', () => {
    for (const bad of ['A', 'AB=C', 'AAA*', 'ÄAAA', 'AA==AAAA']) expect(decodeBase64(bad)).toBeUndefined();
  });

  it('the weights as float32 round trip to the nearest float32 (Math.fround), bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), { maxLength: 100 }), (values) => {
        expect(Array.from(decodeFloat32(encodeFloat32(values)))).toEqual(values.map(Math.fround));
      }),
      { numRuns: 200 },
    );
  });

  it('a drawing encodes to digit28: + 784 bytes round(255·v) and decodes to byte / 255', () => {
    const pixels = Array.from({ length: 784 }, (_, i) => (i % 97) / 96);
    const code = encodeDigit(pixels);
    expect(code.startsWith(DIGIT_PREFIX)).toBe(true);
    const bytes = Buffer.from(code.slice(DIGIT_PREFIX.length), 'base64');
    expect(bytes.length).toBe(784);
    bytes.forEach((b, i) => expect(b).toBe(Math.round(255 * pixels[i])));
    const back = decodeDigit(code).pixels!;
    back.forEach((v, i) => expect(Math.abs(v - pixels[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-12));
    expect(decodeDigit(encodeDigit(back)).pixels).toEqual(back); // a fixed point after one quantisation
  });

  it('a bad drawing encoding says what is wrong', () => {
    expect(decodeDigit(42).message).toBe('a drawing encoding must be a string, got number');
    expect(decodeDigit('AAAA').message).toBe('a drawing encoding must start with "digit28:"');
    expect(decodeDigit('digit28:AAAA').message).toBe('a drawing encoding must hold 784 bytes (28x28) in base64, got 4 characters');
  });
});

describe('validatePayload on drawing payloads', () => {
  it('accepts the example, and refuses hostile layers, shapes and blobs with a message', () => {
    expect(message(drawingExample)).toBe('ok');
    const cases: Array<[unknown, string]> = [
      [{ ...drawingExample, layers: [] }, 'drawing: layers must be an array of 1 to 16 layers'],
      [
        { ...drawingExample, layers: new Array(17).fill({ kind: 'flatten', name: 'f' }) },
        'drawing: layers must be an array of 1 to 16 layers',
      ],
      [withLayers([{ kind: 'lstm', name: 'x' }]), 'drawing: layers[0].kind must be one of "conv", "pool", "flatten", "dense"'],
      [withLayers([{ kind: 'flatten', name: '<img src=x onerror=alert(1)>' }, dense(784, 10)], 7850), 'ok'],
      [withLayers([dense(784, 10)], 7850), 'drawing: layers[0] expects 784 inputs, got shape 1x28x28 (Flatten first)'],
      [withLayers([{ kind: 'flatten', name: 'f' }, dense(784, 9)], 7065), 'drawing: the last layer must give 10 outputs, got shape 9'],
      [
        withLayers([{ kind: 'flatten', name: 'f' }, dense(784, 10)], 7849),
        'drawing: weights must hold 7850 float32 values (31400 bytes) in base64',
      ],
      [
        { ...drawingExample, weights: 'A'.repeat((31400 / 3) * 4 + 1) },
        'drawing: weights must hold 7850 float32 values (31400 bytes) in base64',
      ],
      [{ ...drawingExample, weights: 42 }, 'drawing: weights must be a base64 string'],
      [{ ...drawingExample, weights: encodeFloat32([NaN, ...new Array(7849).fill(0)]) }, 'drawing: weights[0] must be a finite number'],
      [
        { ...drawingExample, pixels: 'digit28:AAAA' },
        'drawing: pixels: a drawing encoding must hold 784 bytes (28x28) in base64, got 4 characters',
      ],
      [
        withLayers([
          {
            kind: 'conv',
            name: 'c',
            inChannels: 1,
            outChannels: 2000,
            kernel: [5, 5],
            stride: [1, 1],
            padding: [0, 0, 0, 0],
            dilation: [1, 1],
            activation: 'relu',
          },
        ]),
        'drawing: layers[0].outChannels must be an integer from 1 to 1024',
      ],
      [
        withLayers([
          {
            kind: 'conv',
            name: 'c',
            inChannels: 2,
            outChannels: 2,
            kernel: [5, 5],
            stride: [1, 1],
            padding: [0, 0, 0, 0],
            dilation: [1, 1],
            activation: 'relu',
          },
        ]),
        'drawing: layers[0] expects 2 input channels, got shape 1x28x28',
      ],
      [
        withLayers([
          {
            kind: 'conv',
            name: 'c',
            inChannels: 1,
            outChannels: 2,
            kernel: [33, 5],
            stride: [1, 1],
            padding: [0, 0, 0, 0],
            dilation: [1, 1],
            activation: 'relu',
          },
        ]),
        'drawing: layers[0].kernel[0] must be an integer from 1 to 32',
      ],
      [
        withLayers([
          {
            kind: 'conv',
            name: 'c',
            inChannels: 1,
            outChannels: 1,
            kernel: [5, 5],
            stride: [1, 1],
            padding: [0, 0, 0, 0],
            dilation: [1, 1],
            activation: 'softmax',
          },
        ]),
        'drawing: layers[0].activation must be one of "sigmoid", "tanh", "relu", "linear"',
      ],
      [
        withLayers([{ kind: 'pool', name: 'p', mode: 'max', size: [2, 2], stride: [2, 2], padding: [2, 0] }]),
        'drawing: layers[0].padding must be at most half the window',
      ],
    ];
    for (const [payload, expected] of cases) expect(message(payload)).toBe(expected);
  });

  it('refuses a model too costly for the page (multiply-adds, maps) before reading its weights', () => {
    const big = {
      kind: 'conv',
      name: 'c',
      inChannels: 1,
      outChannels: 1024,
      kernel: [32, 32],
      stride: [1, 1],
      padding: [16, 16, 16, 16],
      dilation: [1, 1],
      activation: 'relu',
    };
    expect(message(withLayers([big, { kind: 'flatten', name: 'f' }, dense(1024 * 29 * 29, 10)]))).toMatch(
      /^drawing: the model has \d+ weights, more than 1048576$/,
    );
    const wide = { ...big, outChannels: 200, kernel: [8, 8], padding: [8, 8, 8, 8] };
    expect(message(withLayers([wide, wide]))).toMatch(
      /^drawing: layers\[1\] expects 1 input channels|^drawing: (the feature maps hold|a forward pass takes)/,
    );
    expect(DRAWING_LIMITS.operations).toBe(50_000_000);
  });

  it('never throws and never accepts a payload whose layers do not chain, on fuzzed layers (fast-check)', () => {
    const layer = fc.oneof(
      fc.record({
        kind: fc.constant('conv'),
        name: fc.string(),
        inChannels: fc.integer({ min: 0, max: 4 }),
        outChannels: fc.integer({ min: 1, max: 4 }),
        kernel: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })),
        stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
        padding: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.nat(3)),
        dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
        activation: fc.constantFrom('sigmoid', 'relu', 'softmax', 'x'),
      }),
      fc.record({
        kind: fc.constant('pool'),
        name: fc.string(),
        mode: fc.constantFrom('max', 'avg'),
        size: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
        stride: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
        padding: fc.tuple(fc.nat(2), fc.nat(2)),
      }),
      fc.record({ kind: fc.constant('flatten'), name: fc.string() }),
      fc.record({
        kind: fc.constant('dense'),
        name: fc.string(),
        inputs: fc.integer({ min: 1, max: 3000 }),
        outputs: fc.constantFrom(10, 20),
        activation: fc.constantFrom('softmax', 'tanh'),
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(layer, { maxLength: 5 }), fc.nat(20000), (layers, n) => {
        const r = validatePayload(withLayers(layers, n));
        expect(typeof (r.ok ? 'ok' : r.message)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
