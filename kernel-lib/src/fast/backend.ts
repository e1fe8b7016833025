// The fast path, and the switch between it and the literal formulas of ops/reference.
// - assembly/*.as: the kernels in AssemblyScript (SIMD, tiled products), compiled by
//   assembly/build.mjs into wasmModule.ts; runtime.ts instantiates them on one shared memory.
// - threads.ts: a worker per extra core runs lists of kernel calls on that memory.
// - conv2d.ts, pool2d.ts: the ops' float64 kernels (reference signatures); the ops call them.
// - trainer.ts, stages.ts: a whole training pass of a Sequential, float64 or float32.
import { type Runtime, type SimdLevel, runtime, whyUnavailable } from './runtime';
import { Pool, defaultThreads } from './threads';

/** Options of `configureKernels`. */
export interface KernelOptions {
  /** 'fast' (default): WebAssembly SIMD where available; 'reference': the literal formulas. */
  kernels?: 'fast' | 'reference';
  /** Threads a fast op may use, the calling one included. Default: the cores, at most 2. */
  threads?: number;
}

/** What the ops run on now. */
export interface KernelStatus {
  kernels: 'fast' | 'reference';
  threads: number;
  /**
   * The build of the fast kernels: 'relaxed' (relaxed SIMD's fused multiply-add, where the engine
   * has it: Chromium, Deno, Node 22+, or Node 20 started with --experimental-wasm-relaxed-simd),
   * 'simd128' (a multiply, then an add), or 'none' on the reference.
   */
  simd: SimdLevel | 'none';
  /** Why the fast kernels are not used, or ''. */
  reason: string;
  /** The last time something ran on the reference (or layer by layer) although fast kernels are on, and why; or ''. */
  fallback: string;
  /**
   * What went wrong with the worker threads since the pool started, newest last: a worker that
   * did not start, or did not answer in time (its share then ran on the calling thread and it was
   * retired). Empty when all is well.
   */
  events: string[];
}

const settings: Required<KernelOptions> = { kernels: 'fast', threads: defaultThreads() };
const pools = new Map<number, Pool>();
let lastFallback = '';

/**
 * Records that `what` did not run on the fast path although it is on, and `why`, for kernelStatus().
 *
 * @example
 * noteFallback('fit', 'the whole-step trainer does not cover ConvTranspose2D(4→2, 4x4); layer by layer instead');
 */
export function noteFallback(what: string, why: string): void {
  lastFallback = `${what}: ${why}`;
}

/**
 * Chooses what conv2d, conv2dBackward and the pooling ops run on. The results agree either way
 * (float64 within 1e-12); 'reference' shows the formulas at work, 'fast' is for speed.
 *
 * @example
 * configureKernels({ kernels: 'reference' }); // conv2d now runs its six nested loops
 * configureKernels({ kernels: 'fast', threads: 1 });
 */
export function configureKernels(opts: KernelOptions): void {
  const { kernels = settings.kernels, threads = settings.threads } = opts;
  if (kernels !== 'fast' && kernels !== 'reference') {
    throw new TypeError(`configureKernels: kernels must be 'fast' or 'reference', got ${JSON.stringify(kernels)}`);
  }
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`configureKernels: threads must be a positive integer, got ${String(threads)}`);
  }
  settings.kernels = kernels;
  settings.threads = threads;
}

/** The runtime and a pool of threads when fast kernels are on and available, else null. */
export function engine(): { rt: Runtime; pool: Pool } | null {
  if (settings.kernels === 'reference') return null;
  const rt = runtime();
  if (rt === null) return null;
  let pool = pools.get(settings.threads);
  if (pool === undefined) {
    pool = new Pool(rt, settings.threads);
    pools.set(settings.threads, pool);
  }
  // A call interrupted while it waited for a worker leaves that round open: end it before any
  // new use of the kernels' memory.
  pool.settle();
  return { rt, pool };
}

/**
 * What the ops run on: the kernels, the threads actually started, why the fast kernels are not
 * in use, if they are not, and the last fallback to the reference (or to layer-by-layer training)
 * while they are on, with its reason.
 *
 * @example
 * kernelStatus(); // { kernels: 'fast', threads: 2, simd: 'relaxed', reason: '', fallback: '', events: [] }
 */
export function kernelStatus(): KernelStatus {
  const e = engine();
  if (e !== null) {
    return { kernels: 'fast', threads: e.pool.threads, simd: e.rt.simd, reason: '', fallback: lastFallback, events: [...e.pool.events] };
  }
  const reason = settings.kernels === 'reference' ? 'configured' : `WebAssembly unavailable: ${whyUnavailable()}`;
  return { kernels: 'reference', threads: 1, simd: 'none', reason, fallback: lastFallback, events: [] };
}
