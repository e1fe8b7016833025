import { assert, fmtShape } from '../assert';
import { Rng } from '../random';
import { Tensor } from '../tensor';

/**
 * A trainable tensor with its gradient buffer (same shape). `value` is updated in place by
 * `sgdStep`; `grad` is overwritten by each backward pass with ∂C/∂value. Weight decay applies to
 * params named 'weight' only, as in Nielsen's book.
 */
export interface Param {
  readonly name: 'weight' | 'bias';
  readonly value: Tensor;
  readonly grad: Tensor;
}

/**
 * A layer: `forward` caches what `backward` needs; `backward(dy)` takes dy = ∂C/∂output, fills each
 * param's grad and returns dx = ∂C/∂input. `training` is passed by models for layers that behave
 * differently while training (none do yet).
 */
export interface Layer {
  /** A short description, e.g. 'Conv2D(1→20, 5x5, sigmoid)'. */
  readonly name: string;
  readonly params: readonly Param[];
  forward(x: Tensor, training?: boolean): Tensor;
  backward(dy: Tensor): Tensor;
}

/**
 * The number of trainable numbers: Σ over params of their size.
 *
 * @example
 * countParams(new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 5 }).params); // 5·5 + 1 = 26
 */
export function countParams(params: readonly Param[]): number {
  return params.reduce((sum, p) => sum + p.value.size, 0);
}

/**
 * Nielsen's initialisation (network2's default): weights ~ N(0, 1/fanIn), i.e. standard deviation
 * 1/√fanIn, biases ~ N(0, 1), drawn in that order from one Rng(seed). A given weight or bias
 * tensor is copied instead, after checking its shape.
 */
export function initParams(
  op: string,
  shapes: { weight: readonly number[]; bias: readonly number[]; fanIn: number },
  given: { seed?: number; weight?: Tensor; bias?: Tensor },
): [Param, Param] {
  const rng = new Rng(given.seed ?? 0);
  const make = (name: 'weight' | 'bias', shape: readonly number[], std: number, t: Tensor | undefined): Param => {
    const size = shape.reduce((a, b) => a * b, 1);
    let data: Float64Array;
    if (t !== undefined) {
      assert(t instanceof Tensor, () => `${op}: ${name} must be a Tensor, got ${typeof t}`, TypeError);
      assert(fmtShape(t.shape) === fmtShape(shape), () => `${op}: ${name} must have shape ${fmtShape(shape)}, got ${fmtShape(t.shape)}`);
      data = Float64Array.from(t.data);
    } else {
      data = new Float64Array(size);
      for (let i = 0; i < size; i++) data[i] = std * rng.normal();
    }
    return { name, value: new Tensor(shape, data), grad: new Tensor(shape, new Float64Array(size)) };
  };
  return [make('weight', shapes.weight, 1 / Math.sqrt(shapes.fanIn), given.weight), make('bias', shapes.bias, 1, given.bias)];
}

/** Checks that a forward pass has filled the cache before `backward` reads it. */
export function cached<T>(op: string, value: T | undefined): T {
  assert(value !== undefined, () => `${op}: backward needs a forward pass first, got none`, Error);
  return value;
}

/** Copies a freshly computed gradient into a param's buffer (no reallocation of the buffer). */
export function setGrad(p: Param, g: Tensor): void {
  p.grad.data.set(g.data);
}
