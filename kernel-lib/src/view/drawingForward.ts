import type { DrawingLayer } from '../contract';
import { drawingSteps } from '../contract';
import { type PortableStep, type PortableValue, forwardPortable } from '../portable/forward';

/**
 * The drawing view's forward pass, the one the page runs on every stroke: the payload's layers as
 * the steps of the library's portable forward pass (`forwardPortable`, the one implementation the
 * library and the page share, tested equal to `model.forward`), with every layer's output kept:
 * - conv: conv (weight [K, C, kh, kw], bias [K]) then f; with pooling, 'standard' conv, f, pool and
 *   'nielsen' conv, pool, f (pool(c) + b = pool(c + b): the bias is constant over a channel, no padding);
 * - pool: max (padding −∞) or average (divisor size², padding 0); flatten; dense then f.
 */

/** One layer's output: shape [C, H, W] for maps, [n] for vectors. */
export type LayerOutput = PortableValue;

/** The steps of the layers, each with the weights it takes from the blob (views, no copies), and the index of each layer's last step. */
export function drawingStepsOf(layers: readonly DrawingLayer[], weights: Float32Array): { steps: PortableStep[]; ends: number[] } {
  const shapes = drawingSteps(layers);
  if (typeof shapes === 'string') throw new Error(`runDrawing: ${shapes}`);
  const steps: PortableStep[] = [];
  const ends: number[] = [];
  let offset = 0;
  const take = (n: number): Float32Array => {
    if (offset + n > weights.length) throw new Error(`runDrawing: the weights end before the layers do (${weights.length} values)`);
    offset += n;
    return weights.subarray(offset - n, offset);
  };
  const act = (f: string): void => {
    if (f !== 'linear') steps.push({ kind: 'activation', activation: f as 'sigmoid' });
  };
  for (const l of layers) {
    if (l.kind === 'conv') {
      const [K, C, kh, kw] = [l.outChannels, l.inChannels, l.kernel[0], l.kernel[1]];
      const [top, left, bottom, right] = l.padding;
      const conv: PortableStep = {
        kind: 'conv',
        weight: take(K * C * kh * kw),
        weightShape: [K, C, kh, kw],
        bias: take(K),
        stride: l.stride,
        dilation: l.dilation,
        padding: [top, bottom, left, right],
      };
      steps.push(conv);
      if (!l.pool) act(l.activation);
      else {
        const pool: PortableStep = { kind: 'pool', pool: l.pool.mode, size: l.pool.size, stride: l.pool.size, padding: [0, 0] };
        if (l.pool.order === 'standard') act(l.activation);
        steps.push(pool);
        if (l.pool.order === 'nielsen') act(l.activation);
      }
    } else if (l.kind === 'pool') steps.push({ kind: 'pool', pool: l.mode, size: l.size, stride: l.stride, padding: l.padding });
    else if (l.kind === 'flatten') steps.push({ kind: 'flatten' });
    else {
      steps.push({ kind: 'dense', weight: take(l.outputs * l.inputs), weightShape: [l.outputs, l.inputs], bias: take(l.outputs) });
      act(l.activation);
    }
    ends.push(steps.length - 1);
  }
  if (offset !== weights.length) throw new Error(`runDrawing: the layers use ${offset} weights, the blob holds ${weights.length}`);
  return { steps, ends };
}

/**
 * Runs the layers on a 28x28 input (784 values, row-major) with the weights of the blob (each
 * layer's weight then bias, in layer order): every layer's output, the last one the model's answer.
 *
 * @example
 * runDrawing(payload.layers, decodeFloat32(payload.weights)!, new Float64Array(784)).at(-1)!.data; // 10 outputs
 */
export function runDrawing(layers: readonly DrawingLayer[], weights: Float32Array, input: ArrayLike<number>): LayerOutput[] {
  if (input.length !== 784) throw new Error(`runDrawing: input must hold 784 values (28x28), got ${input.length}`);
  const { steps, ends } = drawingStepsOf(layers, weights);
  const values = forwardPortable(steps, { shape: [1, 28, 28], data: Float32Array.from(input) });
  return ends.map((e) => values[e]);
}
