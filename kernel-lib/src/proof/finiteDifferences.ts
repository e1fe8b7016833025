import { Rng } from '../random';
import { Tensor } from '../tensor';

/** How one gradient tensor was checked against central differences, and how far apart they are. */
export interface TensorCheck {
  /** max(coordinate error, directional error): the number reported as the tensor's relative error. */
  error: number;
  /** Cells of the tensor. */
  size: number;
  /** The checked coordinates (flat indices, ascending): all of them when size ≤ maxCoordinates, else a seeded sample. */
  indices: number[];
  /** ∂/∂ of each checked coordinate: the analytic value and its central difference (kinks: the nearer one-sided one). */
  analytic: number[];
  numeric: number[];
  /** max_i |analytic_i − numeric_i| / max_i |numeric_i| over the checked coordinates. */
  coordinateError: number;
  /** max |analytic − numeric| over the checked coordinates and directions. */
  maxAbsError: number;
  /**
   * The rounding noise of a numeric derivative, 2⁻⁵²·Σ_j |r_j·o_j| / ε: differences below it cannot be
   * resolved (a tiny gradient of a cost of size 1 has a relative error of ~1e-11/|g| at ε = 1e-5).
   */
  noise: number;
  /** Coordinates where the left and right differences disagree (a max-pool tie, ReLU at 0): no derivative. */
  kinks: number;
  /** Random unit directions v (entries ±1/√size) checked as ⟨g, v⟩ against (f(x + εv) − f(x − εv))/2ε; 0 when every coordinate is checked. */
  directions: number;
  /** Directions skipped because they cross a kink. */
  skippedDirections: number;
  /** max_v |⟨g, v⟩ − D_v f| / max_v |D_v f| over the checked directions (0 when none). */
  directionalError: number;
}

/** Options of `checkGradient`. */
export interface CheckGradientOptions {
  eps: number;
  maxCoordinates: number;
  directions: number;
  rng: Rng;
}

// A coordinate is a kink when its one-sided differences differ by more than this fraction of the
// tensor's largest derivative; for a smooth f they differ by ε·|f''|, ~1e-6 of it at ε = 1e-6.
const KINK = 1e-3;

/**
 * Checks `analytic` = ∂f/∂target by central differences, where f(target) = Σ_j r_j·output()_j and
 * `output` reads `target` (which is perturbed in place and restored bit for bit). Differences are
 * taken output by output, Σ_j r_j (o⁺_j − o⁻_j), so outputs a coordinate does not reach add no
 * rounding. One-sided differences d⁺ = (f(x+ε) − f(x))/ε, d⁻ = (f(x) − f(x−ε))/ε find kinks.
 */
export function checkGradient(
  target: Float64Array,
  analytic: Float64Array,
  output: () => Tensor,
  r: Float64Array,
  opts: CheckGradientOptions,
): TensorCheck {
  const { eps } = opts;
  const base = Float64Array.from(output().data);
  let magnitude = 0;
  for (let j = 0; j < r.length; j++) magnitude += Math.abs(r[j] * base[j]);
  const noise = (2 ** -52 * magnitude) / eps;
  /** One-sided differences [d⁺, d⁻] at step h along a move `apply(h)` of the target (apply(0) restores it). */
  const along = (apply: (h: number) => void, h: number): [number, number] => {
    const side = (step: number): number => {
      apply(step);
      const o = output().data; // may alias target (Flatten): read it before restoring
      let sum = 0;
      for (let j = 0; j < r.length; j++) sum += r[j] * (o[j] - base[j]);
      apply(0);
      return sum;
    };
    return [side(h) / h, -side(-h) / h];
  };
  const size = target.length;
  const indices = sample(size, opts.maxCoordinates, opts.rng);
  const moves = indices.map((i) => {
    const x0 = target[i];
    return (h: number) => {
      target[i] = h === 0 ? x0 : x0 + h;
    };
  });
  const picked = indices.map((i) => analytic[i]);
  const {
    numeric,
    kinks,
    error: coordinateError,
    maxAbs: coordinateAbs,
  } = compare(
    picked,
    moves.map((m) => along(m, eps)),
    moves,
    along,
    eps,
  );

  const directions = indices.length === size ? 0 : opts.directions;
  const dirAnalytic: number[] = [];
  const dirMoves: ((h: number) => void)[] = [];
  const x0 = Float64Array.from(target);
  for (let d = 0; d < directions; d++) {
    const unit = 1 / Math.sqrt(size); // ‖v‖ = 1: each cell moves ε/√size, fewer kinks crossed than with ±1
    const v = Float64Array.from({ length: size }, () => (opts.rng.uniform() < 0.5 ? -unit : unit));
    let a = 0;
    for (let i = 0; i < size; i++) a += analytic[i] * v[i];
    dirAnalytic.push(a);
    dirMoves.push((h) => {
      for (let i = 0; i < size; i++) target[i] = h === 0 ? x0[i] : x0[i] + h * v[i];
    });
  }
  const dirSides = dirMoves.map((m) => along(m, eps));
  const smooth = dirSides.map(([p, m], d) => !isKink(p, m, Math.max(Math.abs(p), Math.abs(m)), dirMoves[d], along, eps));
  const dir = compare(
    dirAnalytic.filter((_, d) => smooth[d]),
    dirSides.filter((_, d) => smooth[d]),
    [],
    along,
    eps,
  );
  return {
    error: Math.max(coordinateError, dir.error),
    size,
    indices,
    analytic: picked,
    numeric,
    coordinateError,
    maxAbsError: Math.max(coordinateAbs, dir.maxAbs),
    noise,
    kinks,
    directions: smooth.filter(Boolean).length,
    skippedDirections: directions - smooth.filter(Boolean).length,
    directionalError: dir.error,
  };
}

type Along = (apply: (h: number) => void, h: number) => [number, number];

/**
 * A kink: the one-sided differences differ by more than KINK·scale and the gap does not shrink
 * with the step (at ε/10 it keeps over half of it). For a smooth f the gap is ε·|f''|, which
 * can exceed KINK·scale where the derivative is small and the curvature is not; it then shrinks tenfold.
 */
function isKink(p: number, m: number, scale: number, move: ((h: number) => void) | undefined, along: Along, eps: number): boolean {
  if (Math.abs(p - m) <= KINK * scale) return false;
  if (move === undefined) return true;
  const [p2, m2] = along(move, eps / 10);
  return Math.abs(p2 - m2) > 0.5 * Math.abs(p - m);
}

/** Relative error max|a − n| / max|n| (0 when both vanish), with kinks resolved to the nearer one-sided difference. */
function compare(
  analytic: number[],
  sides: [number, number][],
  moves: ((h: number) => void)[],
  along: Along,
  eps: number,
): { numeric: number[]; kinks: number; error: number; maxAbs: number } {
  const central = sides.map(([p, m]) => (p + m) / 2);
  const scale = Math.max(0, ...central.map(Math.abs), ...analytic.map(Math.abs));
  let kinks = 0;
  const numeric = sides.map(([p, m], i) => {
    if (moves.length === 0 || !isKink(p, m, scale, moves[i], along, eps)) return central[i];
    kinks++;
    return Math.abs(analytic[i] - p) <= Math.abs(analytic[i] - m) ? p : m;
  });
  let diff = 0;
  let top = 0;
  numeric.forEach((n, i) => {
    diff = Math.max(diff, Math.abs(analytic[i] - n));
    top = Math.max(top, Math.abs(n));
  });
  return { numeric, kinks, error: top > 0 ? diff / top : diff === 0 ? 0 : Infinity, maxAbs: diff };
}

/** All of 0..size−1 when size ≤ max, else `max` distinct indices drawn by a partial Fisher–Yates shuffle, sorted. */
function sample(size: number, max: number, rng: Rng): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (size <= max) return all;
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(size - i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, max).sort((a, b) => a - b);
}
