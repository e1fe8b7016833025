import { describe, expect, it } from 'vitest';
import { Rng, randn } from '../../kernel-lib/src';

describe('random', () => {
  it('randn([1000], 7) is reproducible and differs for another seed', () => {
    expect(Array.from(randn([1000], 7).data)).toEqual(Array.from(randn([1000], 7).data));
    expect(Array.from(randn([10], 7).data)).not.toEqual(Array.from(randn([10], 8).data));
  });

  it('randn([20000], 3) has mean ≈ 0 and variance ≈ 1 (within 4 standard errors)', () => {
    const x = randn([20000], 3).data;
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(x.length));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / x.length));
  });

  it('the first draws after seeds 0..499 are uniform: about 2% fall outside [0.01, 0.99)', () => {
    let extreme = 0;
    for (let seed = 0; seed < 500; seed++) {
      const rng = new Rng(seed);
      for (let i = 0; i < 4; i++) {
        const u = rng.uniform();
        if (u < 0.01 || u >= 0.99) extreme++;
      }
    }
    // Binomial(2000, 0.02): mean 40, sd 6.3; 5 sd either side.
    expect(extreme).toBeGreaterThan(40 - 5 * 6.3);
    expect(extreme).toBeLessThan(40 + 5 * 6.3);
  });

  it('uniform() stays in [0, 1)', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 10000; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });

  it('throws when the seed is NaN', () => {
    expect(() => new Rng(Number.NaN)).toThrow(/Rng: seed must be an integer, got NaN/);
  });
});
