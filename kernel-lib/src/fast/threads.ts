import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Precision, type Runtime, wasm } from './runtime';
import { HANDOFF, word } from './handoff';

/** One kernel call: `<kernel>_<precision>(...args)`. */
export interface Call {
  readonly kernel: string;
  readonly precision: Precision;
  readonly args: readonly number[];
}

/**
 * Work over `items` (samples or planes), cut into ranges that the threads claim one at a time:
 * a thread that starts late, or never, leaves its share to the others, so a call is never
 * slower than on one thread.
 */
export interface Job {
  readonly items: number;
  /** The calls of thread t on items [i0, i1). */
  calls(t: number, range: [number, number]): Call[];
  /** The calls of thread t before its first range, if it takes part (e.g. zeroing its partial sums). */
  prologue?(t: number): Call[];
  /** Fewest items in a range (default 1); there are at most four ranges per thread. */
  readonly grain?: number;
}

/** Test-only knobs: random pauses between protocol steps, a slow worker, a short answer bound. */
export interface PoolHooks {
  /** Each thread pauses a random 0..jitterMicros µs between its protocol steps. */
  jitterMicros?: number;
  /** A worker pauses this long (in steps it checks for an abort) after claiming a round. */
  stallMs?: number;
  /** Overrides the answer bound: a worker that has not finished after this long is aborted. */
  answerMs?: number;
  /** Seeds the pauses. */
  seed?: number;
}

const JOB_SLOTS = 1 << 15; // f64 slots: a table of sections, then calls (kernel index, argument count, arguments)
const MAX_RANGES = 64;

// The worker: instantiates the module on the shared memory, then for each round it claims runs
// section 0 (its prologue) and the sections 1 + r of the ranges r it claims in the shared owner table.
// It follows the hand-off protocol of handoff.ts; its constants are written in from HANDOFF.
// Plain CommonJS text, so it starts the same from the TypeScript sources and from dist. It names
// no variable `module`: Deno's eval workers already declare one (a SyntaxError there otherwise).
const WORKER = `
const { workerData } = require('node:worker_threads');
const { module: wasmModule, memory, control, jobs, owners, names, thread, hooks } = workerData;
const H = ${JSON.stringify(HANDOFF)};
const ctl = new Int32Array(control);
const job = new Float64Array(jobs);
const owner = new Int32Array(owners);
const nap = new Int32Array(new SharedArrayBuffer(4));
let seed = (hooks.seed ?? 1) * 2654435761 + thread * 40503 >>> 0;
function jitter() {
  if (!hooks.jitterMicros) return;
  seed = (seed * 1103515245 + 12345) >>> 0;
  Atomics.wait(nap, 0, 0, ((seed >>> 8) % (hooks.jitterMicros + 1)) / 1000);
}
let fns;
try {
  const exports = new WebAssembly.Instance(wasmModule, { env: { memory } }).exports;
  fns = names.map((n) => exports[n]);
  Atomics.store(ctl, H.READY, 1);
} catch (e) {
  Atomics.store(ctl, H.READY, -1);
}
Atomics.notify(ctl, H.READY);
class Aborted extends Error {}
function section(s, round) {
  for (let c = 0, at = job[1 + 2 * s], n = job[2 + 2 * s]; c < n; c++) {
    if (Atomics.load(ctl, H.ABORT) === round) throw new Aborted();
    const argc = job[at + 1];
    const fn = fns[job[at]];
    if (typeof fn !== 'function') throw new Error('no kernel number ' + job[at]);
    fn(...job.subarray(at + 2, at + 2 + argc));
    at += 2 + argc;
  }
}
function report(message) {
  const text = String(message).slice(0, H.MESSAGE_CHARS);
  for (let i = 0; i < text.length; i++) ctl[H.MESSAGE + i] = text.charCodeAt(i);
  ctl[H.MESSAGE_LENGTH] = text.length;
}
let seen = Atomics.load(ctl, H.SLOT);
while (fns) {
  // Wait for the slot to change from what was last seen; bounded, so a missed wake-up only delays.
  for (let i = 0; i < H.SPIN && Atomics.load(ctl, H.SLOT) === seen; i++);
  if (Atomics.load(ctl, H.SLOT) === seen) Atomics.wait(ctl, H.SLOT, seen, H.IDLE_WAIT_MS);
  jitter();
  seen = Atomics.load(ctl, H.SLOT);
  if ((seen & 3) !== H.POSTED) continue;
  const round = seen >>> 2;
  const claimed = (round << 2) | H.RUNNING;
  // POSTED -> RUNNING for exactly this round: fails if main cancelled it meanwhile.
  if (Atomics.compareExchange(ctl, H.SLOT, seen, claimed) !== seen) continue;
  seen = claimed;
  jitter();
  let outcome = H.OK;
  try {
    if (hooks.stallMs) {
      const until = Date.now() + hooks.stallMs;
      while (Date.now() < until && Atomics.load(ctl, H.ABORT) !== round) Atomics.wait(nap, 0, 0, 5);
    }
    section(0, round);
    // A range is claimed and its owner recorded in one step (0 -> thread + 1).
    for (let r = 0; r < job[0] - 1; r++) {
      if (Atomics.compareExchange(owner, r, 0, thread + 1) !== 0) continue;
      jitter();
      section(1 + r, round);
    }
    if (Atomics.load(ctl, H.ABORT) === round) throw new Aborted();
  } catch (e) {
    if (e instanceof Aborted) outcome = H.ABORTED;
    else {
      outcome = H.FAILED;
      report(e && e.stack ? String(e.stack).split('\\n').slice(0, 3).join(' ') : e);
    }
  }
  ctl[H.OUTCOME] = outcome;
  jitter();
  // RUNNING -> DONE: the outcome and message are written before this store.
  seen = (round << 2) | H.DONE;
  Atomics.store(ctl, H.SLOT, seen);
  Atomics.notify(ctl, H.SLOT);
}
`;

interface Helper {
  readonly thread: number;
  readonly worker: Worker;
  readonly ctl: Int32Array;
  readonly job: Float64Array;
  /** The last round posted (its control word says whether it is still open). */
  round: number;
}

/**
 * The calling thread plus `threads − 1` workers on the same memory. `run(job)` returns, once the
 * work is done, the threads that took part (0, the calling thread, always does); it is
 * synchronous, as its callers are plain functions. It never waits without a bound: a worker
 * that does not answer in time is aborted, its share runs on the calling thread, and the worker
 * is retired (`events` says so).
 */
export class Pool {
  private readonly helpers: Helper[] = [];
  private readonly index = new Map<string, number>();
  private readonly owner = new Int32Array(new SharedArrayBuffer(4 * MAX_RANGES));
  private readonly nap = new Int32Array(new SharedArrayBuffer(4));
  private seed: number;
  /** What went wrong with the workers, newest last (kernelStatus reports it). */
  readonly events: string[] = [];

  constructor(
    private readonly rt: Runtime,
    threads: number,
    private readonly hooks: PoolHooks = {},
  ) {
    this.seed = (hooks.seed ?? 1) >>> 0;
    const names = wasm?.Module.exports(rt.module).map((e) => e.name) ?? [];
    names.forEach((n, i) => this.index.set(n, i));
    for (let t = 1; t < threads; t++) {
      const control = new SharedArrayBuffer(HANDOFF.WORDS * 4);
      const jobs = new SharedArrayBuffer(JOB_SLOTS * 8);
      const workerData = {
        module: rt.module,
        memory: rt.memory,
        control,
        jobs,
        owners: this.owner.buffer,
        names,
        thread: t,
        hooks,
      };
      const worker = new Worker(WORKER, { eval: true, workerData });
      worker.unref();
      const ctl = new Int32Array(control);
      Atomics.wait(ctl, HANDOFF.READY, 0, HANDOFF.START_MS);
      if (Atomics.load(ctl, HANDOFF.READY) !== 1) {
        void worker.terminate();
        this.events.push(`worker ${t} did not start within ${HANDOFF.START_MS} ms; running on ${t} thread(s)`);
        break;
      }
      this.helpers.push({ thread: t, worker, ctl, job: new Float64Array(jobs), round: 0 });
    }
  }

  /** Threads that run calls, the calling one included. */
  get threads(): number {
    return this.helpers.length + 1;
  }

  run(job: Job): number[] {
    this.settle();
    const started = Date.now();
    const ranges = split(job.items, Math.min(4 * this.threads, MAX_RANGES, Math.max(1, Math.floor(job.items / (job.grain ?? 1)))));
    for (let i = 0; i < MAX_RANGES; i++) Atomics.store(this.owner, i, 0);
    const posted = ranges.length > 1 ? [...this.helpers] : [];
    for (const h of posted) {
      this.encode(h.job, [job.prologue?.(h.thread) ?? [], ...ranges.map((r) => job.calls(h.thread, r))]);
      this.jitter();
      this.post(h);
    }
    const call = (c: Call): void => this.rt.kernel(c.kernel, c.precision)(...c.args);
    const took = [0];
    const failures: string[] = [];
    try {
      job.prologue?.(0).forEach(call);
      ranges.forEach((r, i) => {
        if (Atomics.compareExchange(this.owner, i, 0, 1) === 0) job.calls(0, r).forEach(call);
      });
      for (const h of posted) {
        this.jitter();
        const outcome = this.collect(h, started);
        if (outcome === 'cancelled') continue;
        if (outcome === 'ok') {
          took.push(h.thread);
          continue;
        }
        if (outcome.startsWith('failed')) {
          failures.push(outcome.slice('failed: '.length));
          continue;
        }
        // Aborted or lost: every range the worker claimed runs again here (its partials are dropped).
        ranges.forEach((r, i) => {
          if (Atomics.load(this.owner, i) === h.thread + 1) job.calls(0, r).forEach(call);
        });
      }
    } catch (e) {
      // An exception here (a kernel's, or SIGINT breaking a cell at any statement, even mid-wait)
      // leaves rounds open; the caller releases its buffers next, so no worker may still write.
      this.settle();
      throw e;
    }
    if (failures.length > 0) throw new Error(`fast: a kernel failed on a worker thread: ${failures[0]}`);
    return took;
  }

  /**
   * Brings every worker back to FREE: a round left open by a call that was interrupted while it
   * waited is cancelled or waited for (bounded). Called before any new work or memory use.
   */
  settle(): void {
    for (const h of [...this.helpers]) if ((Atomics.load(h.ctl, HANDOFF.SLOT) & 3) !== HANDOFF.FREE) this.collect(h, Date.now());
  }

  /** FREE or DONE -> POSTED, round + 1 (the job was written first). Owner: the calling thread. */
  private post(h: Helper): void {
    h.round = (h.round + 1) & HANDOFF.ROUND_MASK;
    h.ctl[HANDOFF.OUTCOME] = HANDOFF.OK;
    Atomics.store(h.ctl, HANDOFF.SLOT, word(h.round, HANDOFF.POSTED));
    Atomics.notify(h.ctl, HANDOFF.SLOT);
  }

  /**
   * Ends the open round of a worker: cancels it if not yet claimed (POSTED -> FREE, by CAS), else
   * waits for DONE in bounded waits; past the answer bound, asks the worker to abort, and if it
   * does not answer that either, retires it. Returns what became of the round.
   */
  private collect(h: Helper, started: number): 'ok' | 'cancelled' | 'aborted' | 'lost' | `failed: ${string}` {
    const posted = word(h.round, HANDOFF.POSTED);
    const done = word(h.round, HANDOFF.DONE);
    if (Atomics.compareExchange(h.ctl, HANDOFF.SLOT, posted, word(h.round, HANDOFF.FREE)) === posted) return 'cancelled';
    for (let s = 0; s < HANDOFF.SPIN && Atomics.load(h.ctl, HANDOFF.SLOT) !== done; s++);
    const bound = this.hooks.answerMs ?? HANDOFF.ANSWER_MS + HANDOFF.ANSWER_FACTOR * (Date.now() - started);
    let deadline = Date.now() + bound;
    let aborting = false;
    for (let now = Date.now(); ; now = Date.now()) {
      const seen = Atomics.load(h.ctl, HANDOFF.SLOT);
      if (seen === done) break;
      if (now >= deadline) {
        if (aborting) {
          this.retire(h, `worker ${h.thread} did not answer an abort within ${HANDOFF.ABORT_MS} ms (round ${h.round}); it was stopped`);
          return 'lost';
        }
        Atomics.store(h.ctl, HANDOFF.ABORT, h.round);
        aborting = true;
        deadline = now + HANDOFF.ABORT_MS;
      }
      Atomics.wait(h.ctl, HANDOFF.SLOT, seen, Math.min(HANDOFF.POLL_MS, Math.max(1, deadline - now)));
    }
    Atomics.store(h.ctl, HANDOFF.SLOT, word(h.round, HANDOFF.FREE));
    const outcome = h.ctl[HANDOFF.OUTCOME];
    if (outcome === HANDOFF.ABORTED) {
      this.retire(h, `worker ${h.thread} did not finish within ${bound} ms (round ${h.round}); its share ran on the calling thread`);
      return 'aborted';
    }
    if (outcome === HANDOFF.FAILED) {
      const n = h.ctl[HANDOFF.MESSAGE_LENGTH];
      return `failed: ${String.fromCharCode(...h.ctl.subarray(HANDOFF.MESSAGE, HANDOFF.MESSAGE + n))}`;
    }
    return 'ok';
  }

  /** Removes a worker from the pool for good; later calls run on the threads left. */
  private retire(h: Helper, why: string): void {
    const i = this.helpers.indexOf(h);
    if (i >= 0) this.helpers.splice(i, 1);
    void h.worker.terminate();
    this.events.push(`${why}; the pool now runs on ${this.threads} thread(s)`);
  }

  private jitter(): void {
    const us = this.hooks.jitterMicros;
    if (!us) return;
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    Atomics.wait(this.nap, 0, 0, ((this.seed >>> 8) % (us + 1)) / 1000);
  }

  /** Writes sections of calls into a worker's job area: a table [count, (start, calls)…], then the calls. */
  private encode(job: Float64Array, sections: Call[][]): void {
    let at = 1 + 2 * sections.length;
    job[0] = sections.length;
    sections.forEach((calls, s) => {
      job[1 + 2 * s] = at;
      job[2 + 2 * s] = calls.length;
      for (const c of calls) {
        if (at + 2 + c.args.length > job.length) throw new Error(`fast: a job exceeds ${job.length} slots`);
        job[at] = this.index.get(`${c.kernel}_${c.precision}`) ?? -1;
        job[at + 1] = c.args.length;
        job.set(c.args, at + 2);
        at += 2 + c.args.length;
      }
    });
  }

  /** Stops the workers (tests; a pool is otherwise kept for the life of the process). */
  close(): Promise<number[]> {
    const all = this.helpers.splice(0).map((h) => h.worker.terminate());
    return Promise.all(all);
  }
}

/** [start, end) ranges splitting 0..n into at most `parts` near-equal, non-empty pieces. */
export function split(n: number, parts: number): [number, number][] {
  const count = Math.max(1, Math.min(parts, n));
  return Array.from({ length: count }, (_, t) => [Math.floor((t * n) / count), Math.floor(((t + 1) * n) / count)]);
}

/** The default number of threads: both cores of the machine (at most 2 are used). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}
