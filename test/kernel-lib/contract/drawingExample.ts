import { type DrawingPayload, encodeDigit } from '../../../kernel-lib/src/contract';
import { encodeFloat32 } from '../../../kernel-lib/src/portable/encoding';

/** A small valid drawing payload: Flatten → Dense(784 → 10, softmax) with fixed weights, and a drawn bar. */
const weights = [...Array.from({ length: 7840 }, (_, i) => Math.sin(i) / 10), ...Array.from({ length: 10 }, (_, j) => j / 10)];
const pixels = Array.from({ length: 784 }, (_, i) => (i % 28 >= 12 && i % 28 < 16 && i >= 4 * 28 && i < 24 * 28 ? 1 : 0));

export const drawingExample: DrawingPayload = {
  version: 1,
  kind: 'drawing',
  title: 'draw',
  layers: [
    { kind: 'flatten', name: 'Flatten' },
    { kind: 'dense', name: 'Dense(784→10, softmax)', inputs: 784, outputs: 10, activation: 'softmax' },
  ],
  weights: encodeFloat32(weights),
  pixels: encodeDigit(pixels),
};
