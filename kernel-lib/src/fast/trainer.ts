import { AvgPool2D, MaxPool2D } from '../nn/Pool2D';
import { Conv2D } from '../nn/Conv2D';
import { ConvPool2D } from '../nn/ConvPool2D';
import { Dense } from '../nn/Dense';
import { Flatten } from '../nn/Flatten';
import type { LossName } from '../nn/losses';
import type { Sequential } from '../nn/Sequential';
import { conv2dGeometry } from '../ops/conv2dGeometry';
import { AVG_POOL2D_OPTIONS, MAX_POOL2D_OPTIONS, pool2dGeometry } from '../ops/pool2dGeometry';
import { Tensor } from '../tensor';
import { engine, noteFallback } from './backend';
import { BYTES, type Precision, type Runtime } from './runtime';
import {
  ActivationStage,
  type Buffer,
  ChannelBiasStage,
  ConvStage,
  DenseStage,
  GroupedConvStage,
  PoolStage,
  type Range,
  type Stage,
} from './stages';
import { DIRECT_CHANNELS, isDirectGrouped } from './groupedKernel';
import type { Call, Pool } from './threads';

/** Fewest samples in a range of the batch: fewer would shorten the dense layers' products. */
const GRAIN = 16;

/** The element type of a fast training pass: float64 matches the model's own pass within 1e-12. */
export type TrainPrecision = 'float64' | 'float32';

interface Compiled {
  readonly key: string;
  readonly capacity: number;
  readonly stages: Stage[];
  readonly input: Buffer;
  readonly targets: Buffer;
  /** The network's output: softmax probabilities or the last activation. */
  readonly output: Buffer;
  /** Per-sample losses, f64 (a pointer). */
  readonly losses: number;
  readonly head: (t: number, r: Range, batch: number) => Call[];
  readonly buffers: number[];
}

/**
 * `model.computeGrads(x, y, loss)` run as one compiled pass in WebAssembly: every layer's forward
 * and backward kernels over buffers allocated once (grown only for a larger batch), the batch
 * split over the threads, each thread's parameter gradients summed at the end and copied into
 * the params' grad tensors. Parameters are read from the model at every call, so `sgdStep` on
 * the model works as usual. Layer caches (e.g. `Dense.logits`) are not filled.
 *
 * `fastTrainer` returns null when the fast kernels are off or unavailable, or the model has a
 * layer other than Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten and Dense (a ConvTranspose2D
 * for one), or a grouped convolution with more than 16 input channels per group; callers then use `model.computeGrads`. Each such fallback is named, with its
 * reason, by `kernelStatus().fallback`.
 *
 * @example
 * const trainer = fastTrainer(net, 'softmaxCrossEntropy', 'float32');
 * const { loss } = trainer?.computeGrads(x, y) ?? net.computeGrads(x, y, 'softmaxCrossEntropy');
 * sgdStep(net.params, { learningRate: 0.1 });
 * trainer?.release();
 */
export class FastTrainer {
  /** The compiled pass, held apart from the trainer so that `collected` can free it. */
  private readonly held: { compiled: Compiled | null } = { compiled: null };
  private readonly precision: Precision;

  private constructor(
    private readonly rt: Runtime,
    private readonly pool: Pool,
    private readonly model: Sequential,
    private readonly loss: LossName,
    precision: TrainPrecision,
  ) {
    this.precision = precision === 'float64' ? 'f64' : 'f32';
    collected.register(this, { rt, held: this.held });
  }

  static create(model: Sequential, loss: LossName, precision: TrainPrecision): FastTrainer | null {
    if (precision !== 'float64' && precision !== 'float32') {
      throw new TypeError(`fastTrainer: precision must be 'float64' or 'float32', got ${JSON.stringify(precision)}`);
    }
    const e = engine();
    if (e === null) return null;
    const supported = [Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten, Dense];
    const fallback = (why: string) => {
      noteFallback('fit', `${why}; training runs layer by layer (each op on its own fast kernels)`);
      return null;
    };
    if (loss !== 'quadratic' && loss !== 'softmaxCrossEntropy') return fallback(`the whole-step trainer has no loss ${String(loss)}`);
    for (const layer of model.layers) {
      if (!supported.some((kind) => layer instanceof kind)) return fallback(`the whole-step trainer does not cover ${layer.name}`);
      const conv = layer instanceof Conv2D ? layer : layer instanceof ConvPool2D ? layer.conv : undefined;
      const groups = conv?.geometry.groups ?? 1;
      const [, perGroup] = conv?.weight.value.shape ?? [0, 0];
      if (groups > 1 && perGroup > DIRECT_CHANNELS) {
        return fallback(
          `the whole-step trainer covers grouped convolution up to ${DIRECT_CHANNELS} input channels per group, ${layer.name} has ${perGroup}`,
        );
      }
    }
    return new FastTrainer(e.rt, e.pool, model, loss, precision);
  }

  /**
   * The loss (mean over the batch) and the network's output; leaves ∂C/∂p in every param's grad.
   * Shapes the fast pass cannot take (e.g. a Dense whose inputs do not match) are handed to
   * `model.computeGrads`, which reports them.
   */
  computeGrads(x: Tensor, y: Tensor): { loss: number; output: Tensor } {
    return this.pass(x, y, true) ?? this.model.computeGrads(x, y, this.loss);
  }

  /**
   * computeGrads then sgdStep(model.params, { learningRate, … }) with `decay` = sgdDecay(…), the
   * update done in the kernels' memory: the params' values are updated, their grads are not
   * written (fit's step: one copy of each parameter in and one out, no gradient copy).
   * Float64 gives sgdStep's values bit for bit; float32 updates float32 copies of the values.
   * Null, having changed nothing, for a batch the fast pass cannot take (reported as in
   * computeGrads): the caller then runs model.computeGrads and sgdStep.
   */
  step(x: Tensor, y: Tensor, { learningRate, decay }: { learningRate: number; decay: number }): { loss: number; output: Tensor } | null {
    const result = this.pass(x, y, false);
    if (result === null) return null;
    for (const s of this.held.compiled!.stages) for (const p of s.params()) p.sgd(learningRate, p.param.name === 'weight' ? decay : 1);
    return result;
  }

  /** One compiled pass over the batch; null (reported) when the fast pass cannot take it. */
  private pass(x: Tensor, y: Tensor, grads: boolean): { loss: number; output: Tensor } | null {
    if (!(x instanceof Tensor && y instanceof Tensor) || x.rank < 2) return null;
    this.pool.settle(); // a round left open by an interrupted call ends before this pass writes memory
    const n = x.shape[0];
    const c = this.compile(x.shape.slice(1), n);
    if (c === null || y.size !== n * c.output.size) {
      noteFallback(
        'fit',
        `the whole-step trainer cannot take samples ${x.shape.slice(1).join('x')} through ${this.model.layers.map((l) => l.name).join(', ')}; this batch ran layer by layer`,
      );
      return null;
    }
    const { heap } = this.rt;
    heap.view(this.precision, c.input.ptr, x.size).set(x.data);
    heap.view(this.precision, c.targets.ptr, y.size).set(y.data);
    for (const s of c.stages) s.prepare();
    const backward = [...c.stages].reverse();
    const took = this.pool.run({
      items: n,
      grain: GRAIN,
      prologue: (t) => c.stages.flatMap((s) => s.prologue(t)),
      calls: (t, r) => [...c.stages.flatMap((s) => s.forward(t, r)), ...c.head(t, r, n), ...backward.flatMap((s) => s.backward(t, r))],
    });
    for (const s of c.stages) s.finish(took, grads);
    const loss = heap.f64(c.losses, n).reduce((a, b) => a + b, 0) / n;
    return { loss, output: new Tensor([n, c.output.size], Float64Array.from(heap.view(this.precision, c.output.ptr, y.size))) };
  }

  /** Frees the kernels' memory held by the compiled pass (also done once the trainer is garbage). */
  release(): void {
    if (this.held.compiled !== null) free(this.rt, this.held.compiled);
    this.held.compiled = null;
  }

  private compile(sample: readonly number[], batch: number): Compiled | null {
    const key = sample.join('x');
    const current = this.held.compiled;
    if (current !== null && current.key === key && current.capacity >= batch) return current;
    this.release();
    const parts = { stages: [] as Stage[], buffers: [] as number[] };
    let built: Compiled | null = null;
    try {
      built = this.build(key, sample, batch, parts);
    } catch (e) {
      // RangeError: a layer does not fit its input, or the kernels' memory is full.
      if (!(e instanceof RangeError)) {
        free(this.rt, parts);
        throw e;
      }
    }
    if (built === null) free(this.rt, parts);
    this.held.compiled = built;
    return built;
  }

  /** Stages and buffers for samples of shape `sample`; null when a layer does not fit its input. */
  private build(
    key: string,
    sample: readonly number[],
    capacity: number,
    { stages, buffers }: { stages: Stage[]; buffers: number[] },
  ): Compiled | null {
    const { rt, precision } = this;
    const threads = this.pool.threads;
    const buf = (size: number): Buffer => {
      const ptr = rt.heap.alloc(BYTES[precision] * capacity * size);
      buffers.push(ptr);
      return { ptr, size };
    };
    const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
    let shape = [...sample];
    const input = buf(size(shape));
    let cur = input;
    let grad: Buffer | null = null;
    const layers = this.model.layers;
    for (const [i, layer] of layers.entries()) {
      if (layer instanceof Conv2D || layer instanceof ConvPool2D) {
        const conv = layer instanceof Conv2D ? layer : layer.conv;
        const g = conv2dGeometry('Conv2D', [capacity, ...shape], conv.weight.value.shape, conv.geometry);
        shape = [g.outChannels, g.outHeight, g.outWidth];
        const z = buf(size(shape));
        const dz = buf(size(shape));
        const params = { weight: conv.weight, bias: conv.bias };
        const Stage = isDirectGrouped(g) ? GroupedConvStage : ConvStage;
        if (layer instanceof ConvPool2D && layer.order === 'nielsen') {
          const convStage = new Stage(rt, g, { ...params, addBias: false }, { x: cur, z, dx: grad, dz }, precision, threads);
          stages.push(convStage);
          const pg = pool2dGeometry('ConvPool2D', [capacity, ...shape], { size: layer.poolSize });
          shape = [shape[0], pg.outHeight, pg.outWidth];
          const [p, a, da] = [buf(size(shape)), buf(size(shape)), buf(size(shape))];
          stages.push(new PoolStage(rt, layer.pool, pg, { x: z, y: p, dx: dz, dy: da }, precision, capacity));
          stages.push(new ChannelBiasStage(() => convStage.bias.value, { z: p, channels: shape[0] }, precision));
          stages.push(new ActivationStage(conv.activation, { z: p, a, da }, precision));
          [cur, grad] = [a, da];
          continue;
        }
        const a = buf(size(shape));
        stages.push(new Stage(rt, g, { ...params, addBias: true }, { x: cur, z, dx: grad, dz }, precision, threads));
        stages.push(new ActivationStage(conv.activation, { z, a, da: dz }, precision));
        [cur, grad] = [a, dz];
        if (layer instanceof ConvPool2D) {
          const pg = pool2dGeometry('ConvPool2D', [capacity, ...shape], { size: layer.poolSize });
          shape = [shape[0], pg.outHeight, pg.outWidth];
          const [p, dp] = [buf(size(shape)), buf(size(shape))];
          stages.push(new PoolStage(rt, layer.pool, pg, { x: cur, y: p, dx: grad, dy: dp }, precision, capacity));
          [cur, grad] = [p, dp];
        }
      } else if (layer instanceof MaxPool2D || layer instanceof AvgPool2D) {
        const known = layer instanceof MaxPool2D ? MAX_POOL2D_OPTIONS : AVG_POOL2D_OPTIONS;
        const pg = pool2dGeometry(layer.name, [capacity, ...shape], layer.options, known);
        shape = [...shape.slice(0, -2), pg.outHeight, pg.outWidth];
        const [p, dp] = [buf(size(shape)), buf(size(shape))];
        const kind = layer instanceof MaxPool2D ? 'max' : 'avg';
        stages.push(new PoolStage(rt, kind, pg, { x: cur, y: p, dx: grad, dy: dp }, precision, capacity));
        [cur, grad] = [p, dp];
      } else if (layer instanceof Flatten) {
        shape = [size(shape)];
      } else if (layer instanceof Dense) {
        const [outputs, inputs] = layer.weight.value.shape;
        if (shape.length !== 1 || shape[0] !== inputs) return null;
        shape = [outputs];
        const [z, dz] = [buf(outputs), buf(outputs)];
        const params = { weight: layer.weight, bias: layer.bias };
        stages.push(new DenseStage(rt, params, { x: cur, z, dx: grad, dz }, precision, threads, capacity));
        if (layer.activation === 'softmax') {
          if (i !== layers.length - 1 || this.loss !== 'softmaxCrossEntropy') return null;
          [cur, grad] = [z, dz];
          continue;
        }
        const a = buf(outputs);
        stages.push(new ActivationStage(layer.activation, { z, a, da: dz }, precision));
        [cur, grad] = [a, dz];
      }
    }
    if (shape.length !== 1 || grad === null) return null;
    const last = layers[layers.length - 1];
    const softmax = last instanceof Dense && last.activation === 'softmax';
    if (softmax !== (this.loss === 'softmaxCrossEntropy')) return null;
    const targets = buf(shape[0]);
    const output = softmax ? buf(shape[0]) : cur;
    const losses = rt.heap.alloc(8 * capacity);
    buffers.push(losses);
    const [logits, dOut, m] = [cur, grad, shape[0]];
    const head = (_t: number, [n0, n1]: Range, batch: number): Call[] =>
      softmax
        ? [{ kernel: 'softmaxCrossEntropy', precision, args: [logits.ptr, targets.ptr, output.ptr, dOut.ptr, losses, m, n0, n1, batch] }]
        : [{ kernel: 'quadraticLoss', precision, args: [cur.ptr, targets.ptr, dOut.ptr, losses, m, n0, n1, batch] }];
    return { key, capacity, stages, input, targets, output, losses, head, buffers };
  }
}

function free(rt: Runtime, parts: { stages: Stage[]; buffers: number[] }): void {
  for (const s of parts.stages) s.release();
  for (const p of parts.buffers) rt.heap.release(p);
}

/** Frees a trainer's compiled pass once the trainer itself is garbage. */
const collected = new FinalizationRegistry<{ rt: Runtime; held: { compiled: Compiled | null } }>(({ rt, held }) => {
  if (held.compiled !== null) free(rt, held.compiled);
  held.compiled = null;
});

/**
 * A FastTrainer for `model`, or null where the fast kernels are off or unavailable or the model
 * has a layer they do not cover (see FastTrainer).
 */
export function fastTrainer(model: Sequential, loss: LossName, precision: TrainPrecision = 'float64'): FastTrainer | null {
  return FastTrainer.create(model, loss, precision);
}
