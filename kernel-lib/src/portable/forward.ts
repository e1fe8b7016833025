// Dependency-free (it imports only the activation table beside it): the forward pass of a portable model over float32 arrays, meant to
// run in the browser with the same formulas as the library (tested equal to Sequential.forward).

import { ACTIVATION, type ActivationName } from './activation';

/** An activation applied elementwise ('softmax': over the last axis). */
export type PortableActivation = ActivationName;

/** One step of a portable model, with its weights decoded. Shapes exclude the batch axis (one example). */
export type PortableStep =
  | {
      kind: 'conv';
      /** [K, C, kh, kw], cross-correlation as the notes' formula. */
      weight: Float32Array;
      weightShape: [number, number, number, number];
      bias: Float32Array;
      stride: [number, number];
      dilation: [number, number];
      /** Zeros added: [top, bottom, left, right]. */
      padding: [number, number, number, number];
    }
  | { kind: 'pool'; pool: 'max' | 'avg'; size: [number, number]; stride: [number, number]; padding: [number, number] }
  | { kind: 'flatten' }
  | { kind: 'dense'; weight: Float32Array; weightShape: [number, number]; bias: Float32Array }
  | { kind: 'activation'; activation: PortableActivation };

/** A value between steps: one example's shape ([C, H, W] or [n]) and its numbers, row-major. */
export interface PortableValue {
  shape: number[];
  data: Float32Array;
}

function conv(x: PortableValue, s: Extract<PortableStep, { kind: 'conv' }>): PortableValue {
  const [c, h, w] = x.shape;
  const [k, , kh, kw] = s.weightShape;
  const [top, bottom, left, right] = s.padding;
  const oh = Math.floor((h + top + bottom - s.dilation[0] * (kh - 1) - 1) / s.stride[0]) + 1;
  const ow = Math.floor((w + left + right - s.dilation[1] * (kw - 1) - 1) / s.stride[1]) + 1;
  const out = new Float32Array(k * oh * ow);
  // z[k][r][q] = b[k] + Σ_ch Σ_l Σ_m w[k][ch][l][m] · x[ch][r·s − top + l·d][q·s − left + m·d]
  for (let o = 0; o < k; o++) {
    for (let r = 0; r < oh; r++) {
      for (let q = 0; q < ow; q++) {
        let z = s.bias[o];
        for (let ch = 0; ch < c; ch++) {
          for (let l = 0; l < kh; l++) {
            const y = r * s.stride[0] - top + l * s.dilation[0];
            if (y < 0 || y >= h) continue;
            for (let m = 0; m < kw; m++) {
              const xx = q * s.stride[1] - left + m * s.dilation[1];
              if (xx < 0 || xx >= w) continue;
              z += s.weight[((o * c + ch) * kh + l) * kw + m] * x.data[(ch * h + y) * w + xx];
            }
          }
        }
        out[(o * oh + r) * ow + q] = z;
      }
    }
  }
  return { shape: [k, oh, ow], data: out };
}

function pool(x: PortableValue, s: Extract<PortableStep, { kind: 'pool' }>): PortableValue {
  const [c, h, w] = x.shape;
  const oh = Math.floor((h + 2 * s.padding[0] - s.size[0]) / s.stride[0]) + 1;
  const ow = Math.floor((w + 2 * s.padding[1] - s.size[1]) / s.stride[1]) + 1;
  const out = new Float32Array(c * oh * ow);
  // max: padding cells are −∞; avg: padding cells are 0 and the divisor is always size[0]·size[1].
  for (let ch = 0; ch < c; ch++) {
    for (let r = 0; r < oh; r++) {
      for (let q = 0; q < ow; q++) {
        let acc = s.pool === 'max' ? -Infinity : 0;
        for (let l = 0; l < s.size[0]; l++) {
          const y = r * s.stride[0] - s.padding[0] + l;
          for (let m = 0; m < s.size[1]; m++) {
            const xx = q * s.stride[1] - s.padding[1] + m;
            const inside = y >= 0 && y < h && xx >= 0 && xx < w;
            const v = inside ? x.data[(ch * h + y) * w + xx] : s.pool === 'max' ? -Infinity : 0;
            acc = s.pool === 'max' ? Math.max(acc, v) : acc + v;
          }
        }
        out[(ch * oh + r) * ow + q] = s.pool === 'max' ? acc : acc / (s.size[0] * s.size[1]);
      }
    }
  }
  return { shape: [c, oh, ow], data: out };
}

function dense(x: PortableValue, s: Extract<PortableStep, { kind: 'dense' }>): PortableValue {
  const [outputs, inputs] = s.weightShape;
  const out = new Float32Array(outputs);
  // z[j] = b[j] + Σ_k w[j][k] · x[k]
  for (let j = 0; j < outputs; j++) {
    let z = s.bias[j];
    for (let k = 0; k < inputs; k++) z += s.weight[j * inputs + k] * x.data[k];
    out[j] = z;
  }
  return { shape: [outputs], data: out };
}

function activate(x: PortableValue, f: PortableActivation): PortableValue {
  const out = new Float32Array(x.data.length);
  if (f === 'softmax') {
    // softmax over the last axis: e^(z_j − max z) / Σ_i e^(z_i − max z)
    const n = x.shape[x.shape.length - 1];
    for (let row = 0; row < out.length / n; row++) {
      let max = -Infinity;
      for (let j = 0; j < n; j++) max = Math.max(max, x.data[row * n + j]);
      let sum = 0;
      for (let j = 0; j < n; j++) sum += Math.exp(x.data[row * n + j] - max);
      for (let j = 0; j < n; j++) out[row * n + j] = Math.exp(x.data[row * n + j] - max) / sum;
    }
    return { shape: x.shape, data: out };
  }
  const g = ACTIVATION[f].f;
  for (let i = 0; i < out.length; i++) out[i] = g(x.data[i]);
  return { shape: x.shape, data: out };
}

/**
 * Runs the steps on one example x (shape without the batch axis, e.g. [1, 28, 28]) and returns the
 * value after every step (the last is the model's output), so a view can show every layer's maps.
 * Intermediate values are stored as float32; sums are taken in float64.
 *
 * @example
 * const values = forwardPortable(steps, { shape: [1, 28, 28], data: pixels });
 * values[values.length - 1].data; // the 10 class probabilities
 */
export function forwardPortable(steps: readonly PortableStep[], x: PortableValue): PortableValue[] {
  const values: PortableValue[] = [];
  let a = x;
  for (const s of steps) {
    if (s.kind === 'conv') a = conv(a, s);
    else if (s.kind === 'pool') a = pool(a, s);
    else if (s.kind === 'flatten') a = { shape: [a.data.length], data: a.data };
    else if (s.kind === 'dense') a = dense(a, s);
    else a = activate(a, s.activation);
    values.push(a);
  }
  return values;
}
