import type { Conv2dGeometry } from '../ops/conv2dGeometry';
import { type ConvPlan, createConvPlan, releaseConvPlan } from './convPlan';
import { BYTES, type Precision, type Runtime } from './runtime';
import type { Call } from './threads';

const MR = 4; // rows of a tile, as in assembly/tile.as
const TILE_BYTES = 128; // MR × two v128 vectors

/**
 * One conv2d geometry ready to run on buffers in the kernels' memory (byte pointers): the plan,
 * the packed weights and per-thread scratch. The `*Calls` methods return the calls thread t
 * makes for samples [n0, n1); in a backward pass thread 0 adds into dw/db, thread t > 0 into
 * its own partial sums (zeroed by `prologue(t)`), which `reduceGrads` adds in. Callers pack the
 * weights first and zero dw/db before a backward pass.
 */
export class ConvKernel {
  readonly plan: ConvPlan;
  private readonly packed: number;
  private readonly packedT: number;
  private readonly scratch: number[] = [];
  private readonly rows: number[] = [];
  private readonly packedDy: number[] = [];
  private readonly tiles: number[] = [];
  private readonly partials: { dw: number; db: number }[] = [];

  constructor(
    private readonly rt: Runtime,
    g: Conv2dGeometry,
    readonly precision: Precision,
    readonly threads: number,
  ) {
    this.plan = createConvPlan(rt, g, precision);
    const es = BYTES[precision];
    const { taps } = this.plan;
    const K = g.outChannels;
    this.packed = rt.heap.alloc(es * Math.ceil(K / MR) * MR * taps);
    this.packedT = rt.heap.alloc(es * Math.ceil(taps / MR) * MR * K);
    for (let t = 0; t < threads; t++) {
      this.scratch.push(rt.heap.alloc(es * this.plan.plane));
      this.rows.push(rt.heap.alloc(es * this.plan.positions * taps));
      this.packedDy.push(rt.heap.alloc(es * Math.ceil(K / MR) * MR * this.plan.positions));
      this.tiles.push(rt.heap.alloc(TILE_BYTES));
      if (t > 0) this.partials.push({ dw: rt.heap.alloc(es * K * taps), db: rt.heap.alloc(es * K) });
    }
  }

  /** Packs w [K, C, KH, KW] at `w` for both products (W·S and Wᵀ·dy); runs on the calling thread. */
  packWeights(w: number): void {
    const pack = this.rt.kernel('packPanels', this.precision);
    const K = this.plan.geometry.outChannels;
    const { taps } = this.plan;
    pack(w, K, taps, taps, 1, this.packed);
    pack(w, taps, K, 1, taps, this.packedT);
  }

  /** y = conv(x) + b on samples [n0, n1); b = 0 for no bias. */
  forwardCalls(t: number, x: number, b: number, y: number, [n0, n1]: [number, number]): Call[] {
    const args = [this.plan.ptr, x, this.packed, b, y, n0, n1, this.scratch[t], this.tiles[t]];
    return [{ kernel: 'convForward', precision: this.precision, args }];
  }

  /** Zeroes thread t's partial dw, db (nothing for thread 0, which adds into dw, db). */
  prologue(t: number): Call[] {
    if (t === 0) return [];
    const { plan, precision } = this;
    const es = BYTES[precision];
    const K = plan.geometry.outChannels;
    const own = this.partials[t - 1];
    return [
      { kernel: 'zero', precision, args: [own.dw, es * K * plan.taps] },
      { kernel: 'zero', precision, args: [own.db, es * K] },
    ];
  }

  /** dw, db (thread 0; partials on others; unless `filter` is false) and, unless dx = 0, dx on samples [n0, n1). */
  backwardCalls(t: number, x: number, dy: number, dx: number, dw: number, db: number, [n0, n1]: [number, number], filter = true): Call[] {
    const { plan, precision } = this;
    const calls: Call[] = [];
    const own = t === 0 ? { dw, db } : this.partials[t - 1];
    const scratch = [this.scratch[t], this.rows[t], this.packedDy[t], this.tiles[t]];
    if (filter) calls.push({ kernel: 'convBackwardFilter', precision, args: [plan.ptr, x, dy, own.dw, own.db, n0, n1, ...scratch] });
    if (dx !== 0) {
      calls.push({
        kernel: 'convBackwardInput',
        precision,
        args: [plan.ptr, dy, this.packedT, dx, n0, n1, this.scratch[t], this.tiles[t]],
      });
    }
    return calls;
  }

  /** Adds the partial dw, db of the threads that took part (`took`, from Pool.run) into dw, db. */
  reduceGrads(dw: number, db: number, took: readonly number[]): void {
    const add = this.rt.kernel('addInto', this.precision);
    const K = this.plan.geometry.outChannels;
    for (const t of took) {
      if (t === 0) continue;
      add(dw, this.partials[t - 1].dw, 0, K * this.plan.taps);
      add(db, this.partials[t - 1].db, 0, K);
    }
  }

  release(): void {
    const { heap } = this.rt;
    releaseConvPlan(this.rt, this.plan);
    for (const p of [this.packed, this.packedT, ...this.scratch, ...this.rows, ...this.packedDy, ...this.tiles]) heap.release(p);
    for (const p of this.partials) {
      heap.release(p.dw);
      heap.release(p.db);
    }
  }
}
