import type { DrawingActivation, DrawingConvLayer, DrawingLayer, DrawingPoolLayer } from '../contract';
import { drawingSteps } from '../contract';

/**
 * The drawing view's forward pass, the one the page runs on every stroke and the library's
 * `model.forward` agrees with (tested to float32 precision): plain loops over Float64Array, no
 * dependencies, the library's formulas for one example (batch 1):
 * - conv: z[k][r][c] = b[k] + Σ_ch Σ_l Σ_m w[k][ch][l][m]·x[ch][r·sh + l·dh − top][c·sw + m·dw − left] (zeros outside);
 *   with pooling, 'standard' pool(f(z)) and 'nielsen' f(pool(z − b) + b);
 * - pool: max over the window (padding cells −∞), or the window's sum / (sh·sw) (padding cells 0);
 * - flatten: the maps in row-major order; dense: y[j] = f(b[j] + Σ_i W[j][i]·x[i]);
 * - f: σ(z) = 1/(1 + e^(−z)) (computed as e^z/(1 + e^z) for z < 0), tanh, max(z, 0), z, and
 *   softmax(z)_j = e^(z_j − max z)/Σ_k e^(z_k − max z).
 */

/** One layer's output: shape [C, H, W] for maps, [n] for vectors. */
export interface LayerOutput {
  shape: number[];
  data: Float64Array;
}

function sigma(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** Applies f in place. */
export function activateInPlace(f: DrawingActivation, z: Float64Array): Float64Array {
  if (f === 'softmax') {
    let max = -Infinity;
    for (let j = 0; j < z.length; j++) max = Math.max(max, z[j]);
    let sum = 0;
    for (let j = 0; j < z.length; j++) sum += z[j] = Math.exp(z[j] - max);
    for (let j = 0; j < z.length; j++) z[j] /= sum;
    return z;
  }
  for (let i = 0; i < z.length; i++) {
    const v = z[i];
    z[i] = f === 'sigmoid' ? sigma(v) : f === 'tanh' ? Math.tanh(v) : f === 'relu' ? (v > 0 ? v : 0) : v;
  }
  return z;
}

function conv(l: DrawingConvLayer, x: Float64Array, [, H, W]: number[], [K, OH, OW]: number[], w: Float32Array, b: Float32Array, withBias: boolean): Float64Array {
  const [C, kh, kw] = [l.inChannels, l.kernel[0], l.kernel[1]];
  const [sh, sw] = l.stride;
  const [dh, dw] = l.dilation;
  const [top, left] = [l.padding[0], l.padding[1]];
  const out = new Float64Array(K * OH * OW);
  for (let k = 0; k < K; k++) {
    for (let r = 0; r < OH; r++) {
      for (let c = 0; c < OW; c++) {
        let z = withBias ? b[k] : 0;
        for (let ch = 0; ch < C; ch++) {
          for (let i = 0; i < kh; i++) {
            const y = r * sh + i * dh - top;
            if (y < 0 || y >= H) continue;
            for (let j = 0; j < kw; j++) {
              const xx = c * sw + j * dw - left;
              if (xx < 0 || xx >= W) continue;
              z += w[((k * C + ch) * kh + i) * kw + j] * x[(ch * H + y) * W + xx];
            }
          }
        }
        out[(k * OH + r) * OW + c] = z;
      }
    }
  }
  return out;
}

function pool(mode: 'max' | 'avg', size: readonly number[], stride: readonly number[], padding: readonly number[], x: Float64Array, [C, H, W]: number[], [OH, OW]: number[]): Float64Array {
  const out = new Float64Array(C * OH * OW);
  for (let ch = 0; ch < C; ch++) {
    for (let r = 0; r < OH; r++) {
      for (let c = 0; c < OW; c++) {
        let acc = mode === 'max' ? -Infinity : 0;
        for (let i = 0; i < size[0]; i++) {
          const y = r * stride[0] + i - padding[0];
          if (y < 0 || y >= H) continue;
          for (let j = 0; j < size[1]; j++) {
            const xx = c * stride[1] + j - padding[1];
            if (xx < 0 || xx >= W) continue;
            const v = x[(ch * H + y) * W + xx];
            acc = mode === 'max' ? (v > acc ? v : acc) : acc + v;
          }
        }
        out[(ch * OH + r) * OW + c] = mode === 'max' ? acc : acc / (size[0] * size[1]);
      }
    }
  }
  return out;
}

/**
 * Runs the layers on a 28x28 input (784 values, row-major) with the weights of the blob (each
 * layer's weight then bias, in layer order): every layer's output, the last one the model's answer.
 * The layers must be valid (as `validatePayload` checks them); a mismatch throws.
 *
 * @example
 * runDrawing(payload.layers, decodeFloat32(payload.weights)!, new Float64Array(784)).at(-1)!.data; // 10 outputs
 */
export function runDrawing(layers: readonly DrawingLayer[], weights: Float32Array, input: ArrayLike<number>): LayerOutput[] {
  const steps = drawingSteps(layers);
  if (typeof steps === 'string') throw new Error(`runDrawing: ${steps}`);
  if (input.length !== 784) throw new Error(`runDrawing: input must hold 784 values (28x28), got ${input.length}`);
  let x = Float64Array.from(input);
  let shape = [1, 28, 28];
  let offset = 0;
  const take = (n: number): Float32Array => {
    const part = weights.subarray(offset, offset + n);
    if (part.length !== n) throw new Error(`runDrawing: the weights end before layer ${layers.length} needs them`);
    offset += n;
    return part;
  };
  const outputs: LayerOutput[] = [];
  layers.forEach((l, i) => {
    const step = steps[i];
    if (l.kind === 'conv') {
      const convShape = step.convShape ?? step.shape;
      const w = take(l.outChannels * l.inChannels * l.kernel[0] * l.kernel[1]);
      const b = take(l.outChannels);
      const nielsen = l.pool?.order === 'nielsen';
      let y = conv(l, x, shape, convShape, w, b, !nielsen);
      if (l.pool) {
        if (!nielsen) activateInPlace(l.activation, y);
        y = pool(l.pool.mode, l.pool.size, l.pool.size, [0, 0], y, convShape, step.shape.slice(1));
        if (nielsen) {
          const plane = step.shape[1] * step.shape[2];
          for (let k = 0; k < y.length; k++) y[k] += b[Math.floor(k / plane)];
          activateInPlace(l.activation, y);
        }
      } else activateInPlace(l.activation, y);
      x = y;
    } else if (l.kind === 'pool') {
      const p: DrawingPoolLayer = l;
      x = pool(p.mode, p.size, p.stride, p.padding, x, shape, step.shape.slice(1));
    } else if (l.kind === 'dense') {
      const w = take(l.outputs * l.inputs);
      const b = take(l.outputs);
      const y = new Float64Array(l.outputs);
      for (let j = 0; j < l.outputs; j++) {
        let z = b[j];
        for (let k = 0; k < l.inputs; k++) z += w[j * l.inputs + k] * x[k];
        y[j] = z;
      }
      x = activateInPlace(l.activation, y);
    } else x = Float64Array.from(x);
    shape = step.shape;
    outputs.push({ shape, data: x });
  });
  if (offset !== weights.length) throw new Error(`runDrawing: the layers use ${offset} weights, the blob holds ${weights.length}`);
  return outputs;
}
