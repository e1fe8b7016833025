import type { Activation, ComparePayload, ConvBackwardPayload, ConvPayload, Plane } from '../contract';
import { ACTIVATION } from '../portable/activation';
import { type Spacing, convTaps, spacingOf } from './windows';

/**
 * What the payloads mean, as pure functions shared by the library (fallbacks) and the extension
 * (hover text, highlights): the terms of a convolution sum, the cells δ gathers from, pooling
 * windows, differences. Indices are 0-based here; views write them in the payload's numbering (labels.ts).
 */

/**
 * The activations of the forward view: the library's one table (portable/activation.ts) with σ's
 * symbol as the sums write it ('' for linear: a = z) and σ itself. 'identity' is the earlier name of 'linear', read from older payloads.
 */
export const ACTIVATIONS: Readonly<Record<Activation, { symbol: string; f: (z: number) => number }>> = {
  ...ACTIVATION,
  identity: ACTIVATION.linear,
};

/** σ of the forward view, applied to z. */
export function activate(activation: Activation, z: number): number {
  return ACTIVATIONS[activation].f(z);
}

/** One product of a sum: weight · value, with where each factor sits (0-based [row, col]). */
export interface Term {
  weight: number;
  value: number;
  /** Position of the weight in the kernel shown (w for forward, rot180(w) for backward). */
  at: [number, number];
  /** Position of the value in its matrix (the input x, or δ of the later layer). */
  from: [number, number];
  /** The input channel (0-based) of a multi-channel convolution; 0 for one channel. */
  channel: number;
}

/**
 * The notes' sum for output (r, c): z = b + Σ_l Σ_m w[l][m]·x[r+l][c+m], and a = σ(z); with a
 * stride, padding or dilation (`windows.ts`) x[r·s − top + l·d][c·s − left + m·d], the taps on the
 * zero padding left out of the terms (they add nothing). With `channels` C, the sum runs over every
 * channel k too (x_k and w_k the k-th planes of input.data and kernel.data), channel by channel.
 */
export function convTerms(
  p: Pick<ConvPayload, 'input' | 'kernel' | 'bias' | 'activation'> & Partial<Spacing> & { channels?: number },
  r: number,
  c: number,
): { terms: Term[]; z: number; a: number } {
  const [kh, kw] = p.kernel.shape;
  const [h, w] = p.input.shape;
  const terms: Term[] = [];
  let z = p.bias;
  const taps = convTaps(p.input.shape, p.kernel.shape, spacingOf(p), r, c).filter((t) => t.inside);
  for (let channel = 0; channel < (p.channels ?? 1); channel++) {
    for (const t of taps) {
      const weight = p.kernel.data[channel * kh * kw + t.at[0] * kw + t.at[1]];
      const value = p.input.data[channel * h * w + t.from[0] * w + t.from[1]];
      terms.push({ weight, value, at: t.at, from: t.from, channel });
      z += weight * value;
    }
  }
  return { terms, z, a: activate(p.activation, z) };
}

/**
 * δ_prev[i][j] = Σ_a Σ_b rot180(w)[a][b]·δ[i − kh + 1 + a][j − kw + 1 + b]: the terms whose δ cell
 * exists (the others are the zero padding of 'full' mode). `at` indexes rot180(w).
 */
export function convBackwardTerms(p: Pick<ConvBackwardPayload, 'delta' | 'kernel'>, i: number, j: number): { terms: Term[]; sum: number } {
  const [kh, kw] = p.kernel.shape;
  const [dh, dw] = p.delta.shape;
  const terms: Term[] = [];
  let sum = 0;
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const r = i - kh + 1 + a;
      const c = j - kw + 1 + b;
      if (r < 0 || r >= dh || c < 0 || c >= dw) continue;
      const weight = p.kernel.data[(kh - 1 - a) * kw + (kw - 1 - b)];
      const value = p.delta.data[r * dw + c];
      terms.push({ weight, value, at: [a, b], from: [r, c], channel: 0 });
      sum += weight * value;
    }
  }
  return { terms, sum };
}

/** The turned kernel rot180(w)[a][b] = w[kh−1−a][kw−1−b]. */
export function rotated(kernel: Plane): Plane {
  return { shape: [kernel.shape[0], kernel.shape[1]], data: [...kernel.data].reverse() };
}

/** The cells [row, col] of pooling window (r, c) of a tiling with windows size[0] x size[1]. */
export function poolWindow(size: readonly number[], r: number, c: number): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  for (let l = 0; l < size[0]; l++) for (let m = 0; m < size[1]; m++) cells.push([r * size[0] + l, c * size[1] + m]);
  return cells;
}

/** Differences of each later item to the first (item − first), and the largest |difference|. */
export function differences(p: Pick<ComparePayload, 'items'>): { diffs: number[][]; maxAbsError: number } {
  const [first, ...rest] = p.items;
  let maxAbsError = 0;
  const diffs = rest.map((item) =>
    item.data.map((v, i) => {
      const d = v - first.data[i];
      maxAbsError = Math.max(maxAbsError, Math.abs(d));
      return d;
    }),
  );
  return { diffs, maxAbsError };
}

/** Formats a number for labels and text: 4 significant digits, exponent only for extreme magnitudes. */
export function formatValue(value: number, digits = 4): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-3 && magnitude < 1e5 ? String(Number(value.toPrecision(digits))) : value.toExponential(Math.max(0, digits - 1));
}
