// conv2d forward and backward over a range of samples [n0, n1), generic over T = f32 | f64.
// Every pass is a tiled product over a per-sample "source plane" S whose row ckk = (c, kh, kw)
// starts at byte offset offsX[ckk] and whose output position p = (oh, ow) sits at
// seg·segStride + l with seg = oh, l = ow (stride 1: S is x or a zero-padded copy of x, so a
// tile's NR lanes are NR neighbouring pixels) or seg = 0, l = p (any stride: S is im2col of x).
import { MR, el, nr, packPanels, tileNN } from './tile';
import { CONV_PLAN } from './records';

// A conv plan is the i32 record CONV_PLAN of ../records.ts, written by convPlan.ts.
// MODE: S is x itself (stride 1, no padding), a zero-padded copy (stride 1), or im2col.
const DIRECT = 0, PADDED = 1, IM2COL = 2;

// @ts-ignore: decorator
@inline function f(plan: usize, field: i32): i32 {
  return load<i32>(plan + (<usize>field << 2));
}

/** The source plane of one sample xn ([C, H, W]): xn itself, or built in buf. */
function source<T>(plan: usize, xn: usize, buf: usize): usize {
  const mode = f(plan, CONV_PLAN.MODE);
  if (mode == DIRECT) return xn;
  const c = f(plan, CONV_PLAN.C), h = f(plan, CONV_PLAN.H), w = f(plan, CONV_PLAN.W), top = f(plan, CONV_PLAN.TOP), left = f(plan, CONV_PLAN.LEFT);
  if (mode == PADDED) {
    const hp = f(plan, CONV_PLAN.HP), wp = f(plan, CONV_PLAN.WP);
    memory.fill(buf, 0, el<T>(c * hp * wp));
    for (let ch = 0; ch < c; ch++) {
      for (let i = 0; i < h; i++) {
        memory.copy(buf + el<T>((ch * hp + i + top) * wp + left), xn + el<T>((ch * h + i) * w), el<T>(w));
      }
    }
    return buf;
  }
  const kh = f(plan, CONV_PLAN.KH), kw = f(plan, CONV_PLAN.KW), oh = f(plan, CONV_PLAN.OH), ow = f(plan, CONV_PLAN.OW);
  const sh = f(plan, CONV_PLAN.SH), sw = f(plan, CONV_PLAN.SW), dh = f(plan, CONV_PLAN.DH), dw = f(plan, CONV_PLAN.DW);
  let dst = buf;
  for (let ch = 0; ch < c; ch++) {
    for (let l = 0; l < kh; l++) {
      for (let m = 0; m < kw; m++) {
        for (let y = 0; y < oh; y++) {
          const i = y * sh - top + l * dh;
          for (let x = 0; x < ow; x++) {
            const j = x * sw - left + m * dw;
            const inside = i >= 0 && i < h && j >= 0 && j < w;
            store<T>(dst, inside ? load<T>(xn + el<T>((ch * h + i) * w + j)) : <T>0);
            dst += sizeof<T>();
          }
        }
      }
    }
  }
  return buf;
}

/** y[n] = W·S(x[n]) + b for n in [n0, n1); wp is W [K, CKK] packed by packPanels, b may be 0. */
export function convForward<T>(plan: usize, x: usize, wp: usize, b: usize, y: usize, n0: i32, n1: i32, buf: usize, tile: usize): void {
  const k = f(plan, CONV_PLAN.K), ckk = f(plan, CONV_PLAN.CKK), p = f(plan, CONV_PLAN.P), offsX = <usize>f(plan, CONV_PLAN.OFFSX);
  const nseg = f(plan, CONV_PLAN.NSEG), segLen = f(plan, CONV_PLAN.SEGLEN), segStride = f(plan, CONV_PLAN.SEGSTRIDE);
  const xSize = f(plan, CONV_PLAN.C) * f(plan, CONV_PLAN.H) * f(plan, CONV_PLAN.W);
  const NR = nr<T>();
  for (let n = n0; n < n1; n++) {
    const s = source<T>(plan, x + el<T>(n * xSize), buf);
    const yn = y + el<T>(n * k * p);
    for (let seg = 0; seg < nseg; seg++) {
      for (let l0 = 0; l0 < segLen; l0 += NR) {
        const valid = min(NR, segLen - l0);
        const bp = s + el<T>(seg * segStride + l0);
        const p0 = seg * segLen + l0;
        for (let k0 = 0; k0 < k; k0 += MR) {
          tileNN<T>(ckk, wp + el<T>(k0 * ckk), bp, offsX, tile);
          for (let r = 0; r < min(MR, k - k0); r++) {
            const bias: T = b == 0 ? <T>0 : load<T>(b + el<T>(k0 + r));
            const dst = yn + el<T>((k0 + r) * p + p0);
            const src = tile + el<T>(r * NR);
            if (valid == NR) {
              const vb = v128.splat<T>(bias);
              v128.store(dst, v128.add<T>(v128.load(src), vb));
              v128.store(dst, v128.add<T>(v128.load(src, 16), vb), 16);
            } else {
              for (let l = 0; l < valid; l++) store<T>(dst + el<T>(l), load<T>(src + el<T>(l)) + bias);
            }
          }
        }
      }
    }
  }
}

/** dx[n] = Sᵀ(Wᵀ·dy[n]) for n in [n0, n1): the transpose of convForward; wtp is Wᵀ [CKK, K] packed. */
export function convBackwardInput<T>(plan: usize, dy: usize, wtp: usize, dx: usize, n0: i32, n1: i32, buf: usize, tile: usize): void {
  const k = f(plan, CONV_PLAN.K), ckk = f(plan, CONV_PLAN.CKK), p = f(plan, CONV_PLAN.P), offsX = <usize>f(plan, CONV_PLAN.OFFSX), offsDy = <usize>f(plan, CONV_PLAN.OFFSDY);
  const nseg = f(plan, CONV_PLAN.NSEG), segLen = f(plan, CONV_PLAN.SEGLEN), segStride = f(plan, CONV_PLAN.SEGSTRIDE), mode = f(plan, CONV_PLAN.MODE);
  const c = f(plan, CONV_PLAN.C), h = f(plan, CONV_PLAN.H), w = f(plan, CONV_PLAN.W), xSize = c * h * w;
  const NR = nr<T>();
  for (let n = n0; n < n1; n++) {
    const dxn = dx + el<T>(n * xSize);
    const target = mode == DIRECT ? dxn : buf;
    memory.fill(target, 0, el<T>(f(plan, CONV_PLAN.PLANE)));
    const dyn = dy + el<T>(n * k * p);
    for (let seg = 0; seg < nseg; seg++) {
      for (let l0 = 0; l0 < segLen; l0 += NR) {
        const valid = min(NR, segLen - l0);
        const bp = dyn + el<T>(seg * segLen + l0);
        const at = target + el<T>(seg * segStride + l0);
        for (let c0 = 0; c0 < ckk; c0 += MR) {
          tileNN<T>(k, wtp + el<T>(c0 * k), bp, offsDy, tile);
          for (let r = 0; r < min(MR, ckk - c0); r++) {
            const dst = at + <usize>load<i32>(offsX + (<usize>(c0 + r) << 2));
            const src = tile + el<T>(r * NR);
            if (valid == NR) {
              v128.store(dst, v128.add<T>(v128.load(dst), v128.load(src)));
              v128.store(dst, v128.add<T>(v128.load(dst, 16), v128.load(src, 16)), 16);
            } else {
              for (let l = 0; l < valid; l++) store<T>(dst + el<T>(l), load<T>(dst + el<T>(l)) + load<T>(src + el<T>(l)));
            }
          }
        }
      }
    }
    if (mode == PADDED) {
      const hp = f(plan, CONV_PLAN.HP), wp = f(plan, CONV_PLAN.WP), top = f(plan, CONV_PLAN.TOP), left = f(plan, CONV_PLAN.LEFT);
      for (let ch = 0; ch < c; ch++) {
        for (let i = 0; i < h; i++) {
          memory.copy(dxn + el<T>((ch * h + i) * w), buf + el<T>((ch * hp + i + top) * wp + left), el<T>(w));
        }
      }
    } else if (mode == IM2COL) {
      col2im<T>(plan, buf, dxn);
    }
  }
}

/** dxn = Σ over the im2col matrix cols [CKK, P] of each entry into the pixel it was read from. */
function col2im<T>(plan: usize, cols: usize, dxn: usize): void {
  const c = f(plan, CONV_PLAN.C), h = f(plan, CONV_PLAN.H), w = f(plan, CONV_PLAN.W), top = f(plan, CONV_PLAN.TOP), left = f(plan, CONV_PLAN.LEFT);
  const kh = f(plan, CONV_PLAN.KH), kw = f(plan, CONV_PLAN.KW), oh = f(plan, CONV_PLAN.OH), ow = f(plan, CONV_PLAN.OW);
  const sh = f(plan, CONV_PLAN.SH), sw = f(plan, CONV_PLAN.SW), dh = f(plan, CONV_PLAN.DH), dw = f(plan, CONV_PLAN.DW);
  memory.fill(dxn, 0, el<T>(c * h * w));
  let src = cols;
  for (let ch = 0; ch < c; ch++) {
    for (let l = 0; l < kh; l++) {
      for (let m = 0; m < kw; m++) {
        for (let y = 0; y < oh; y++) {
          const i = y * sh - top + l * dh;
          for (let x = 0; x < ow; x++) {
            const j = x * sw - left + m * dw;
            if (i >= 0 && i < h && j >= 0 && j < w) {
              const dst = dxn + el<T>((ch * h + i) * w + j);
              store<T>(dst, load<T>(dst) + load<T>(src));
            }
            src += sizeof<T>();
          }
        }
      }
    }
  }
}

/**
 * The rows of S transposed: rows[p][ckk] = S[offsX[ckk] + position of p]. Taps come in runs of
 * RUN neighbours in S (a kernel row, when stride and dilation along the width are 1), copied a
 * vector at a time; a copy may spill into the next row, which is written after it.
 */
function im2row<T>(plan: usize, s: usize, rows: usize): void {
  const ckk = f(plan, CONV_PLAN.CKK), offsX = <usize>f(plan, CONV_PLAN.OFFSX), run = f(plan, CONV_PLAN.RUN);
  const nseg = f(plan, CONV_PLAN.NSEG), segLen = f(plan, CONV_PLAN.SEGLEN), segStride = f(plan, CONV_PLAN.SEGSTRIDE);
  const runBytes = el<T>(run);
  let dst = rows;
  for (let seg = 0; seg < nseg; seg++) {
    for (let l = 0; l < segLen; l++) {
      const base = s + el<T>(seg * segStride + l);
      for (let t = 0; t < ckk; t += run) {
        const src = base + <usize>load<i32>(offsX + (<usize>t << 2));
        if (run == 1) {
          store<T>(dst, load<T>(src));
        } else {
          for (let o: usize = 0; o < runBytes; o += 16) v128.store(dst + o, v128.load(src + o));
        }
        dst += runBytes;
      }
    }
  }
}

/**
 * dw += Σ_n dy[n]·S(x[n])ᵀ ([K, CKK]) and db[k] += Σ_n Σ_p dy[n][k][p], for n in [n0, n1):
 * panels of 4 channels of dy (packed in `packed`) against the rows of S transposed (in `rows`).
 */
export function convBackwardFilter<T>(
  plan: usize, x: usize, dy: usize, dw: usize, db: usize, n0: i32, n1: i32, buf: usize, rows: usize, packed: usize, tile: usize,
): void {
  const k = f(plan, CONV_PLAN.K), ckk = f(plan, CONV_PLAN.CKK), p = f(plan, CONV_PLAN.P), offsR = <usize>f(plan, CONV_PLAN.OFFSR);
  const xSize = f(plan, CONV_PLAN.C) * f(plan, CONV_PLAN.H) * f(plan, CONV_PLAN.W);
  const NR = nr<T>();
  for (let n = n0; n < n1; n++) {
    im2row<T>(plan, source<T>(plan, x + el<T>(n * xSize), buf), rows);
    const dyn = dy + el<T>(n * k * p);
    for (let kk = 0; kk < k; kk++) {
      const at = db + el<T>(kk);
      store<T>(at, load<T>(at) + sum<T>(dyn + el<T>(kk * p), p));
    }
    packPanels<T>(dyn, k, p, p, 1, packed);
    for (let c0 = 0; c0 < ckk; c0 += NR) {
      const valid = min(NR, ckk - c0);
      for (let k0 = 0; k0 < k; k0 += MR) {
        tileNN<T>(p, packed + el<T>(k0 * p), rows + el<T>(c0), offsR, tile);
        for (let r = 0; r < min(MR, k - k0); r++) {
          const dst = dw + el<T>((k0 + r) * ckk + c0);
          const src = tile + el<T>(r * NR);
          if (valid == NR) {
            v128.store(dst, v128.add<T>(v128.load(dst), v128.load(src)));
            v128.store(dst, v128.add<T>(v128.load(dst, 16), v128.load(src, 16)), 16);
          } else {
            for (let l = 0; l < valid; l++) store<T>(dst + el<T>(l), load<T>(dst + el<T>(l)) + load<T>(src + el<T>(l)));
          }
        }
      }
    }
  }
}

/** Σ of n values of T at p. */
export function sum<T>(p: usize, n: i32): T {
  let acc = v128.splat<T>(0);
  const L = 16 / sizeof<T>();
  let i = 0;
  for (; i + L <= n; i += L) acc = v128.add<T>(acc, v128.load(p + el<T>(i)));
  let t: T = 0;
  for (; i < n; i++) t += load<T>(p + el<T>(i));
  if (sizeof<T>() == 8) return <T>(v128.extract_lane<f64>(acc, 0) + v128.extract_lane<f64>(acc, 1)) + t;
  return <T>(v128.extract_lane<f32>(acc, 0) + v128.extract_lane<f32>(acc, 1) + v128.extract_lane<f32>(acc, 2) + v128.extract_lane<f32>(acc, 3)) + t;
}
