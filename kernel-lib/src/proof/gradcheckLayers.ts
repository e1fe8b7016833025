import { assert } from '../assert';
import { Rng } from '../random';
import { Tensor } from '../tensor';
import type { Layer, Param } from '../nn/layer';
import type { LossName } from '../nn/losses';
import { Sequential } from '../nn/Sequential';
import { TensorCheck, checkGradient } from './finiteDifferences';
import { costFrom, forwardActivations } from './network';

/** Options of `gradcheckLayers`. */
export interface GradcheckLayersOptions {
  loss: LossName;
  /** Step ε of the central differences (default 1e-5: rounding in C(θ ± ε) stays ~1e-11, truncation ~1e-10). */
  eps?: number;
  /** Seed of the upstream δ, the sampled coordinates and the directions (default 0). */
  seed?: number;
  /** A tensor with at most this many cells is checked at every cell; a larger one at this many seeded cells (default 64). */
  maxCoordinates?: number;
  /** Random unit directions (entries ±1/√size) checked in addition on a sampled tensor, covering every cell at once (default 4). */
  directions?: number;
  /** An entry is `ok` when every error is at most this (default 1e-6). */
  tolerance?: number;
}

/** One layer's check: relative errors max|analytic − numeric| / max|numeric| (null: no such tensor). */
export interface LayerGradcheck {
  /** 0-based index in model.layers. */
  layer: number;
  name: string;
  /** The layer on its own: the δ it passes down (∂/∂input), its ∂/∂w and ∂/∂b, for its actual input and a seeded upstream δ. */
  delta: number | null;
  weight: number | null;
  bias: number | null;
  /** The whole network: this layer's ∂C/∂w and ∂C/∂b from model.computeGrads against differences of the cost C. */
  network: { weight: number | null; bias: number | null };
  /** Every error above ≤ tolerance, or its absolute error within 100× the rounding noise of the differences (see TensorCheck.noise). */
  ok: boolean;
  eps: number;
  tolerance: number;
  /** What was checked, coordinate by coordinate, for each number above (for residual views). */
  checks: {
    delta: TensorCheck | null;
    weight: TensorCheck | null;
    bias: TensorCheck | null;
    network: { weight: TensorCheck | null; bias: TensorCheck | null };
  };
}

/**
 * A gradient check layer by layer, so that a wrong backward pass is found at its own layer and not
 * in the layers below it. With a = the layer's actual input (from a forward pass of the model on x)
 * and R a seeded upstream δ of its output's shape (random signs, |R| ∈ [1, 2] so that a kink's
 * jump shows), the layer's backward(R) must give the gradients of L(a, w, b) = ⟨R, layer.forward(a)⟩:
 * the δ it passes down ∂L/∂a, and ∂L/∂w, ∂L/∂b; each is compared with the central differences
 * (L(θ + ε) − L(θ − ε))/2ε. Then the whole network: ∂C/∂w and ∂C/∂b left by model.computeGrads
 * against central differences of the cost C(x, y). Float64 throughout.
 *
 * Cost: each checked coordinate costs two forward passes (of the layer, or of the network from
 * that layer up). A tensor of at most `maxCoordinates` cells is checked at every cell; a larger one
 * at `maxCoordinates` seeded cells plus `directions` random unit directions v with entries ±1/√size (⟨g, v⟩ against the
 * derivative along v, which involves every cell). Where the left and right differences disagree
 * (a tie in a max pool, ReLU at 0) there is no derivative: the analytic value is compared with the
 * nearer one-sided difference and the cell is counted in `checks.*.kinks`.
 * Params are restored bit for bit; grads are left as model.computeGrads(x, y, loss) leaves them.
 *
 * @example
 * const checks = gradcheckLayers(net, x, y, { loss: 'softmaxCrossEntropy' });
 * checks.map((c) => [c.name, c.delta, c.weight, c.bias]); // each ≤ 1e-6
 * checks.find((c) => !c.ok)?.layer;                        // the first wrong layer, if any
 */
export function gradcheckLayers(model: Sequential, x: Tensor, y: Tensor, opts: GradcheckLayersOptions): LayerGradcheck[] {
  const op = 'gradcheckLayers';
  assert(model instanceof Sequential, () => `${op}: model must be a Sequential, got ${typeof model}`, TypeError);
  assert(x instanceof Tensor && y instanceof Tensor, () => `${op}: x and y must be Tensors, got ${typeof x} and ${typeof y}`, TypeError);
  assert(typeof opts === 'object' && opts !== null, () => `${op}: options { loss } are needed, got ${String(opts)}`, TypeError);
  const { loss, eps = 1e-5, seed = 0, maxCoordinates = 64, directions = 4, tolerance = 1e-6 } = opts;
  assert(eps > 0 && Number.isFinite(eps), () => `${op}: eps must be a positive number, got ${eps}`);
  assert(
    Number.isInteger(maxCoordinates) && maxCoordinates > 0,
    () => `${op}: maxCoordinates must be a positive integer, got ${maxCoordinates}`,
  );
  assert(Number.isInteger(directions) && directions >= 0, () => `${op}: directions must be a non-negative integer, got ${directions}`);
  assert(tolerance > 0, () => `${op}: tolerance must be positive, got ${tolerance}`);
  const rng = new Rng(seed);
  const fd = { eps, maxCoordinates, directions, rng };

  model.computeGrads(x, y, loss); // checks x, y and the loss with the model's own messages
  const networkGrads = new Map(model.params.map((p) => [p, Float64Array.from(p.grad.data)]));
  const inputs = forwardActivations(model, x);
  const network = model.layers.map((_, l) => {
    const byName = (name: Param['name']): TensorCheck | null => {
      const p = model.layers[l].params.find((q) => q.name === name);
      if (p === undefined) return null;
      const cost = new Float64Array([1]);
      return checkGradient(
        p.value.data,
        networkGrads.get(p) as Float64Array,
        () => new Tensor([1], new Float64Array([costFrom(model, l, inputs[l], y, loss)])),
        cost,
        fd,
      );
    };
    return { weight: byName('weight'), bias: byName('bias') };
  });

  const entries = model.layers.map((layer, l): LayerGradcheck => {
    const local = checkLayer(layer, inputs[l], fd);
    const checks = { ...local, network: network[l] };
    const all = [local.delta, local.weight, local.bias, network[l].weight, network[l].bias];
    const errors = all.map((c) => c?.error ?? null);
    return {
      layer: l,
      name: layer.name,
      delta: errors[0],
      weight: errors[1],
      bias: errors[2],
      network: { weight: errors[3], bias: errors[4] },
      ok: all.every((c) => c === null || c.error <= tolerance || c.maxAbsError <= 100 * c.noise),
      eps,
      tolerance,
      checks,
    };
  });
  model.computeGrads(x, y, loss);
  return entries;
}

/** One layer on its own, at input a with upstream δ R: backward(R) against differences of ⟨R, forward(a)⟩. */
function checkLayer(layer: Layer, a: Tensor, fd: { eps: number; maxCoordinates: number; directions: number; rng: Rng }) {
  const out = layer.forward(a, true);
  const r = Float64Array.from({ length: out.size }, () => (fd.rng.uniform() < 0.5 ? -1 : 1) * (1 + fd.rng.uniform()));
  const dx = layer.backward(new Tensor(out.shape, r));
  assert(
    dx instanceof Tensor && dx.size === a.size,
    () =>
      `gradcheckLayers: ${layer.name}.backward must return a Tensor of the input's size ${a.size}, got ${dx instanceof Tensor ? dx.size : typeof dx}`,
    TypeError,
  );
  const analytic = Float64Array.from(dx.data);
  const grads = new Map(layer.params.map((p) => [p.name, Float64Array.from(p.grad.data)]));
  const probe = new Tensor(a.shape, Float64Array.from(a.data));
  const delta = checkGradient(probe.data, analytic, () => layer.forward(probe, true), r, fd);
  const byName = (name: Param['name']): TensorCheck | null => {
    const p = layer.params.find((q) => q.name === name);
    if (p === undefined) return null;
    return checkGradient(p.value.data, grads.get(name) as Float64Array, () => layer.forward(a, true), r, fd);
  };
  return { delta, weight: byName('weight'), bias: byName('bias') };
}
