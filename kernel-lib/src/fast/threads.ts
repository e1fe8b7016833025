import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Precision, type Runtime, wasm } from './runtime';

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

// Control words shared with a worker (Int32Array): the job posted to it, the job it finished,
// its state, an error flag, and 1 (ready) or −1 (failed) once started.
const POSTED = 0, DONE = 1, STATE = 2, FAILED = 3, READY = 4;
// States: idle, posted and not yet taken, running, or cancelled by the main thread (not taken in time).
const IDLE = 0, WAITING = 1, RUNNING = 2, CANCELLED = 3;
const JOB_SLOTS = 1 << 15; // f64 slots: a table of sections, then calls (kernel index, argument count, arguments)
const SPIN = 20_000;

// The worker: instantiates the module on the shared memory, then, for each job it takes, runs
// section 0 (its prologue) and the sections 1 + c of the ranges c it claims from the shared counter.
// Plain CommonJS text, so it starts the same from the TypeScript sources and from dist.
const WORKER = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, jobs, counter, names } = workerData;
const ctl = new Int32Array(control);
const job = new Float64Array(jobs);
const next = new Int32Array(counter);
let fns;
try {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  fns = names.map((n) => exports[n]);
  Atomics.store(ctl, ${READY}, 1);
} catch (e) {
  Atomics.store(ctl, ${READY}, -1);
}
Atomics.notify(ctl, ${READY});
function section(s) {
  for (let c = 0, at = job[1 + 2 * s], n = job[2 + 2 * s]; c < n; c++) {
    const argc = job[at + 1];
    fns[job[at]](...job.subarray(at + 2, at + 2 + argc));
    at += 2 + argc;
  }
}
let seen = 0;
while (fns) {
  for (let i = 0; i < ${SPIN} && Atomics.load(ctl, ${POSTED}) === seen; i++);
  Atomics.wait(ctl, ${POSTED}, seen);
  seen = Atomics.load(ctl, ${POSTED});
  if (Atomics.compareExchange(ctl, ${STATE}, ${WAITING}, ${RUNNING}) !== ${WAITING}) continue;
  seen = Atomics.load(ctl, ${POSTED});
  try {
    section(0);
    for (let r; (r = Atomics.add(next, 0, 1)) < job[0] - 1; ) section(1 + r);
    ctl[${FAILED}] = 0;
  } catch (e) {
    ctl[${FAILED}] = 1;
  }
  Atomics.store(ctl, ${STATE}, ${IDLE});
  Atomics.store(ctl, ${DONE}, seen);
  Atomics.notify(ctl, ${DONE});
}
`;

interface Helper {
  readonly ctl: Int32Array;
  readonly job: Float64Array;
  seq: number;
}

/**
 * The main thread plus `threads − 1` workers on the same memory. `run(job)` returns, once the
 * work is done, the threads that took part (0, the calling thread, always does); it is
 * synchronous, as its callers are plain functions.
 */
export class Pool {
  private readonly helpers: Helper[] = [];
  private readonly index = new Map<string, number>();
  private readonly next = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly rt: Runtime,
    threads: number,
  ) {
    const names = wasm?.Module.exports(rt.module).map((e) => e.name) ?? [];
    names.forEach((n, i) => this.index.set(n, i));
    for (let t = 1; t < threads; t++) {
      const control = new SharedArrayBuffer(8 * 4);
      const jobs = new SharedArrayBuffer(JOB_SLOTS * 8);
      const workerData = { module: rt.module, memory: rt.memory, control, jobs, counter: this.next.buffer, names };
      const worker = new Worker(WORKER, { eval: true, workerData });
      worker.unref();
      const ctl = new Int32Array(control);
      Atomics.wait(ctl, READY, 0, 10_000);
      if (Atomics.load(ctl, READY) !== 1) {
        void worker.terminate();
        break;
      }
      this.helpers.push({ ctl, job: new Float64Array(jobs), seq: 0 });
    }
  }

  /** Threads that run calls, the main one included. */
  get threads(): number {
    return this.helpers.length + 1;
  }

  run(job: Job): number[] {
    const ranges = split(job.items, Math.min(4 * this.threads, Math.max(1, Math.floor(job.items / (job.grain ?? 1)))));
    this.next[0] = 0;
    const posted = ranges.length > 1 ? this.helpers : [];
    posted.forEach((h, i) => {
      const t = i + 1;
      this.encode(h.job, [job.prologue?.(t) ?? [], ...ranges.map((r) => job.calls(t, r))]);
      Atomics.store(h.ctl, STATE, WAITING);
      h.seq++;
      Atomics.store(h.ctl, POSTED, h.seq);
      Atomics.notify(h.ctl, POSTED);
    });
    const call = (c: Call) => this.rt.kernel(c.kernel, c.precision)(...c.args);
    job.prologue?.(0).forEach(call);
    for (let r; (r = Atomics.add(this.next, 0, 1)) < ranges.length; ) job.calls(0, ranges[r]).forEach(call);
    const took = [0];
    posted.forEach((h, i) => {
      if (Atomics.compareExchange(h.ctl, STATE, WAITING, CANCELLED) === WAITING) return;
      for (let s = 0; s < SPIN && Atomics.load(h.ctl, DONE) !== h.seq; s++);
      while (Atomics.load(h.ctl, DONE) !== h.seq) Atomics.wait(h.ctl, DONE, h.seq - 1);
      if (h.ctl[FAILED] !== 0) throw new Error('fast: a kernel failed on a worker thread');
      took.push(i + 1);
    });
    return took;
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
