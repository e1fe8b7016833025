import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { checkTensor } from '../ops/args';

function lastAxis(op: string, x: Tensor): number {
  checkTensor(op, 'x', x);
  const n = x.shape[x.rank - 1];
  assert(x.rank >= 1 && n >= 1, () => `${op}: x must have rank ≥ 1 and a non-empty last axis, got shape ${fmtShape(x.shape)}`);
  return n;
}

/**
 * Softmax over the last axis: s_j = e^(z_j − max z) / Σ_k e^(z_k − max z). Subtracting the row's
 * maximum leaves the result unchanged and keeps every exponent ≤ 0, so no overflow and rows sum to 1.
 *
 * @example
 * softmax(tensor([[0, 0], [1e4, -1e4]])).toArray(); // [[0.5, 0.5], [1, 0]]
 */
export function softmax(z: Tensor): Tensor {
  const n = lastAxis('softmax', z);
  const out = new Float64Array(z.size);
  for (let start = 0; start < z.size; start += n) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) max = Math.max(max, z.data[start + j]);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += out[start + j] = Math.exp(z.data[start + j] - max);
    for (let j = 0; j < n; j++) out[start + j] /= sum;
  }
  return new Tensor(z.shape, out);
}

/**
 * The derivative of softmax applied to a vector v, row by row over the last axis:
 * J v with J = diag(s) − s sᵀ, i.e. (J v)_j = s_j (v_j − Σ_k s_k v_k). J is symmetric, so this is
 * also Jᵀv, the backward step dz = Jᵀ dy. Shapes: z and v alike.
 *
 * @example
 * softmaxJvp(tensor([0, 0]), tensor([1, 0])).toArray(); // [0.25, -0.25]
 */
export function softmaxJvp(z: Tensor, v: Tensor): Tensor {
  const n = lastAxis('softmaxJvp', z);
  checkTensor('softmaxJvp', 'v', v);
  assert(
    fmtShape(v.shape) === fmtShape(z.shape),
    () => `softmaxJvp: v must have the shape of z ${fmtShape(z.shape)}, got ${fmtShape(v.shape)}`,
  );
  const s = softmax(z).data;
  const out = new Float64Array(z.size);
  for (let start = 0; start < z.size; start += n) {
    let dot = 0;
    for (let j = 0; j < n; j++) dot += s[start + j] * v.data[start + j];
    for (let j = 0; j < n; j++) out[start + j] = s[start + j] * (v.data[start + j] - dot);
  }
  return new Tensor(z.shape, out);
}

/**
 * The Jacobian ∂s_i/∂z_j = s_i (δ_ij − s_j) of softmax at a vector z of length n, shape [n, n].
 *
 * @example
 * softmaxJacobian(tensor([0, 0])).toArray(); // [[0.25, -0.25], [-0.25, 0.25]]
 */
export function softmaxJacobian(z: Tensor): Tensor {
  checkTensor('softmaxJacobian', 'z', z);
  assert(z.rank === 1, () => `softmaxJacobian: z must have rank 1, got shape ${fmtShape(z.shape)}`);
  const s = softmax(z).data;
  const n = s.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = s[i] * ((i === j ? 1 : 0) - s[j]);
  return new Tensor([n, n], out);
}
