import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../kernel-lib/src/fast/backend';
import { type Call, type Job, Pool } from '../../../kernel-lib/src/fast/threads';

const { rt } = engine()!;
const n = 4096;

// Busy processes that compete with the pool's threads for the two cores, as a browser, a second
// notebook or the suite's own workers do.
let busy: ChildProcess[] = [];
beforeAll(() => {
  busy = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
});
afterAll(() => {
  for (const p of busy) p.kill('SIGKILL');
});

/** A job adding 1 to cells [0, items·width) in ranges; returns the cells, which must all be 1. */
function countJob(counts: number, ones: number, items: number, width: number, extra: Partial<Job> = {}): Job {
  return {
    items,
    calls: (_t, [i0, i1]): Call[] => [{ kernel: 'addInto', precision: 'f64', args: [counts, ones, i0 * width, i1 * width] }],
    ...extra,
  };
}

function withBuffers<T>(use: (counts: number, ones: number) => T): T {
  const counts = rt.heap.alloc(8 * n);
  const ones = rt.heap.alloc(8 * n);
  rt.heap.f64(ones, n).fill(1);
  try {
    return use(counts, ones);
  } finally {
    rt.heap.release(counts);
    rt.heap.release(ones);
  }
}

function expectCounted(counts: number, cells: number): void {
  const got = rt.heap.f64(counts, n);
  for (let i = 0; i < n; i++) {
    if (got[i] !== (i < cells ? 1 : 0)) throw new Error(`cell ${i} is ${got[i]}, expected ${i < cells ? 1 : 0}`);
  }
}

describe('the pool under contention, with random pauses between every protocol step', () => {
  it('runs 3,000 small and large jobs exactly once each, and both threads take part', () => {
    const pool = new Pool(rt, 2, { jitterMicros: 300, seed: 7 });
    const tookBy = new Set<number>();
    withBuffers((counts, ones) => {
      for (let j = 0; j < 3000; j++) {
        const large = j % 5 === 0;
        const items = large ? 64 : 1 + (j % 9);
        const width = large ? 64 : 1 + (j % 3);
        rt.heap.f64(counts, n).fill(0);
        pool.run(countJob(counts, ones, items, width)).forEach((t) => tookBy.add(t));
        expectCounted(counts, items * width);
      }
    });
    expect([...tookBy].sort()).toEqual([0, 1]);
    expect(pool.events).toEqual([]);
    void pool.close();
  });

  it('a worker that does not answer in time is aborted, its share runs on the calling thread, and it is retired', () => {
    const pool = new Pool(rt, 2, { stallMs: 60_000, answerMs: 50, jitterMicros: 2000 });
    withBuffers((counts, ones) => {
      // The worker claims a round only if it wakes before the calling thread finishes: try until it has.
      for (let j = 0; j < 200 && pool.threads === 2; j++) {
        rt.heap.f64(counts, n).fill(0);
        const took = pool.run(countJob(counts, ones, 64, 64, { calls: (_t, [i0, i1]) => slow(counts, ones, i0, i1) }));
        expect(took).toEqual([0]);
        expectCounted(counts, 64 * 64);
      }
      expect(pool.threads).toBe(1);
      expect(pool.events.join('\n')).toMatch(
        /^worker 1 did not finish within 50 ms \(round \d+\); its share ran on the calling thread; the pool now runs on 1 thread/,
      );
      rt.heap.f64(counts, n).fill(0);
      expect(pool.run(countJob(counts, ones, 64, 64))).toEqual([0]);
      expectCounted(counts, 64 * 64);
    });
  });

  it('a kernel failing on a worker reaches the caller with its own message', () => {
    const pool = new Pool(rt, 2, { jitterMicros: 2000 }); // pauses give the worker time to claim a round
    const outside = rt.memory.buffer.byteLength + 1024; // past the end of the memory: the access traps
    let error: unknown = null;
    withBuffers((counts, ones) => {
      for (let j = 0; j < 500 && error === null; j++) {
        try {
          pool.run({
            items: 64,
            prologue: (t): Call[] => (t === 1 ? [{ kernel: 'zero', precision: 'f64', args: [outside, 64] }] : []),
            calls: (_t, [i0, i1]) => slow(counts, ones, i0, i1),
          });
        } catch (e) {
          error = e;
        }
      }
    });
    expect(String(error)).toMatch(/^Error: fast: a kernel failed on a worker thread: RuntimeError: memory access out of bounds/);
    void pool.close();
  });

  it('a call that ends while a worker still runs its round (an interrupt) leaves a pool that works', () => {
    const pool = new Pool(rt, 2, { jitterMicros: 200, seed: 3 });
    withBuffers((counts, ones) => {
      for (let j = 0; j < 300; j++) {
        // The calling thread throws (in its prologue, so always) with the round open; run() must
        // not return, letting the caller reuse its buffers, while the worker still writes.
        expect(() =>
          pool.run(
            countJob(counts, ones, 64, 64, {
              prologue: (t): Call[] => {
                if (t === 0) throw new Error('interrupted');
                return [];
              },
              calls: (_t, [i0, i1]) => slow(counts, ones, i0, i1),
            }),
          ),
        ).toThrow('interrupted');
        rt.heap.f64(counts, n).fill(0);
        pool.run(countJob(counts, ones, 64, 64));
        expectCounted(counts, 64 * 64);
      }
    });
    expect(pool.events).toEqual([]);
    void pool.close();
  });
});

/** The count job's calls for a range, then 40 empty kernel calls, so that a range takes a while. */
function slow(counts: number, ones: number, i0: number, i1: number): Call[] {
  const idle: Call = { kernel: 'zero', precision: 'f64', args: [counts, 0] };
  return [{ kernel: 'addInto', precision: 'f64', args: [counts, ones, i0 * 64, i1 * 64] }, ...Array<Call>(40).fill(idle)];
}
