import { describe, expect, it } from 'vitest';
import { engine } from '../../../kernel-lib/src/fast/backend';
import { type Call, split } from '../../../kernel-lib/src/fast/threads';

const { rt, pool } = engine()!;

describe('Pool.run', () => {
  it('runs every range exactly once, whichever thread claims it (2,000 jobs of 1–64 items)', () => {
    const n = 64;
    const counts = rt.heap.alloc(8 * n);
    const ones = rt.heap.alloc(8 * n);
    rt.heap.f64(ones, n).fill(1);
    const tookBy = new Set<number>();
    for (let j = 0; j < 2000; j++) {
      const items = 1 + (j % n);
      rt.heap.f64(counts, n).fill(0);
      const took = pool.run({
        items,
        calls: (_t, [i0, i1]): Call[] => [{ kernel: 'addInto', precision: 'f64', args: [counts, ones, i0, i1] }],
      });
      took.forEach((t) => tookBy.add(t));
      expect(took[0]).toBe(0);
      const got = Array.from(rt.heap.f64(counts, n));
      expect(got).toEqual(Array.from({ length: n }, (_, i) => (i < items ? 1 : 0)));
    }
    expect([...tookBy].sort()).toEqual(Array.from({ length: pool.threads }, (_, t) => t));
    rt.heap.release(counts);
    rt.heap.release(ones);
  });

  it("runs each taking thread's prologue once, before its ranges", () => {
    const slots = rt.heap.alloc(8 * pool.threads);
    const one = rt.heap.alloc(8);
    rt.heap.f64(one, 1)[0] = 1;
    rt.heap.f64(slots, pool.threads).fill(5);
    const took = pool.run({
      items: 64,
      prologue: (t): Call[] => [{ kernel: 'zero', precision: 'f64', args: [slots + 8 * t, 8] }],
      calls: (t): Call[] => [{ kernel: 'addInto', precision: 'f64', args: [slots + 8 * t, one, 0, 1] }],
    });
    const perThread = Array.from(rt.heap.f64(slots, pool.threads));
    const ranges = perThread.filter((_, t) => took.includes(t)).reduce((a, b) => a + b, 0);
    expect(ranges).toBe(split(64, 4 * pool.threads).length);
    perThread.forEach((v, t) => {
      if (!took.includes(t)) expect(v).toBe(5); // a thread that took no part ran no prologue
    });
    rt.heap.release(slots);
    rt.heap.release(one);
  });
});

describe('split', () => {
  it.each([
    [
      64,
      2,
      [
        [0, 32],
        [32, 64],
      ],
    ],
    [
      5,
      2,
      [
        [0, 2],
        [2, 5],
      ],
    ],
    [1, 2, [[0, 1]]],
    [3, 1, [[0, 3]]],
  ])('n=%i parts=%i → %j', (n, parts, expected) => {
    expect(split(n, parts)).toEqual(expected);
  });
});
