import { mersenne } from 'pure-rand/generator/mersenne';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { assert } from './assert';
import { Tensor } from './tensor';

/**
 * A seeded source of random numbers (Mersenne Twister from pure-rand), so that notebooks and tests
 * give the same numbers on every run. (xoroshiro128+ was rejected: its first draws after a small
 * integer seed cluster near 0 and 1, which made the first normals of every seed extreme.)
 *
 * @example
 * const rng = new Rng(42);
 * rng.uniform(); // in [0, 1)
 * rng.normal();  // standard normal, by Box–Muller
 */
export class Rng {
  private readonly generator: RandomGenerator;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    assert(typeof seed === 'number' && Number.isInteger(seed), () => `Rng: seed must be an integer, got ${String(seed)}`, TypeError);
    this.generator = mersenne(seed | 0);
  }

  /** Uniform in [0, 1), 53 random bits. */
  uniform(): number {
    return uniformFloat64(this.generator);
  }

  /** Standard normal. Box–Muller yields two values; the second is kept for the next call. */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const value = this.spareNormal;
      this.spareNormal = undefined;
      return value;
    }
    const u1 = 1 - this.uniform(); // in (0, 1], so log is finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A new array holding a Fisher–Yates shuffle of `items`. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** A tensor of standard-normal values, `scale` times, from a seeded generator. */
export function randn(shape: readonly number[], seed: number, scale = 1): Tensor {
  const rng = new Rng(seed);
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = scale * rng.normal();
  return new Tensor(shape, data);
}

/** A tensor of values uniform in [low, high), from a seeded generator. */
export function rand(shape: readonly number[], seed: number, low = 0, high = 1): Tensor {
  const rng = new Rng(seed);
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * rng.uniform();
  return new Tensor(shape, data);
}
