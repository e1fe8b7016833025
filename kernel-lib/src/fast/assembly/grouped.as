// Grouped convolution with few input channels per group (depthwise: groups = C, one kernel per
// channel, any multiplier K/C), direct: each output plane is Σ over its group's Cg input planes of
// a small kernel slid over a zero-padded copy of the input plane, SIMD along the output row when
// the stride along the width is 1. Generic over T = f32 | f64; plan = the conv plan (conv.as)
// of the whole geometry, with GROUPS. Every kernel pads into `pad` (one Hp·Wp plane of scratch).
import { el, lanes, madd } from './tile';
import { sum } from './conv';
import { CONV_PLAN } from './records';


// @ts-ignore: decorator
@inline function f(plan: usize, field: i32): i32 {
  return load<i32>(plan + (<usize>field << 2));
}

/** pad ← plane xq ([H, W]) with TOP rows and LEFT columns of zeros before it, zeros after, [Hp, Wp]. */
function padPlane<T>(plan: usize, xq: usize, pad: usize): void {
  const h = f(plan, CONV_PLAN.H), w = f(plan, CONV_PLAN.W), hp = f(plan, CONV_PLAN.HP), wp = f(plan, CONV_PLAN.WP), top = f(plan, CONV_PLAN.TOP), left = f(plan, CONV_PLAN.LEFT);
  memory.fill(pad, 0, el<T>(hp * wp));
  for (let i = 0; i < h; i++) memory.copy(pad + el<T>((i + top) * wp + left), xq + el<T>(i * w), el<T>(w));
}

/**
 * yq += w ⋆ pad for one output plane: yq[oy][ox] += Σ_l Σ_m wk[l][m] · pad[oy·sh + l·dh][ox·sw + m·dw].
 */
function correlateInto<T>(plan: usize, pad: usize, wk: usize, yq: usize): void {
  const kh = f(plan, CONV_PLAN.KH), kw = f(plan, CONV_PLAN.KW), oh = f(plan, CONV_PLAN.OH), ow = f(plan, CONV_PLAN.OW), wp = f(plan, CONV_PLAN.WP);
  const sh = f(plan, CONV_PLAN.SH), sw = f(plan, CONV_PLAN.SW), dh = f(plan, CONV_PLAN.DH), dw = f(plan, CONV_PLAN.DW);
  const L = lanes<T>();
  if (kh == 3 && kw == 3 && sw == 1 && dw == 1) {
    correlate3x3<T>(pad, wk, yq, oh, ow, wp, sh, dh);
    return;
  }
  for (let oy = 0; oy < oh; oy++) {
    const out = yq + el<T>(oy * ow);
    let ox = 0;
    if (sw == 1) {
      for (; ox + 2 * L <= ow; ox += 2 * L) {
        let a0 = v128.load(out + el<T>(ox)), a1 = v128.load(out + el<T>(ox + L));
        for (let l = 0; l < kh; l++) {
          const row = pad + el<T>((oy * sh + l * dh) * wp + ox);
          for (let m = 0; m < kw; m++) {
            const wv = v128.splat<T>(load<T>(wk + el<T>(l * kw + m)));
            const src = row + el<T>(m * dw);
            a0 = madd<T>(a0, wv, v128.load(src));
            a1 = madd<T>(a1, wv, v128.load(src + el<T>(L)));
          }
        }
        v128.store(out + el<T>(ox), a0);
        v128.store(out + el<T>(ox + L), a1);
      }
      for (; ox + L <= ow; ox += L) {
        let a0 = v128.load(out + el<T>(ox));
        for (let l = 0; l < kh; l++) {
          const row = pad + el<T>((oy * sh + l * dh) * wp + ox);
          for (let m = 0; m < kw; m++) {
            a0 = madd<T>(a0, v128.splat<T>(load<T>(wk + el<T>(l * kw + m))), v128.load(row + el<T>(m * dw)));
          }
        }
        v128.store(out + el<T>(ox), a0);
      }
    }
    for (; ox < ow; ox++) {
      let s: T = load<T>(out + el<T>(ox));
      for (let l = 0; l < kh; l++) {
        const row = pad + el<T>((oy * sh + l * dh) * wp + ox * sw);
        for (let m = 0; m < kw; m++) s += load<T>(wk + el<T>(l * kw + m)) * load<T>(row + el<T>(m * dw));
      }
      store<T>(out + el<T>(ox), s);
    }
  }
}

/** correlateInto for a dense 3x3 kernel read along the width with stride 1: its 9 weights held in registers. */
function correlate3x3<T>(pad: usize, wk: usize, yq: usize, oh: i32, ow: i32, wp: i32, sh: i32, dh: i32): void {
  const L = lanes<T>();
  const w00 = v128.splat<T>(load<T>(wk)), w01 = v128.splat<T>(load<T>(wk, sizeof<T>())), w02 = v128.splat<T>(load<T>(wk, 2 * sizeof<T>()));
  const w10 = v128.splat<T>(load<T>(wk, 3 * sizeof<T>())), w11 = v128.splat<T>(load<T>(wk, 4 * sizeof<T>()));
  const w12 = v128.splat<T>(load<T>(wk, 5 * sizeof<T>())), w20 = v128.splat<T>(load<T>(wk, 6 * sizeof<T>()));
  const w21 = v128.splat<T>(load<T>(wk, 7 * sizeof<T>())), w22 = v128.splat<T>(load<T>(wk, 8 * sizeof<T>()));
  const e = <usize>sizeof<T>();
  for (let oy = 0; oy < oh; oy++) {
    const out = yq + el<T>(oy * ow);
    const r0 = pad + el<T>(oy * sh * wp), r1 = r0 + el<T>(dh * wp), r2 = r1 + el<T>(dh * wp);
    let ox = 0;
    // two vectors at a time: two independent chains of 9 multiply-adds
    for (; ox + 2 * L <= ow; ox += 2 * L) {
      const o = el<T>(ox), p = o + 16;
      let a = v128.load(out + o), b = v128.load(out + p);
      a = madd<T>(a, w00, v128.load(r0 + o));
      b = madd<T>(b, w00, v128.load(r0 + p));
      a = madd<T>(a, w01, v128.load(r0 + o + e));
      b = madd<T>(b, w01, v128.load(r0 + p + e));
      a = madd<T>(a, w02, v128.load(r0 + o + 2 * e));
      b = madd<T>(b, w02, v128.load(r0 + p + 2 * e));
      a = madd<T>(a, w10, v128.load(r1 + o));
      b = madd<T>(b, w10, v128.load(r1 + p));
      a = madd<T>(a, w11, v128.load(r1 + o + e));
      b = madd<T>(b, w11, v128.load(r1 + p + e));
      a = madd<T>(a, w12, v128.load(r1 + o + 2 * e));
      b = madd<T>(b, w12, v128.load(r1 + p + 2 * e));
      a = madd<T>(a, w20, v128.load(r2 + o));
      b = madd<T>(b, w20, v128.load(r2 + p));
      a = madd<T>(a, w21, v128.load(r2 + o + e));
      b = madd<T>(b, w21, v128.load(r2 + p + e));
      a = madd<T>(a, w22, v128.load(r2 + o + 2 * e));
      b = madd<T>(b, w22, v128.load(r2 + p + 2 * e));
      v128.store(out + o, a);
      v128.store(out + p, b);
    }
    for (; ox + L <= ow; ox += L) {
      const o = el<T>(ox);
      let a = v128.load(out + o);
      a = madd<T>(a, w00, v128.load(r0 + o));
      a = madd<T>(a, w01, v128.load(r0 + o + e));
      a = madd<T>(a, w02, v128.load(r0 + o + 2 * e));
      a = madd<T>(a, w10, v128.load(r1 + o));
      a = madd<T>(a, w11, v128.load(r1 + o + e));
      a = madd<T>(a, w12, v128.load(r1 + o + 2 * e));
      a = madd<T>(a, w20, v128.load(r2 + o));
      a = madd<T>(a, w21, v128.load(r2 + o + e));
      a = madd<T>(a, w22, v128.load(r2 + o + 2 * e));
      v128.store(out + o, a);
    }
    for (; ox < ow; ox++) {
      const o = el<T>(ox);
      let s: T = load<T>(out + o);
      for (let l = 0; l < 3; l++) {
        const row = r0 + el<T>(l * dh * wp) + o;
        for (let m = 0; m < 3; m++) s += load<T>(wk + el<T>(l * 3 + m)) * load<T>(row + el<T>(m));
      }
      store<T>(out + o, s);
    }
  }
}

/**
 * y[n][k] = b[k] + Σ_{c < Cg} w[k][c] ⋆ pad(x[n][g·Cg + c]), g = floor(k/Kg), for the output planes
 * q = n·K + k in [q0, q1); b may be 0.
 */
export function groupedForward<T>(plan: usize, x: usize, w: usize, b: usize, y: usize, q0: i32, q1: i32, pad: usize): void {
  const c = f(plan, CONV_PLAN.C), k = f(plan, CONV_PLAN.K), groups = f(plan, CONV_PLAN.GROUPS), hw = f(plan, CONV_PLAN.H) * f(plan, CONV_PLAN.W), ohw = f(plan, CONV_PLAN.OH) * f(plan, CONV_PLAN.OW);
  const taps = f(plan, CONV_PLAN.KH) * f(plan, CONV_PLAN.KW), cg = c / groups, kg = k / groups;
  for (let q = q0; q < q1; q++) {
    const n = q / k, kk = q % k, g = kk / kg;
    const yq = y + el<T>(q * ohw);
    const bias: T = b == 0 ? <T>0 : load<T>(b + el<T>(kk));
    const vb = v128.splat<T>(bias);
    const L = lanes<T>();
    let i = 0;
    for (; i + L <= ohw; i += L) v128.store(yq + el<T>(i), vb);
    for (; i < ohw; i++) store<T>(yq + el<T>(i), bias);
    for (let ci = 0; ci < cg; ci++) {
      padPlane<T>(plan, x + el<T>((n * c + g * cg + ci) * hw), pad);
      correlateInto<T>(plan, pad, w + el<T>((kk * cg + ci) * taps), yq);
    }
  }
}

/** pad[oy·sh + l·dh][ox·sw + m·dw] += wk[l][m] · dyq[oy][ox]: the transpose of correlateInto. */
function scatterInto<T>(plan: usize, dyq: usize, wk: usize, pad: usize): void {
  const kh = f(plan, CONV_PLAN.KH), kw = f(plan, CONV_PLAN.KW), oh = f(plan, CONV_PLAN.OH), ow = f(plan, CONV_PLAN.OW), wp = f(plan, CONV_PLAN.WP);
  const sh = f(plan, CONV_PLAN.SH), sw = f(plan, CONV_PLAN.SW), dh = f(plan, CONV_PLAN.DH), dw = f(plan, CONV_PLAN.DW);
  const L = lanes<T>();
  for (let oy = 0; oy < oh; oy++) {
    const src = dyq + el<T>(oy * ow);
    for (let l = 0; l < kh; l++) {
      const row = pad + el<T>((oy * sh + l * dh) * wp);
      for (let m = 0; m < kw; m++) {
        const wt: T = load<T>(wk + el<T>(l * kw + m));
        const at = row + el<T>(m * dw);
        let ox = 0;
        if (sw == 1) {
          const wv = v128.splat<T>(wt);
          for (; ox + L <= ow; ox += L) {
            const d = at + el<T>(ox);
            v128.store(d, madd<T>(v128.load(d), wv, v128.load(src + el<T>(ox))));
          }
        }
        for (; ox < ow; ox++) {
          const d = at + el<T>(ox * sw);
          store<T>(d, load<T>(d) + wt * load<T>(src + el<T>(ox)));
        }
      }
    }
  }
}

/**
 * dx[n][c] = crop(Σ_{k in c's group} scatter(w[k][c − g·Cg], dy[n][k])) for the input planes
 * q = n·C + c in [q0, q1) (overwritten).
 */
export function groupedBackwardInput<T>(plan: usize, w: usize, dy: usize, dx: usize, q0: i32, q1: i32, pad: usize): void {
  const c = f(plan, CONV_PLAN.C), k = f(plan, CONV_PLAN.K), groups = f(plan, CONV_PLAN.GROUPS), h = f(plan, CONV_PLAN.H), wd = f(plan, CONV_PLAN.W), ohw = f(plan, CONV_PLAN.OH) * f(plan, CONV_PLAN.OW);
  const hp = f(plan, CONV_PLAN.HP), wp = f(plan, CONV_PLAN.WP), top = f(plan, CONV_PLAN.TOP), left = f(plan, CONV_PLAN.LEFT);
  const taps = f(plan, CONV_PLAN.KH) * f(plan, CONV_PLAN.KW), cg = c / groups, kg = k / groups;
  for (let q = q0; q < q1; q++) {
    const n = q / c, ch = q % c, g = ch / cg, ci = ch % cg;
    memory.fill(pad, 0, el<T>(hp * wp));
    for (let kk = g * kg; kk < (g + 1) * kg; kk++) {
      scatterInto<T>(plan, dy + el<T>((n * k + kk) * ohw), w + el<T>((kk * cg + ci) * taps), pad);
    }
    const dxq = dx + el<T>(q * h * wd);
    for (let i = 0; i < h; i++) memory.copy(dxq + el<T>(i * wd), pad + el<T>((i + top) * wp + left), el<T>(wd));
  }
}

/**
 * dw[k][c] += Σ_{n in [n0, n1)} pad(x[n][g·Cg + c]) ⋆ dy[n][k] (an OH×OW correlation giving KH×KW
 * values) and db[k] += Σ dy[n][k], for output channels k in [k0, k1); db may be 0.
 */
export function groupedBackwardFilter<T>(
  plan: usize, x: usize, dy: usize, dw: usize, db: usize, n0: i32, n1: i32, k0: i32, k1: i32, pad: usize,
): void {
  const c = f(plan, CONV_PLAN.C), k = f(plan, CONV_PLAN.K), groups = f(plan, CONV_PLAN.GROUPS), hw = f(plan, CONV_PLAN.H) * f(plan, CONV_PLAN.W), oh = f(plan, CONV_PLAN.OH), ow = f(plan, CONV_PLAN.OW);
  const kh = f(plan, CONV_PLAN.KH), kw = f(plan, CONV_PLAN.KW), wp = f(plan, CONV_PLAN.WP), sh = f(plan, CONV_PLAN.SH), sw = f(plan, CONV_PLAN.SW), dh = f(plan, CONV_PLAN.DH), dwl = f(plan, CONV_PLAN.DW);
  const taps = kh * kw, cg = c / groups, kg = k / groups;
  const L = lanes<T>();
  for (let n = n0; n < n1; n++) {
    for (let kk = k0; kk < k1; kk++) {
      const g = kk / kg;
      const dyq = dy + el<T>((n * k + kk) * oh * ow);
      if (db != 0) store<T>(db + el<T>(kk), load<T>(db + el<T>(kk)) + sum<T>(dyq, oh * ow));
      for (let ci = 0; ci < cg; ci++) {
        padPlane<T>(plan, x + el<T>((n * c + g * cg + ci) * hw), pad);
        const dwk = dw + el<T>((kk * cg + ci) * taps);
        for (let l = 0; l < kh; l++) {
          for (let m = 0; m < kw; m++) {
            let acc = v128.splat<T>(0);
            let s: T = 0;
            for (let oy = 0; oy < oh; oy++) {
              const row = pad + el<T>((oy * sh + l * dh) * wp + m * dwl);
              const d = dyq + el<T>(oy * ow);
              let ox = 0;
              if (sw == 1) for (; ox + L <= ow; ox += L) acc = madd<T>(acc, v128.load(row + el<T>(ox)), v128.load(d + el<T>(ox)));
              for (; ox < ow; ox++) s += load<T>(row + el<T>(ox * sw)) * load<T>(d + el<T>(ox));
            }
            const at = dwk + el<T>(l * kw + m);
            store<T>(at, load<T>(at) + hsum<T>(acc) + s);
          }
        }
      }
    }
  }
}

/** The sum of a vector's lanes. */
// @ts-ignore: decorator
@inline function hsum<T>(v: v128): T {
  if (sizeof<T>() == 8) return <T>(v128.extract_lane<f64>(v, 0) + v128.extract_lane<f64>(v, 1));
  return <T>(v128.extract_lane<f32>(v, 0) + v128.extract_lane<f32>(v, 1) + v128.extract_lane<f32>(v, 2) + v128.extract_lane<f32>(v, 3));
}
