// The notes' speed claim: BP2 with the explicit connection matrix already describes a conv layer
// (δ_prev = Wᵀδ), but "there are faster special algorithms": δ_prev = full(δ, rot180 w). Both are
// timed for one 5x5 kernel as the input grows from 8x8 to 64x64, their memory counted (W has
// (n−4)²·n² entries, the kernel 25), their results compared, and the growth rates fitted:
// t ∝ n^p by least squares on log t = p·log n + c (expected p ≈ 4 for Wᵀδ, ≈ 2 for the full
// correlation with its fixed k² = 25 per cell). Run alone: node bench/backprop-speed.mjs [--quick].
import { pathToFileURL } from 'node:url';
import { lib } from './convlab.mjs';
import { measure, relativeError } from './measure.mjs';

const K = 5;
const SIZES = [8, 12, 16, 24, 32, 48, 64];

/** x = Wᵀδ for W [rows, cols] (row-major), δ [rows]: the BP2 step through the dense connection matrix. */
function transposeTimes(w, rows, cols, delta, out) {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    const d = delta[r];
    if (d === 0) continue;
    const row = r * cols;
    for (let c = 0; c < cols; c++) out[c] += w[row + c] * d;
  }
  return out;
}

/** The least-squares slope and intercept of log t against log n: t ≈ e^c · n^p. */
export function powerLaw(ns, ts) {
  const x = ns.map(Math.log);
  const y = ts.map(Math.log);
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  const p = x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
  return { exponent: p, coefficient: Math.exp(my - p * mx) };
}

export function backpropSpeed({ quick = false } = {}) {
  const sizes = quick ? SIZES.filter((n) => n <= 32) : SIZES;
  const k = lib.randn([K, K], 1);
  const rows = [];
  for (const n of sizes) {
    const out = n - K + 1;
    const delta = lib.randn([out, out], n);
    const built = performance.now();
    const w = lib.connectionMatrix(k, [n, n]);
    const buildMs = performance.now() - built;
    const dense = new Float64Array(n * n);
    const rotated = lib.rot180(k);
    let full;
    const [byMatrix, byRotation] = measure(
      [
        () => transposeTimes(w.data, out * out, n * n, delta.data, dense),
        () => {
          full = lib.correlate2d(delta, rotated, 'full');
        },
      ],
      quick ? { warmup: 3, min: 5, max: 20, budgetMs: 300 } : { warmup: 5, min: 10, max: 100, budgetMs: 1500 },
    );
    rows.push({
      n,
      matrixMs: byMatrix.median,
      fullMs: byRotation.median,
      buildMs,
      matrixBytes: 8 * w.size,
      fullBytes: 8 * (K * K + full.size),
      agreement: relativeError(full.data, dense),
      scale: Math.max(...Array.from(dense, Math.abs)),
    });
  }
  // fitted from 16x16 up: below it a call's fixed cost (allocation, checks) hides the growth
  const fitted = rows.filter((r) => r.n >= 16);
  const ns = fitted.map((r) => r.n);
  const matrix = powerLaw(
    ns,
    fitted.map((r) => r.matrixMs),
  );
  const full = powerLaw(
    ns,
    fitted.map((r) => r.fullMs),
  );
  const matrixBytes = powerLaw(
    ns,
    fitted.map((r) => r.matrixBytes),
  );
  // a·n^p = b·n^q at n = (b/a)^(1/(p − q)): where the fitted lines cross (below it Wᵀδ would win)
  const crossover = (full.coefficient / matrix.coefficient) ** (1 / (matrix.exponent - full.exponent));
  return { rows, fits: { matrix, full, matrixBytes }, crossover, fasterFrom: rows.find((r) => r.fullMs < r.matrixMs)?.n ?? null };
}

export function printBackpropSpeed(result) {
  const { rows, fits, crossover, fasterFrom } = result;
  console.log('\nδ of the previous layer through one 5x5 conv: Wᵀδ (dense connection matrix) vs full(δ, rot180 w)\n');
  const head = ['input', 'Wᵀδ ms', 'full ms', 'ratio', 'build W ms', 'W MiB', 'full KiB', 'agree'];
  const body = rows.map((r) => [
    `${r.n}x${r.n}`,
    r.matrixMs.toFixed(3),
    r.fullMs.toFixed(3),
    `${(r.matrixMs / r.fullMs).toFixed(1)}x`,
    r.buildMs.toFixed(1),
    (r.matrixBytes / 2 ** 20).toFixed(2),
    (r.fullBytes / 2 ** 10).toFixed(1),
    r.agreement.toExponential(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  for (const line of [head, ...body]) console.log(line.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  console.log(
    `fitted from 16x16 up: growth Wᵀδ time ∝ n^${fits.matrix.exponent.toFixed(2)} (n⁴ expected), full ∝ n^${fits.full.exponent.toFixed(2)} (n²k², k fixed: n² expected); W's memory ∝ n^${fits.matrixBytes.exponent.toFixed(2)}`,
  );
  console.log(
    `crossover of the fitted lines at n ≈ ${crossover.toFixed(1)}; measured, full(δ, rot180 w) is faster from ${fasterFrom === null ? 'no size measured' : `${fasterFrom}x${fasterFrom}`} on`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  printBackpropSpeed(backpropSpeed({ quick: process.argv.includes('--quick') }));
