import type { Conv2dGeometry } from '../ops/conv2dGeometry';
import type { Pool2dGeometry } from '../ops/pool2dGeometry';
import type { Param } from '../nn/layer';
import { ConvKernel } from './convKernel';
import { GroupedKernel } from './groupedKernel';
import { createPoolPlan } from './pool2d';
import { BYTES, type Precision, type Runtime } from './runtime';
import type { Call } from './threads';

// The steps of a training pass, each over buffers in the kernels' memory laid out [N, ...] for a
// batch of up to `capacity` samples. A step's calls for thread t touch only samples [n0, n1),
// so one job runs the whole forward and backward pass over ranges of samples; each thread adds
// parameter gradients into its own partial sums, which `finish` adds up after the job.

export type Range = [number, number];

/** A [capacity, ...sample] buffer of T in the kernels' memory. */
export interface Buffer {
  readonly ptr: number;
  /** Elements per sample. */
  readonly size: number;
}

export interface Stage {
  /** Before the job, on the calling thread: copy the parameters in, pack them, zero grads. */
  prepare(): void;
  /** Thread t's calls before its first range: zero its partial sums. */
  prologue(t: number): Call[];
  forward(t: number, r: Range): Call[];
  backward(t: number, r: Range): Call[];
  /** After the job: sum the partials of the threads that took part; copy gradients into the params unless `grads` is false. */
  finish(took: readonly number[], grads: boolean): void;
  /** The parameters it holds in the kernels' memory (for an SGD step there). */
  params(): ParamBuffers[];
  release(): void;
}

/** A parameter in the kernels' memory: its value, thread 0's gradient, other threads' partials. */
export class ParamBuffers {
  readonly value: number;
  readonly grad: number;
  readonly partials: number[] = [];

  constructor(
    private readonly rt: Runtime,
    readonly param: Param,
    readonly precision: Precision,
    threads: number,
  ) {
    const bytes = BYTES[precision] * param.value.size;
    this.value = rt.heap.alloc(bytes);
    this.grad = rt.heap.alloc(bytes);
    for (let t = 1; t < threads; t++) this.partials.push(rt.heap.alloc(bytes));
  }

  own(t: number): number {
    return t === 0 ? this.grad : this.partials[t - 1];
  }

  /** Copies the value in and zeroes thread 0's gradient. */
  load(): void {
    const n = this.param.value.size;
    this.rt.heap.view(this.precision, this.value, n).set(this.param.value.data);
    this.rt.heap.view(this.precision, this.grad, n).fill(0);
  }

  /** A call zeroing thread t's partial (threads > 0 zero their own, inside the job). */
  zero(t: number): Call[] {
    return t === 0
      ? []
      : [{ kernel: 'zero', precision: this.precision, args: [this.own(t), BYTES[this.precision] * this.param.value.size] }];
  }

  /** Sums the partials of the threads that took part into the gradient, copies it into param.grad unless `copy` is false. */
  store(took: readonly number[], copy = true): void {
    const n = this.param.value.size;
    const add = this.rt.kernel('addInto', this.precision);
    for (const t of took) if (t > 0) add(this.grad, this.partials[t - 1], 0, n);
    if (copy) this.param.grad.data.set(this.rt.heap.view(this.precision, this.grad, n));
  }

  /** sgdStep on this parameter in the kernels' memory (value ← keep·value − η·grad), then copies the value into the param. */
  sgd(learningRate: number, keep: number): void {
    const n = this.param.value.size;
    this.rt.kernel('sgdUpdate', this.precision)(this.value, this.grad, n, keep, learningRate);
    this.param.value.data.set(this.rt.heap.view(this.precision, this.value, n));
  }

  release(): void {
    for (const p of [this.value, this.grad, ...this.partials]) this.rt.heap.release(p);
  }
}

/** conv2d (x → z, adding the bias unless `addBias` is false) and its backward pass (dz → dx, dw, db). */
export class ConvStage implements Stage {
  private readonly kernel: ConvKernel;
  private readonly addBias: boolean;
  readonly weight: ParamBuffers;
  readonly bias: ParamBuffers;

  constructor(
    rt: Runtime,
    g: Conv2dGeometry,
    params: { weight: Param; bias: Param; addBias: boolean },
    private readonly io: { x: Buffer; z: Buffer; dx: Buffer | null; dz: Buffer },
    readonly precision: Precision,
    threads: number,
  ) {
    this.kernel = new ConvKernel(rt, g, precision, threads); // keeps the threads' partial dw, db
    this.weight = new ParamBuffers(rt, params.weight, precision, 1);
    this.bias = new ParamBuffers(rt, params.bias, precision, 1);
    this.addBias = params.addBias;
  }

  prepare(): void {
    this.weight.load();
    this.bias.load();
    this.kernel.packWeights(this.weight.value);
  }

  prologue(t: number): Call[] {
    return this.kernel.prologue(t);
  }

  forward(t: number, r: Range): Call[] {
    return this.kernel.forwardCalls(t, this.io.x.ptr, this.addBias ? this.bias.value : 0, this.io.z.ptr, r);
  }

  backward(t: number, r: Range): Call[] {
    const { x, dx, dz } = this.io;
    return this.kernel.backwardCalls(t, x.ptr, dz.ptr, dx?.ptr ?? 0, this.weight.grad, this.bias.grad, r);
  }

  finish(took: readonly number[], grads: boolean): void {
    this.kernel.reduceGrads(this.weight.grad, this.bias.grad, took);
    this.weight.store([0], grads);
    this.bias.store([0], grads);
  }

  params(): ParamBuffers[] {
    return [this.weight, this.bias];
  }

  release(): void {
    this.kernel.release();
    this.weight.release();
    this.bias.release();
  }
}

/**
 * A grouped conv2d with few channels per group (depthwise) on the direct grouped kernels, as
 * ConvStage: samples [n0, n1) are planes [n0·K, n1·K) forward and [n0·C, n1·C) back; each thread
 * adds its samples' dw, db into its own partial sums.
 */
export class GroupedConvStage implements Stage {
  private readonly kernel: GroupedKernel;
  private readonly addBias: boolean;
  readonly weight: ParamBuffers;
  readonly bias: ParamBuffers;

  constructor(
    rt: Runtime,
    private readonly g: Conv2dGeometry,
    params: { weight: Param; bias: Param; addBias: boolean },
    private readonly io: { x: Buffer; z: Buffer; dx: Buffer | null; dz: Buffer },
    readonly precision: Precision,
    threads: number,
  ) {
    this.kernel = new GroupedKernel(rt, g, precision, threads);
    this.weight = new ParamBuffers(rt, params.weight, precision, threads);
    this.bias = new ParamBuffers(rt, params.bias, precision, threads);
    this.addBias = params.addBias;
  }

  prepare(): void {
    this.weight.load();
    this.bias.load();
  }

  prologue(t: number): Call[] {
    return [...this.weight.zero(t), ...this.bias.zero(t)];
  }

  forward(t: number, [n0, n1]: Range): Call[] {
    const K = this.g.outChannels;
    return this.kernel.forwardCalls(t, this.io.x.ptr, this.weight.value, this.addBias ? this.bias.value : 0, this.io.z.ptr, [
      n0 * K,
      n1 * K,
    ]);
  }

  backward(t: number, [n0, n1]: Range): Call[] {
    const { x, dx, dz } = this.io;
    const { inChannels: C, outChannels: K } = this.g;
    const calls = this.kernel.backwardFilterCalls(t, x.ptr, dz.ptr, this.weight.own(t), this.bias.own(t), [n0, n1], [0, K]);
    if (dx !== null) calls.push(...this.kernel.backwardInputCalls(t, this.weight.value, dz.ptr, dx.ptr, [n0 * C, n1 * C]));
    return calls;
  }

  finish(took: readonly number[], grads: boolean): void {
    this.weight.store(took, grads);
    this.bias.store(took, grads);
  }

  params(): ParamBuffers[] {
    return [this.weight, this.bias];
  }

  release(): void {
    this.kernel.release();
    this.weight.release();
    this.bias.release();
  }
}

/** z = x·wᵀ + b for x [N, I], w [O, I], and its backward pass (dz → dx, dw, db). */
export class DenseStage implements Stage {
  private readonly weight: ParamBuffers;
  private readonly bias: ParamBuffers;
  private readonly offsW: number;
  private readonly offsX: number;
  private readonly packed: number[] = [];
  private readonly tiles: number[] = [];
  private readonly inputs: number;
  private readonly outputs: number;

  constructor(
    private readonly rt: Runtime,
    params: { weight: Param; bias: Param },
    private readonly io: { x: Buffer; z: Buffer; dx: Buffer | null; dz: Buffer },
    readonly precision: Precision,
    threads: number,
    capacity: number,
  ) {
    [this.outputs, this.inputs] = params.weight.value.shape;
    const es = BYTES[precision];
    this.weight = new ParamBuffers(rt, params.weight, precision, threads);
    this.bias = new ParamBuffers(rt, params.bias, precision, threads);
    this.offsW = rt.heap.alloc(4 * this.outputs);
    rt.heap.i32(this.offsW, this.outputs).set(Array.from({ length: this.outputs }, (_, j) => es * j * this.inputs));
    this.offsX = rt.heap.alloc(4 * capacity);
    rt.heap.i32(this.offsX, capacity).set(Array.from({ length: capacity }, (_, n) => es * n * this.inputs));
    const panels = (rows: number) => Math.ceil(rows / 4) * 4;
    const packedSize = Math.max(panels(this.outputs) * capacity, panels(capacity) * this.outputs);
    for (let t = 0; t < threads; t++) {
      this.packed.push(rt.heap.alloc(es * packedSize));
      this.tiles.push(rt.heap.alloc(128));
    }
  }

  prepare(): void {
    this.weight.load();
    this.bias.load();
  }

  prologue(t: number): Call[] {
    return [...this.weight.zero(t), ...this.bias.zero(t)];
  }

  forward(t: number, [n0, n1]: Range): Call[] {
    const args = [this.inputs, this.outputs, this.io.x.ptr, this.weight.value, this.bias.value, this.io.z.ptr, n0, n1, this.tiles[t]];
    return [{ kernel: 'denseForward', precision: this.precision, args }];
  }

  backward(t: number, [n0, n1]: Range): Call[] {
    const { inputs, outputs, precision } = this;
    const { x, dx, dz } = this.io;
    const scratch = [this.packed[t], this.tiles[t]];
    const calls: Call[] = [];
    const grads = [this.weight.own(t), this.bias.own(t)];
    calls.push({
      kernel: 'denseBackwardWeights',
      precision,
      args: [inputs, outputs, dz.ptr, x.ptr, ...grads, n0, n1, this.offsX, ...scratch],
    });
    if (dx !== null) {
      calls.push({
        kernel: 'denseBackwardInput',
        precision,
        args: [inputs, outputs, dz.ptr, this.weight.value, dx.ptr, n0, n1, this.offsW, ...scratch],
      });
    }
    return calls;
  }

  finish(took: readonly number[], grads: boolean): void {
    this.weight.store(took, grads);
    this.bias.store(took, grads);
  }

  params(): ParamBuffers[] {
    return [this.weight, this.bias];
  }

  release(): void {
    this.weight.release();
    this.bias.release();
    for (const p of [this.offsW, this.offsX, ...this.packed, ...this.tiles]) this.rt.heap.release(p);
  }
}

const ACTIVATIONS = { linear: 0, sigmoid: 1, tanh: 2, relu: 3 } as const;

/** a = f(z) elementwise; backward turns da into dz = f′(z)·da in place. */
export class ActivationStage implements Stage {
  constructor(
    private readonly kind: keyof typeof ACTIVATIONS,
    private readonly io: { z: Buffer; a: Buffer; da: Buffer },
    readonly precision: Precision,
  ) {}

  prepare(): void {}

  prologue(): Call[] {
    return [];
  }

  forward(_t: number, [n0, n1]: Range): Call[] {
    const { z, a } = this.io;
    return [
      { kernel: 'activationForward', precision: this.precision, args: [ACTIVATIONS[this.kind], z.ptr, a.ptr, n0 * z.size, n1 * z.size] },
    ];
  }

  backward(_t: number, [n0, n1]: Range): Call[] {
    const { z, a, da } = this.io;
    const args = [ACTIVATIONS[this.kind], z.ptr, a.ptr, da.ptr, da.ptr, n0 * z.size, n1 * z.size];
    return [{ kernel: 'activationBackward', precision: this.precision, args }];
  }

  finish(): void {}

  params(): ParamBuffers[] {
    return [];
  }
  release(): void {}
}

/** Max or average pooling of the planes of x [N, C, H, W] into y; backward dy → dx. */
export class PoolStage implements Stage {
  private readonly plan: number;
  private readonly argmax: number;
  private readonly channels: number;

  constructor(
    private readonly rt: Runtime,
    private readonly kind: 'max' | 'avg',
    g: Pool2dGeometry,
    private readonly io: { x: Buffer; y: Buffer; dx: Buffer | null; dy: Buffer },
    readonly precision: Precision,
    capacity: number,
  ) {
    this.plan = createPoolPlan(rt, g);
    this.argmax = kind === 'max' ? rt.heap.alloc(4 * capacity * io.y.size) : 0;
    this.channels = io.x.size / (g.inHeight * g.inWidth);
  }

  prepare(): void {}

  prologue(): Call[] {
    return [];
  }

  forward(_t: number, [n0, n1]: Range): Call[] {
    const planes = [n0 * this.channels, n1 * this.channels];
    const { x, y } = this.io;
    const args = this.kind === 'max' ? [this.plan, x.ptr, y.ptr, this.argmax, ...planes] : [this.plan, x.ptr, y.ptr, ...planes];
    return [{ kernel: this.kind === 'max' ? 'maxPoolForward' : 'avgPoolForward', precision: this.precision, args }];
  }

  backward(_t: number, [n0, n1]: Range): Call[] {
    const { dx, dy } = this.io;
    if (dx === null) return [];
    const planes = [n0 * this.channels, n1 * this.channels];
    const args = this.kind === 'max' ? [this.plan, this.argmax, dy.ptr, dx.ptr, ...planes] : [this.plan, dy.ptr, dx.ptr, ...planes];
    return [{ kernel: this.kind === 'max' ? 'maxPoolBackward' : 'avgPoolBackward', precision: this.precision, args }];
  }

  finish(): void {}

  params(): ParamBuffers[] {
    return [];
  }

  release(): void {
    this.rt.heap.release(this.plan);
    if (this.argmax !== 0) this.rt.heap.release(this.argmax);
  }
}

/** Network3's order: z[n][k][·] += b[k] in place, after pooling; the conv stage's db is ∂C/∂b. */
export class ChannelBiasStage implements Stage {
  constructor(
    private readonly bias: () => number,
    private readonly io: { z: Buffer; channels: number },
    readonly precision: Precision,
  ) {}

  prepare(): void {}

  prologue(): Call[] {
    return [];
  }

  forward(_t: number, [n0, n1]: Range): Call[] {
    const { z, channels } = this.io;
    return [{ kernel: 'addChannelBias', precision: this.precision, args: [z.ptr, this.bias(), channels, z.size / channels, n0, n1] }];
  }

  backward(): Call[] {
    return [];
  }

  finish(): void {}

  params(): ParamBuffers[] {
    return [];
  }
  release(): void {}
}
