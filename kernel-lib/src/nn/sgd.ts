import { assert } from '../assert';
import { Param } from './layer';

/** Options of `sgdStep`. */
export interface SgdOptions {
  /** η. */
  learningRate: number;
  /** L2 regularisation λ (default 0). */
  lambda?: number;
  /** n, the size of the whole training set (needed when λ > 0). */
  trainingSize?: number;
}

/** The factor 1 − ηλ/n by which sgdStep multiplies weights (1 with λ = 0), after checking the options. */
export function sgdDecay(opts: SgdOptions): number {
  const { learningRate: eta, lambda = 0, trainingSize } = opts;
  assert(Number.isFinite(eta) && eta > 0, () => `sgdStep: learningRate must be a positive number, got ${String(eta)}`);
  assert(Number.isFinite(lambda) && lambda >= 0, () => `sgdStep: lambda must be a non-negative number, got ${String(lambda)}`);
  assert(
    lambda === 0 || (Number.isInteger(trainingSize) && (trainingSize as number) > 0),
    () => `sgdStep: trainingSize must be a positive integer when lambda > 0, got ${String(trainingSize)}`,
  );
  return lambda === 0 ? 1 : 1 - (eta * lambda) / (trainingSize as number);
}

/**
 * One step of mini-batch gradient descent with L2 weight decay, Nielsen's rule (ch. 3):
 *   w ← (1 − ηλ/n)·w − (η/m)·Σ_x ∇_w C_x,   b ← b − (η/m)·Σ_x ∇_b C_x.
 * Our losses already average over the mini-batch of m examples, so each param's grad is
 * (1/m)·Σ_x ∇C_x and the step is w ← (1 − ηλ/n)·w − η·grad. Biases are not decayed. Param
 * values are updated in place (only params; inputs and grads are left as they are).
 *
 * @example
 * sgdStep(net.params, { learningRate: 0.1, lambda: 5, trainingSize: 50000 });
 */
export function sgdStep(params: readonly Param[], opts: SgdOptions): void {
  const eta = opts.learningRate;
  const decay = sgdDecay(opts);
  for (const p of params) {
    const w = p.value.data;
    const g = p.grad.data;
    const keep = p.name === 'weight' ? decay : 1;
    for (let i = 0; i < w.length; i++) w[i] = keep * w[i] - eta * g[i];
  }
}
