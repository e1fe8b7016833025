import type { FieldStep, FieldsPayload } from '../../../kernel-lib/src/contract';

/** A small valid fields payload, hand-made: a 4x4 input, conv 2x2 (1→2), max pool 2 with stride 1, flatten, dense 3. */
const range = (n: number, f: (i: number) => number = (i) => i) => Array.from({ length: n }, (_, i) => f(i));
export const conv2Step: FieldStep = {
  stride: [1, 1],
  padding: [0, 0],
  dilation: [1, 1],
  size: [2, 2],
  mixes: true,
  input: [1, 4, 4],
  output: [2, 3, 3],
};
export const pool2Step: FieldStep = {
  stride: [1, 1],
  padding: [0, 0],
  dilation: [1, 1],
  size: [2, 2],
  mixes: false,
  input: [2, 3, 3],
  output: [2, 2, 2],
};

export const fieldsExample: FieldsPayload = {
  version: 1,
  kind: 'fields',
  title: 'fields',
  input: { shape: [1, 4, 4], data: range(16) },
  layers: [
    { name: 'conv', steps: [conv2Step], activation: { shape: [2, 3, 3], data: range(18, (i) => i / 10) } },
    { name: 'pool', steps: [pool2Step], activation: { shape: [2, 2, 2], data: range(8, (i) => i / 4) } },
    { name: 'flatten', steps: [], activation: { shape: [2, 2, 2], data: range(8, (i) => i / 4) } },
    { name: 'dense', steps: 'all', activation: { shape: [1, 3, 1], data: [0.5, -0.25, 1] } },
  ],
};
