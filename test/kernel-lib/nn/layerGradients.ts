// Finite-difference checks of a layer's backward pass: with a fixed random R of the output's shape,
// L(x, θ) = Σ R ⊙ layer.forward(x) has ∂L/∂output = R, so backward(R) must give ∂L/∂x and ∂L/∂θ.
// eps = 1e-5 balances truncation (O(eps²)) against rounding in the sum (O(1e-16·|L|/eps)).
import { Layer, Tensor, gradcheck, randn } from '../../../kernel-lib/src';

const EPS = 1e-5;
const dot = (a: Tensor, b: Tensor): number => a.data.reduce((s, v, i) => s + v * b.data[i], 0);

/** Largest relative error over dx and every param's grad. */
export function layerGradError(layer: Layer, x: Tensor, seed = 99): { dx: number; params: number[] } {
  const r = randn(layer.forward(x).shape, seed);
  const dx = layer.backward(r);
  const input = gradcheck((t) => dot(r, layer.forward(t)), x, { analytic: dx, eps: EPS }).maxRelError;
  const params = layer.params.map((p) => {
    layer.forward(x);
    layer.backward(r);
    const analytic = new Tensor(p.grad.shape, Float64Array.from(p.grad.data));
    const saved = Float64Array.from(p.value.data);
    const error = gradcheck(
      (t) => {
        p.value.data.set(t.data);
        return dot(r, layer.forward(x));
      },
      new Tensor(p.value.shape, saved),
      { analytic, eps: EPS },
    ).maxRelError;
    p.value.data.set(saved);
    return error;
  });
  return { dx: input, params };
}
