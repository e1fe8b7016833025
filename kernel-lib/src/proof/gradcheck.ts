import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';

/** What `gradcheck` returns: both gradients (shape of x) and how far apart they are. */
export interface GradcheckResult {
  numeric: Tensor;
  analytic: Tensor;
  /** max_i |numeric_i − analytic_i| / max(|numeric_i|, |analytic_i|, floor). */
  maxRelError: number;
  /** max_i |numeric_i − analytic_i|. */
  maxAbsError: number;
}

/** Options of `gradcheck`. */
export interface GradcheckOptions {
  /** Step of the central difference (default 1e-6). For f linear or quadratic in x any step is exact. */
  eps?: number;
  /** The gradient to check, or a function computing it from x; else f must return { value, grad }. */
  analytic?: Tensor | ((x: Tensor) => Tensor);
  /** Below this magnitude errors count as absolute, so rounding noise near 0 is not amplified (default 1e-8). */
  floor?: number;
}

/** A scalar function of a tensor, optionally returning its gradient too. */
export type ScalarFunction = (x: Tensor) => number | { value: number; grad: Tensor };

function valueOf(f: ScalarFunction, x: Tensor): number {
  const r = f(x);
  return typeof r === 'number' ? r : r.value;
}

/**
 * Compares an analytic gradient with central differences:
 * numeric_i = (f(x + ε e_i) − f(x − ε e_i)) / 2ε, an O(ε²) estimate of ∂f/∂x_i. x is not modified.
 * The analytic gradient comes from `opts.analytic`, or from f returning { value, grad }.
 *
 * @example
 * const x = tensor([1, 2]);
 * gradcheck((t) => t.data[0] ** 2 + 3 * t.data[1], x, { analytic: tensor([2, 3]) }).maxRelError; // ≈ 1e-10
 */
export function gradcheck(f: ScalarFunction, x: Tensor, opts: GradcheckOptions = {}): GradcheckResult {
  const { eps = 1e-6, floor = 1e-8 } = opts;
  assert(typeof f === 'function', () => `gradcheck: f must be a function, got ${typeof f}`, TypeError);
  assert(x instanceof Tensor, () => `gradcheck: x must be a Tensor, got ${typeof x}`, TypeError);
  assert(eps > 0 && Number.isFinite(eps), () => `gradcheck: eps must be a positive number, got ${eps}`);

  let analytic: Tensor | undefined;
  if (opts.analytic instanceof Tensor) analytic = opts.analytic;
  else if (typeof opts.analytic === 'function') analytic = opts.analytic(x);
  else {
    const r = f(x);
    if (typeof r !== 'number') analytic = r.grad;
  }
  assert(
    analytic instanceof Tensor,
    () => `gradcheck: an analytic gradient is needed (opts.analytic, or f returning { value, grad }), got none`,
    TypeError,
  );
  const a = analytic;
  assert(
    fmtShape(a.shape) === fmtShape(x.shape),
    () => `gradcheck: the analytic gradient must have the shape of x ${fmtShape(x.shape)}, got ${fmtShape(a.shape)}`,
  );

  const probe = new Tensor(x.shape, Float64Array.from(x.data));
  const numeric = new Float64Array(x.size);
  let maxRelError = 0;
  let maxAbsError = 0;
  for (let i = 0; i < x.size; i++) {
    probe.data[i] = x.data[i] + eps;
    const plus = valueOf(f, probe);
    probe.data[i] = x.data[i] - eps;
    const minus = valueOf(f, probe);
    probe.data[i] = x.data[i];
    numeric[i] = (plus - minus) / (2 * eps);
    const diff = Math.abs(numeric[i] - a.data[i]);
    maxAbsError = Math.max(maxAbsError, diff);
    maxRelError = Math.max(maxRelError, diff / Math.max(Math.abs(numeric[i]), Math.abs(a.data[i]), floor));
  }
  return { numeric: new Tensor(x.shape, numeric), analytic: a, maxRelError, maxAbsError };
}
