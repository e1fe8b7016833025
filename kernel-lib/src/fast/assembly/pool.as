// Max and average pooling of planes [p0, p1) of x [planes, H, W] → y [planes, OH, OW].
// Window (oy, ox) covers rows oy·sh − ph … + size − 1 and likewise columns; cells outside x
// are skipped (−∞ for max, 0 for the average, whose divisor is always sizeH·sizeW).
import { el } from './tile';

// Fields of a pool plan, an i32 array built by poolPlan.ts.
const H = 1, W = 2, OH = 3, OW = 4, KH = 5, KW = 6, SH = 7, SW = 8, PH = 9, PW = 10;

// @ts-ignore: decorator
@inline function f(plan: usize, field: i32): i32 {
  return load<i32>(plan + (<usize>field << 2));
}

/** y[o] = max of window o; argmax[o] = flat index into x of its first maximum (strict >). */
export function maxPoolForward<T>(plan: usize, x: usize, y: usize, argmax: usize, p0: i32, p1: i32): void {
  const h = f(plan, H), w = f(plan, W), oh = f(plan, OH), ow = f(plan, OW), kh = f(plan, KH), kw = f(plan, KW);
  const sh = f(plan, SH), sw = f(plan, SW), ph = f(plan, PH), pw = f(plan, PW);
  if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && ph == 0 && pw == 0) {
    maxPool2x2<T>(plan, x, y, argmax, p0, p1);
    return;
  }
  let o = p0 * oh * ow;
  for (let p = p0; p < p1; p++) {
    for (let oy = 0; oy < oh; oy++) {
      const i0 = max(0, oy * sh - ph), i1 = min(h, oy * sh - ph + kh);
      for (let ox = 0; ox < ow; ox++) {
        const j0 = max(0, ox * sw - pw), j1 = min(w, ox * sw - pw + kw);
        let best = (p * h + i0) * w + j0;
        let value = load<T>(x + el<T>(best));
        for (let i = i0; i < i1; i++) {
          for (let j = i == i0 ? j0 + 1 : j0; j < j1; j++) {
            const at = (p * h + i) * w + j;
            const v = load<T>(x + el<T>(at));
            if (v > value) {
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
  const h = f(plan, H), w = f(plan, W), oh = f(plan, OH), ow = f(plan, OW);
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
          let wins = f32x4.gt(candidate, value);
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i32x4.add(first, i32x4.splat(1)), best, wins);
          candidate = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
          wins = f32x4.gt(candidate, value);
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i32x4.add(first, i32x4.splat(w)), best, wins);
          candidate = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
          wins = f32x4.gt(candidate, value);
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
          let wins = f64x2.gt(candidate, value);
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i64x2.add(first, i64x2.splat(1)), best, wins);
          candidate = v128.shuffle<f64>(b0, b1, 0, 2);
          wins = f64x2.gt(candidate, value);
          value = v128.bitselect(candidate, value, wins);
          best = v128.bitselect(i64x2.add(first, i64x2.splat(w)), best, wins);
          candidate = v128.shuffle<f64>(b0, b1, 1, 3);
          wins = f64x2.gt(candidate, value);
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
          if (v > value) {
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
  const hw = f(plan, H) * f(plan, W), ohw = f(plan, OH) * f(plan, OW);
  memory.fill(dx + el<T>(p0 * hw), 0, el<T>((p1 - p0) * hw));
  for (let o = p0 * ohw; o < p1 * ohw; o++) {
    const at = dx + el<T>(load<i32>(argmax + (<usize>o << 2)));
    store<T>(at, load<T>(at) + load<T>(dy + el<T>(o)));
  }
}

/** y[o] = (Σ of window o) / (kh·kw). */
export function avgPoolForward<T>(plan: usize, x: usize, y: usize, p0: i32, p1: i32): void {
  const h = f(plan, H), w = f(plan, W), oh = f(plan, OH), ow = f(plan, OW), kh = f(plan, KH), kw = f(plan, KW);
  const sh = f(plan, SH), sw = f(plan, SW), ph = f(plan, PH), pw = f(plan, PW);
  const cells = <T>(kh * kw);
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
        store<T>(y + el<T>(o++), s / cells);
      }
    }
  }
}

/** dx = 0 on planes [p0, p1), then dx[i] += dy[o] / (kh·kw) for every cell i of window o. */
export function avgPoolBackward<T>(plan: usize, dy: usize, dx: usize, p0: i32, p1: i32): void {
  const h = f(plan, H), w = f(plan, W), oh = f(plan, OH), ow = f(plan, OW), kh = f(plan, KH), kw = f(plan, KW);
  const sh = f(plan, SH), sw = f(plan, SW), ph = f(plan, PH), pw = f(plan, PW);
  const cells = <T>(kh * kw);
  memory.fill(dx + el<T>(p0 * h * w), 0, el<T>((p1 - p0) * h * w));
  let o = p0 * oh * ow;
  for (let p = p0; p < p1; p++) {
    for (let oy = 0; oy < oh; oy++) {
      const i0 = max(0, oy * sh - ph), i1 = min(h, oy * sh - ph + kh);
      for (let ox = 0; ox < ow; ox++) {
        const j0 = max(0, ox * sw - pw), j1 = min(w, ox * sw - pw + kw);
        const g = load<T>(dy + el<T>(o++)) / cells;
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
