import type { Payload, Plane } from '../../../kernel-lib/src/contract';
import { inspectExample, replayExample } from './inspectExamples';
import { drawingExample } from './drawingExample';
import { fieldsExample } from './fieldsExample';

/** Small valid payloads of every kind, shared by the contract, fuzz and renderer tests. */
const plane = (rows: number, cols: number, f: (r: number, c: number) => number): Plane => ({
  shape: [rows, cols],
  data: Array.from({ length: rows * cols }, (_, i) => f(Math.floor(i / cols), i % cols)),
});

const x = plane(4, 4, (r, c) => r * 4 + c);
const w = plane(2, 2, (r, c) => [1, 0, 0, -1][r * 2 + c]);

export const examples: Record<Payload['kind'], Payload> = {
  matrix: { version: 1, kind: 'matrix', title: 'm', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
  kernel: { version: 1, kind: 'kernel', title: 'w', symbol: 'w', shape: [2, 2], data: [1, 0, 0, -1], bias: 0.5 },
  signed: { version: 1, kind: 'signed', title: 'δ', symbol: 'δ', shape: [1, 3], data: [-1, 0, 2] },
  grid: { version: 1, kind: 'grid', title: 'maps', shape: [1, 3, 2, 2], data: Array.from({ length: 12 }, (_, i) => i), scale: 'shared' },
  conv: {
    version: 1,
    kind: 'conv',
    title: 'conv',
    input: x,
    kernel: w,
    bias: 0.5,
    activation: 'identity',
    output: plane(3, 3, () => 0.5 - 5), // x[r][c] − x[r+1][c+1] = −5 everywhere, plus b
  },
  'conv-backward': {
    version: 1,
    kind: 'conv-backward',
    title: 'back',
    delta: plane(2, 2, (r, c) => r * 2 + c + 1),
    kernel: w,
    output: { shape: [3, 3], data: [1, 2, 0, 3, 3, -2, 0, -3, -4] },
  },
  'conv-transpose': {
    version: 1,
    kind: 'conv-transpose',
    title: 'stamps',
    // x = [[1, 2]] stamps w = [[1, 1, 1]] two cells apart: y = [1, 1, 1 + 2, 2, 2].
    input: { shape: [1, 2], data: [1, 2] },
    kernel: { shape: [1, 3], data: [1, 1, 1] },
    output: { shape: [1, 5], data: [1, 1, 3, 2, 2] },
    stride: [2, 2],
  },
  pool: {
    version: 1,
    kind: 'pool',
    title: 'pool',
    mode: 'max',
    size: [2, 2],
    input: x,
    output: { shape: [2, 2], data: [5, 7, 13, 15] },
    argmax: [5, 7, 13, 15],
  },
  'pool-backward': {
    version: 1,
    kind: 'pool-backward',
    title: 'pool back',
    mode: 'avg',
    size: [2, 2],
    input: x,
    delta: { shape: [2, 2], data: [4, -4, 8, 0] },
    output: plane(4, 4, (r, c) => [1, -1, 2, 0][Math.floor(r / 2) * 2 + Math.floor(c / 2)]),
  },
  compare: {
    version: 1,
    kind: 'compare',
    title: 'same?',
    shape: [1, 2],
    items: [
      { label: 'a', data: [1, 2] },
      { label: 'b', data: [1, 2.5] },
    ],
  },
  live: {
    version: 1,
    kind: 'live',
    title: 'training',
    step: 3,
    total: 10,
    xLabel: 'epoch',
    series: [
      { name: 'loss', panel: 'loss', values: [1, 0.5, 0.25] },
      { name: 'accuracy', panel: 'accuracy', values: [0.2, 0.6, 0.8] },
    ],
    kernels: { shape: [2, 2, 2], data: [1, 0, 0, -1, 0.5, 0.5, -0.5, -0.5] },
  },
  inspect: inspectExample,
  replay: replayExample,
  drawing: drawingExample,
  fields: fieldsExample,
  explore: {
    version: 1,
    kind: 'explore',
    title: 'explore',
    input: x,
    kernel: w,
    bias: 0.5,
    activation: 'linear',
    settings: { kernel: 2, input: 4, stride: 2, dilation: 1, padding: 1, operation: 'correlation', direction: 'forward' },
  },
};
