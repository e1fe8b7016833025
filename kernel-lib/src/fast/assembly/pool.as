// Max and average pooling of planes [p0, p1) of x [planes, H, W] → y [planes, OH, OW].
// Window (oy, ox) has taps at rows oy·sh − ph + l·dh (l < kh) and likewise columns; cells outside
// x are skipped (−∞ for max, where NaN is the maximum; 0 for the average, whose divisor follows
// DIVMODE: the taps inside the input and its padding (rows < HEND), inside the input, or DIVISOR).
import { el } from './tile';
import { POOL_PLAN } from './records';

// A pool plan is the i32 record POOL_PLAN of ../records.ts, written by pool2d.ts; DIVMODE
// (the divisor's rule, 2 = DIVISOR):
const INCLUDE_PAD = 0, INSIDE = 1;

// @ts-ignore: decorator
@inline function f(plan: usize, field: i32): i32 {
  return load<i32>(plan + (<usize>field << 2));
}

/**
 * y[o] = max of window o; argmax[o] = flat index into x of its first maximum (strict >), or of
 * its last NaN (NaN is the maximum, as in PyTorch).
 */
export function maxPoolForward<T>(plan: usize, x: usize, y: usize, argmax: usize, p0: i32, p1: i32): void {
  const h = f(plan, POOL_PLAN.H), w = f(plan, POOL_PLAN.W), oh = f(plan, POOL_PLAN.OH), ow = f(plan, POOL_PLAN.OW), kh = f(plan, POOL_PLAN.KH), kw = f(plan, POOL_PLAN.KW);
  const sh = f(plan, POOL_PLAN.SH), sw = f(plan, POOL_PLAN.SW), ph = f(plan, POOL_PLAN.PH), pw = f(plan, POOL_PLAN.PW), dh = f(plan, POOL_PLAN.DH), dw = f(plan, POOL_PLAN.DW);
  if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && ph == 0 && pw == 0 && dh == 1 && dw == 1 && oh * 2 <= h && ow * 2 <= w) {
    maxPool2x2<T>(plan, x, y, argmax, p0, p1);
    return;
  }
  let o = p0 * oh * ow;
  for (let p = p0; p < p1; p++) {
    for (let oy = 0; oy < oh; oy++) {
      const r0 = oy * sh - ph;
      for (let ox = 0; ox < ow; ox++) {
        const c0 = ox * sw - pw;
        let best = -1;
        let value: T = 0;
        for (let l = 0; l < kh; l++) {
          const i = r0 + l * dh;
          if (i < 0 || i >= h) continue;
          for (let m = 0; m < kw; m++) {
            const j = c0 + m * dw;
            if (j < 0 || j >= w) continue;
            const at = (p * h + i) * w + j;
            const v = load<T>(x + el<T>(at));
            if (best < 0 || v > value || v != v) {
              value = v;
              best = at;
            }
          }
        }
        store<T>(y + el<T>(o), value);
        store<i32>(argmax + (<usize>o << 2), best);
        o++;
      }
    }
  }
}

/**
 * maxPoolForward for 2x2 windows tiling the map (the notes' pooling), a vector of windows at a
 * time: the even and odd columns of two rows are the four candidates, taken in window order.
 */
function maxPool2x2<T>(plan: usize, x: usize, y: usize, argmax: usize, p0: i32, p1: i32): void {
  const h = f(plan, POOL_PLAN.H), w = f(plan, POOL_PLAN.W), oh = f(plan, POOL_PLAN.OH), ow = f(plan, POOL_PLAN.OW);
  let o = p0 * oh * ow;
  for (let p = p0; p < p1; p++) {
    for (let oy = 0; oy < oh; oy++) {
      const row = (p * h + 2 * oy) * w;
      let ox = 0;
      if (sizeof<T>() == 4) {
        for (; ox + 4 <= ow; ox += 4) {
          const top = x + el<T>(row + 2 * ox), bottom = top + el<T>(w);
          const t0 = v128.load(top), t1 = v128.load(top, 16), b0 = v128.load(bottom), b1 = v128.load(bottom, 16);
          let value = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
          const first = i32x4.add(i32x4.splat(row + 2 * ox), i32x4(0, 2, 4, 6));
          let best = first;
          let candidate = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
          let wins = v128.or(f32x4.gt(candidate, value), f32x4.ne(candidate, candidate));
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i32x4.add(first, i32x4.splat(1)), best, wins);
          candidate = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
          wins = v128.or(f32x4.gt(candidate, value), f32x4.ne(candidate, candidate));
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i32x4.add(first, i32x4.splat(w)), best, wins);
          candidate = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
          wins = v128.or(f32x4.gt(candidate, value), f32x4.ne(candidate, candidate));
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i32x4.add(first, i32x4.splat(w + 1)), best, wins);
          v128.store(y + el<T>(o), value);
          v128.store(argmax + (<usize>o << 2), best);
          o += 4;
        }
      } else {
        for (; ox + 2 <= ow; ox += 2) {
          const top = x + el<T>(row + 2 * ox), bottom = top + el<T>(w);
          const t0 = v128.load(top), t1 = v128.load(top, 16), b0 = v128.load(bottom), b1 = v128.load(bottom, 16);
          let value = v128.shuffle<f64>(t0, t1, 0, 2);
          const first = i64x2(row + 2 * ox, row + 2 * ox + 2);
          let best = first;
          let candidate = v128.shuffle<f64>(t0, t1, 1, 3);
          let wins = v128.or(f64x2.gt(candidate, value), f64x2.ne(candidate, candidate));
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i64x2.add(first, i64x2.splat(1)), best, wins);
          candidate = v128.shuffle<f64>(b0, b1, 0, 2);
          wins = v128.or(f64x2.gt(candidate, value), f64x2.ne(candidate, candidate));
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i64x2.add(first, i64x2.splat(w)), best, wins);
          candidate = v128.shuffle<f64>(b0, b1, 1, 3);
          wins = v128.or(f64x2.gt(candidate, value), f64x2.ne(candidate, candidate));
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i64x2.add(first, i64x2.splat(w + 1)), best, wins);
          v128.store(y + el<T>(o), value);
          store<i32>(argmax + (<usize>o << 2), <i32>i64x2.extract_lane(best, 0));
          store<i32>(argmax + (<usize>o << 2), <i32>i64x2.extract_lane(best, 1), 4);
          o += 2;
        }
      }
      for (; ox < ow; ox++) {
        const at = row + 2 * ox;
        let best = at;
        let value = load<T>(x + el<T>(at));
        for (let c = 1; c < 4; c++) {
          const i = at + (c >> 1) * w + (c & 1);
          const v = load<T>(x + el<T>(i));
          if (v > value || v != v) {
            value = v;
            best = i;
          }
        }
        store<T>(y + el<T>(o), value);
        store<i32>(argmax + (<usize>o << 2), best);
        o++;
      }
    }
  }
}

/** dx = 0 on planes [p0, p1), then dx[argmax[o]] += dy[o] for their outputs. */
export function maxPoolBackward<T>(plan: usize, argmax: usize, dy: usize, dx: usize, p0: i32, p1: i32): void {
  const hw = f(plan, POOL_PLAN.H) * f(plan, POOL_PLAN.W), ohw = f(plan, POOL_PLAN.OH) * f(plan, POOL_PLAN.OW);
  memory.fill(dx + el<T>(p0 * hw), 0, el<T>((p1 - p0) * hw));
  for (let o = p0 * ohw; o < p1 * ohw; o++) {
    const at = dx + el<T>(load<i32>(argmax + (<usize>o << 2)));
    store<T>(at, load<T>(at) + load<T>(dy + el<T>(o)));
  }
}

/** The divisor of window (oy, ox): see DIVMODE above (PyTorch's count_include_pad and divisor_override). */
// @ts-ignore: decorator
@inline function divisor(plan: usize, oy: i32, ox: i32): i32 {
  const mode = f(plan, POOL_PLAN.DIVMODE);
  if (mode == 2) return f(plan, POOL_PLAN.DIVISOR);
  const r = oy * f(plan, POOL_PLAN.SH) - f(plan, POOL_PLAN.PH), c = ox * f(plan, POOL_PLAN.SW) - f(plan, POOL_PLAN.PW);
  if (mode == INCLUDE_PAD) return (min(r + f(plan, POOL_PLAN.KH), f(plan, POOL_PLAN.HEND)) - r) * (min(c + f(plan, POOL_PLAN.KW), f(plan, POOL_PLAN.WEND)) - c);
  return (min(r + f(plan, POOL_PLAN.KH), f(plan, POOL_PLAN.H)) - max(r, 0)) * (min(c + f(plan, POOL_PLAN.KW), f(plan, POOL_PLAN.W)) - max(c, 0));
}

/** y[o] = (Σ of window o) / divisor(o). */
export function avgPoolForward<T>(plan: usize, x: usize, y: usize, p0: i32, p1: i32): void {
  const h = f(plan, POOL_PLAN.H), w = f(plan, POOL_PLAN.W), oh = f(plan, POOL_PLAN.OH), ow = f(plan, POOL_PLAN.OW), kh = f(plan, POOL_PLAN.KH), kw = f(plan, POOL_PLAN.KW);
  const sh = f(plan, POOL_PLAN.SH), sw = f(plan, POOL_PLAN.SW), ph = f(plan, POOL_PLAN.PH), pw = f(plan, POOL_PLAN.PW);
  let o = p0 * oh * ow;
  for (let p = p0; p < p1; p++) {
    for (let oy = 0; oy < oh; oy++) {
      const i0 = max(0, oy * sh - ph), i1 = min(h, oy * sh - ph + kh);
      for (let ox = 0; ox < ow; ox++) {
        const j0 = max(0, ox * sw - pw), j1 = min(w, ox * sw - pw + kw);
        let s: T = 0;
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) s += load<T>(x + el<T>((p * h + i) * w + j));
        }
        store<T>(y + el<T>(o++), s / <T>divisor(plan, oy, ox));
      }
    }
  }
}

/** dx = 0 on planes [p0, p1), then dx[i] += dy[o] / divisor(o) for every cell i of window o. */
export function avgPoolBackward<T>(plan: usize, dy: usize, dx: usize, p0: i32, p1: i32): void {
  const h = f(plan, POOL_PLAN.H), w = f(plan, POOL_PLAN.W), oh = f(plan, POOL_PLAN.OH), ow = f(plan, POOL_PLAN.OW), kh = f(plan, POOL_PLAN.KH), kw = f(plan, POOL_PLAN.KW);
  const sh = f(plan, POOL_PLAN.SH), sw = f(plan, POOL_PLAN.SW), ph = f(plan, POOL_PLAN.PH), pw = f(plan, POOL_PLAN.PW);
  memory.fill(dx + el<T>(p0 * h * w), 0, el<T>((p1 - p0) * h * w));
  let o = p0 * oh * ow;
  for (let p = p0; p < p1; p++) {
    for (let oy = 0; oy < oh; oy++) {
      const i0 = max(0, oy * sh - ph), i1 = min(h, oy * sh - ph + kh);
      for (let ox = 0; ox < ow; ox++) {
        const j0 = max(0, ox * sw - pw), j1 = min(w, ox * sw - pw + kw);
        const g = load<T>(dy + el<T>(o++)) / <T>divisor(plan, oy, ox);
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) {
            const at = dx + el<T>((p * h + i) * w + j);
            store<T>(at, load<T>(at) + g);
          }
        }
      }
    }
  }
}
