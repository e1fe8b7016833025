// Random single-channel correlation geometries for property tests, and the notes' formula written
// out literally as the independent reference.
import fc from 'fast-check';
import { Tensor, randn } from '../../../kernel-lib/src';

export interface Case {
  k: Tensor;
  a: Tensor;
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  outH: number;
  outW: number;
}

/** Kernels 1..4, inputs 1..7, strides and dilations 1..3, padding 0..3, kept only when the kernel fits. */
export function cases(): fc.Arbitrary<Case> {
  const axis = fc.record({
    k: fc.integer({ min: 1, max: 4 }),
    i: fc.integer({ min: 1, max: 7 }),
    s: fc.integer({ min: 1, max: 3 }),
    p: fc.integer({ min: 0, max: 3 }),
    d: fc.integer({ min: 1, max: 3 }),
  });
  const fits = ({ k, i, p, d }: { k: number; i: number; p: number; d: number }) => d * (k - 1) + 1 <= i + 2 * p;
  return fc
    .record({ row: axis.filter(fits), col: axis.filter(fits), seed: fc.integer({ min: 0, max: 1e6 }) })
    .map(({ row, col, seed }) => ({
      k: randn([row.k, col.k], seed),
      a: randn([row.i, col.i], seed + 1),
      stride: [row.s, col.s],
      padding: [row.p, col.p],
      dilation: [row.d, col.d],
      outH: Math.floor((row.i + 2 * row.p - row.d * (row.k - 1) - 1) / row.s) + 1,
      outW: Math.floor((col.i + 2 * col.p - col.d * (col.k - 1) - 1) / col.s) + 1,
    }));
}

/** out[r][c] = Σ_l Σ_m k[l][m]·a[r·s + l·d − p][c·s + m·d − p], zeros outside a. */
export function literalCorrelation({ k, a, stride, padding, dilation, outH, outW }: Case): number[][] {
  const [kh, kw] = k.shape;
  const [h, w] = a.shape;
  const out: number[][] = [];
  for (let r = 0; r < outH; r++) {
    out.push([]);
    for (let c = 0; c < outW; c++) {
      let sum = 0;
      for (let l = 0; l < kh; l++) {
        for (let m = 0; m < kw; m++) {
          const i = r * stride[0] + l * dilation[0] - padding[0];
          const j = c * stride[1] + m * dilation[1] - padding[1];
          if (i >= 0 && i < h && j >= 0 && j < w) sum += k.get(l, m) * a.get(i, j);
        }
      }
      out[r].push(sum);
    }
  }
  return out;
}

/** y = M·v for M [rows, cols] and a flat v. */
export function matVec(M: Tensor, v: ArrayLike<number>): number[] {
  const [rows, cols] = M.shape;
  return Array.from({ length: rows }, (_, r) => {
    let s = 0;
    for (let c = 0; c < cols; c++) s += M.data[r * cols + c] * v[c];
    return s;
  });
}

/** y = Mᵀ·v. */
export function matTVec(M: Tensor, v: ArrayLike<number>): number[] {
  const [rows, cols] = M.shape;
  const out = new Array<number>(cols).fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c] += M.data[r * cols + c] * v[r];
  return out;
}

/** max_i |x_i − y_i| / max(|x_i|, |y_i|, 1e-12) */
export function relError(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(Math.abs(x[i]), Math.abs(y[i]), 1e-12));
  return worst;
}
