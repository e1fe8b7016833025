// Elementwise steps of a training pass over element ranges [i0, i1): activations and their
// derivatives, the losses' gradients, a per-channel bias, and sums of gradient partials.
import { el } from './tile';

// Activation codes, as in plan.ts.
const LINEAR = 0, SIGMOID = 1, TANH = 2, RELU = 3;

/** e^x for 4 f32 lanes: Cephes' expf (range reduction by ln 2, degree-6 polynomial), ~1 ulp. */
function expf4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.7));
  const n = f32x4.floor(f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504088896341)), f32x4.splat(0.5)));
  x = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  x = f32x4.sub(x, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let y = f32x4.splat(1.9875691500e-4);
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(y, x), x), x), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, scale);
}

/**
 * e^x for 2 f64 lanes, x ≤ 0: x = k·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two parts, so r is
 * exact to ~1e-19), e^r by its Taylor series to r^13 (remainder < 2e-16), times 2^k; ~2 ulp.
 */
function expd2(x: v128): v128 {
  x = f64x2.max(x, f64x2.splat(-708));
  const k = f64x2.nearest(f64x2.mul(x, f64x2.splat(1.4426950408889634)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, f64x2.splat(6.93147180369123816490e-1))), f64x2.mul(k, f64x2.splat(1.90821492927058770002e-10)));
  let p = f64x2.splat(1.6059043836821613e-10); // 1/13!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.08767569878681e-09)); // 1/12!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.505210838544172e-08)); // 1/11!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.755731922398589e-07)); // 1/10!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.7557319223985893e-06)); // 1/9!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.48015873015873e-05)); // 1/8!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.0001984126984126984)); // 1/7!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.001388888888888889)); // 1/6!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.008333333333333333)); // 1/5!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.041666666666666664)); // 1/4!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.16666666666666666)); // 1/3!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.5)); // 1/2!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0)); // 1/1!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0)); // 1/0!
  const ki = i64x2(<i64>f64x2.extract_lane(k, 0), <i64>f64x2.extract_lane(k, 1));
  return f64x2.mul(p, i64x2.shl(i64x2.add(ki, i64x2.splat(1023)), 52));
}

/** σ(v) = 1/(1 + e^(−v)) for v ≥ 0, e^v/(1 + e^v) below, so e^(·) never overflows (as the reference). */
// @ts-ignore: decorator
@inline function sigma(v: f64): f64 {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** σ on one vector: e = e^(−|v|), then 1/(1 + e) for v ≥ 0 and e/(1 + e) below. */
function sigmoidV<T>(v: v128): v128 {
  const e = sizeof<T>() == 8 ? expd2(v128.neg<T>(v128.abs<T>(v))) : expf4(f32x4.neg(f32x4.abs(v)));
  const one = v128.splat<T>(1);
  const r = v128.div<T>(one, v128.add<T>(one, e));
  return v128.bitselect(r, v128.mul<T>(e, r), v128.ge<T>(v, v128.splat<T>(0)));
}

/** a[i] = f(z[i]). */
export function activationForward<T>(kind: i32, z: usize, a: usize, i0: i32, i1: i32): void {
  let i = i0;
  if (kind == SIGMOID) {
    const L = 16 / sizeof<T>();
    for (; i + L <= i1; i += L) v128.store(a + el<T>(i), sigmoidV<T>(v128.load(z + el<T>(i))));
  }
  for (; i < i1; i++) {
    const v = <f64>load<T>(z + el<T>(i));
    let r: f64 = v;
    if (kind == SIGMOID) r = sigma(v);
    else if (kind == TANH) r = Math.tanh(v);
    else if (kind == RELU) r = v > 0 ? v : 0;
    store<T>(a + el<T>(i), <T>r);
  }
}

/** dz[i] = f′(z[i])·da[i], with f′ from the activation a = f(z): σ(1 − σ), 1 − tanh², [z > 0]. */
export function activationBackward<T>(kind: i32, z: usize, a: usize, da: usize, dz: usize, i0: i32, i1: i32): void {
  for (let i = i0; i < i1; i++) {
    const g = load<T>(da + el<T>(i));
    const s = load<T>(a + el<T>(i));
    let d: T = g;
    if (kind == SIGMOID) d = s * (1 - s) * g;
    else if (kind == TANH) d = (1 - s * s) * g;
    else if (kind == RELU) d = load<T>(z + el<T>(i)) > 0 ? g : 0;
    store<T>(dz + el<T>(i), d);
  }
}

/** x[n][k][·] += b[k] for samples [n0, n1) of x [N, K, hw]. */
export function addChannelBias<T>(x: usize, b: usize, k: i32, hw: i32, n0: i32, n1: i32): void {
  for (let n = n0; n < n1; n++) {
    for (let c = 0; c < k; c++) {
      const bias = load<T>(b + el<T>(c));
      const row = x + el<T>((n * k + c) * hw);
      for (let i = 0; i < hw; i++) store<T>(row + el<T>(i), load<T>(row + el<T>(i)) + bias);
    }
  }
}

/**
 * Softmax cross-entropy from the logits z [N, M] and targets t, rows [n0, n1) of a batch of
 * `batch`: s = softmax(z) into `out`, dz = (s·Σt − t)/batch, loss[n] = −Σ_j t_j (z_j − log Σ e^z).
 */
export function softmaxCrossEntropy<T>(z: usize, t: usize, out: usize, dz: usize, loss: usize, m: i32, n0: i32, n1: i32, batch: i32): void {
  for (let n = n0; n < n1; n++) {
    const row = el<T>(n * m);
    let hi = -Infinity;
    for (let j = 0; j < m; j++) hi = max(hi, <f64>load<T>(z + row + el<T>(j)));
    let sum: f64 = 0;
    for (let j = 0; j < m; j++) sum += Math.exp(<f64>load<T>(z + row + el<T>(j)) - hi);
    const logSum = hi + Math.log(sum);
    let mass: f64 = 0, l: f64 = 0;
    for (let j = 0; j < m; j++) {
      const tj = <f64>load<T>(t + row + el<T>(j));
      mass += tj;
      if (tj != 0) l -= tj * (<f64>load<T>(z + row + el<T>(j)) - logSum);
    }
    for (let j = 0; j < m; j++) {
      const s = Math.exp(<f64>load<T>(z + row + el<T>(j)) - hi) / sum;
      store<T>(out + row + el<T>(j), <T>s);
      store<T>(dz + row + el<T>(j), <T>((s * mass - <f64>load<T>(t + row + el<T>(j))) / batch));
    }
    store<f64>(loss + (<usize>n << 3), l);
  }
}

/** Quadratic loss on outputs a [N, M]: da = (a − t)/batch, loss[n] = Σ_j (a_j − t_j)² / 2. */
export function quadraticLoss<T>(a: usize, t: usize, da: usize, loss: usize, m: i32, n0: i32, n1: i32, batch: i32): void {
  for (let n = n0; n < n1; n++) {
    let l: f64 = 0;
    for (let j = 0; j < m; j++) {
      const at = el<T>(n * m + j);
      const d = <f64>load<T>(a + at) - <f64>load<T>(t + at);
      l += d * d;
      store<T>(da + at, <T>(d / batch));
    }
    store<f64>(loss + (<usize>n << 3), l / 2);
  }
}

/** dst[i] += src[i] for i in [i0, i1). */
export function addInto<T>(dst: usize, src: usize, i0: i32, i1: i32): void {
  let i = i0;
  for (; i + 16 / sizeof<T>() <= i1; i += 16 / sizeof<T>()) {
    v128.store(dst + el<T>(i), v128.add<T>(v128.load(dst + el<T>(i)), v128.load(src + el<T>(i))));
  }
  for (; i < i1; i++) store<T>(dst + el<T>(i), load<T>(dst + el<T>(i)) + load<T>(src + el<T>(i)));
}

/**
 * w[i] ← keep·w[i] − eta·g[i] for i in [0, n): sgdStep's update, the same operations in the same
 * order (no fused multiply-add), so float64 results equal sgdStep's bit for bit.
 */
export function sgdUpdate<T>(w: usize, g: usize, n: i32, keep: f64, eta: f64): void {
  const k = v128.splat<T>(<T>keep), e = v128.splat<T>(<T>eta);
  let i = 0;
  for (; i + 16 / sizeof<T>() <= n; i += 16 / sizeof<T>()) {
    const at = w + el<T>(i);
    v128.store(at, v128.sub<T>(v128.mul<T>(k, v128.load(at)), v128.mul<T>(e, v128.load(g + el<T>(i)))));
  }
  for (; i < n; i++) store<T>(w + el<T>(i), <T>keep * load<T>(w + el<T>(i)) - <T>eta * load<T>(g + el<T>(i)));
}

/** Sets `bytes` bytes at p to zero (T only names the export). */
export function zero<T>(p: usize, bytes: i32): void {
  memory.fill(p, 0, <usize>bytes);
}
