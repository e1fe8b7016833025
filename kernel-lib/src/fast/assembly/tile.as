// The two register-tiled inner kernels every fast op is built from, generic over T = f32 | f64.
// A tile is MR rows × NR columns of the output, NR = two v128 vectors (8 f32 or 4 f64 lanes);
// its 8 accumulators stay in registers and are written to a small `tile` buffer at the end.

/** Rows of an output tile. */
export const MR = 4;

/** Lanes of one v128 vector of T. */
// @ts-ignore: decorator
@inline export function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}

/** Columns of an output tile: two vectors. */
// @ts-ignore: decorator
@inline export function nr<T>(): i32 {
  return 32 / sizeof<T>();
}

/**
 * acc + a·b per lane: one fused multiply-add (relaxed SIMD's madd) in the module built with
 * relaxed SIMD, a multiply then an add otherwise (build.mjs builds both).
 */
// @ts-ignore: decorator
@inline export function madd<T>(acc: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<T>(a, b, acc);
  return v128.add<T>(acc, v128.mul<T>(a, b));
}

/** Byte offset of element i of T. */
// @ts-ignore: decorator
@inline export function el<T>(i: i32): usize {
  return <usize>i * sizeof<T>();
}

/**
 * Packs a rows × cols matrix (element (r, c) at src + (r·rs + c·cs)·sizeof<T>) into panels of MR
 * rows: dst[panel][c][r'] = src(panel·MR + r', c), zero where panel·MR + r' ≥ rows.
 */
export function packPanels<T>(src: usize, rows: i32, cols: i32, rs: i32, cs: i32, dst: usize): void {
  for (let r0 = 0; r0 < rows; r0 += MR) {
    for (let c = 0; c < cols; c++) {
      for (let i = 0; i < MR; i++) {
        const r = r0 + i;
        store<T>(dst, r < rows ? load<T>(src + el<T>(r * rs + c * cs)) : <T>0);
        dst += sizeof<T>();
      }
    }
  }
}

/**
 * tile[r][0..NR) = Σ_k a[k·MR + r] · B_k[0..NR) for r < MR, where B_k is the NR contiguous values
 * at b + offs[k] (offs: kc byte offsets, i32). `a` is one packed panel (see packPanels).
 */
// @ts-ignore: decorator
@inline export function tileNN<T>(kc: i32, a: usize, b: usize, offs: usize, tile: usize): void {
  let c00 = v128.splat<T>(0), c01 = v128.splat<T>(0), c10 = v128.splat<T>(0), c11 = v128.splat<T>(0);
  let c20 = v128.splat<T>(0), c21 = v128.splat<T>(0), c30 = v128.splat<T>(0), c31 = v128.splat<T>(0);
  const end = offs + (<usize>kc << 2);
  while (offs < end) {
    const p = b + <usize>load<i32>(offs);
    const b0 = v128.load(p);
    const b1 = v128.load(p, 16);
    let s = v128.load_splat<T>(a);
    c00 = madd<T>(c00, s, b0);
    c01 = madd<T>(c01, s, b1);
    s = v128.load_splat<T>(a + sizeof<T>());
    c10 = madd<T>(c10, s, b0);
    c11 = madd<T>(c11, s, b1);
    s = v128.load_splat<T>(a + 2 * sizeof<T>());
    c20 = madd<T>(c20, s, b0);
    c21 = madd<T>(c21, s, b1);
    s = v128.load_splat<T>(a + 3 * sizeof<T>());
    c30 = madd<T>(c30, s, b0);
    c31 = madd<T>(c31, s, b1);
    a += MR * sizeof<T>();
    offs += 4;
  }
  v128.store(tile, c00, 0);
  v128.store(tile, c01, 16);
  v128.store(tile, c10, 32);
  v128.store(tile, c11, 48);
  v128.store(tile, c20, 64);
  v128.store(tile, c21, 80);
  v128.store(tile, c30, 96);
  v128.store(tile, c31, 112);
}

// @ts-ignore: decorator
@inline function hsum<T>(v: v128): T {
  if (sizeof<T>() == 8) return <T>(v128.extract_lane<f64>(v, 0) + v128.extract_lane<f64>(v, 1));
  return <T>(
    v128.extract_lane<f32>(v, 0) + v128.extract_lane<f32>(v, 1) + (v128.extract_lane<f32>(v, 2) + v128.extract_lane<f32>(v, 3))
  );
}

/**
 * Dot products of 4 rows with 2 columns over segments: tile[i·2 + j] = Σ_s Σ_{l < len}
 * A_i[s·strideA + l] · B_j[s·strideB + l], with A_i at a0..a3 and B_j at b0, b1 (strides in bytes).
 */
export function tileDot<T>(
  a0: usize, a1: usize, a2: usize, a3: usize, b0: usize, b1: usize,
  segments: i32, len: i32, strideA: usize, strideB: usize, tile: usize,
): void {
  let c00 = v128.splat<T>(0), c01 = v128.splat<T>(0), c10 = v128.splat<T>(0), c11 = v128.splat<T>(0);
  let c20 = v128.splat<T>(0), c21 = v128.splat<T>(0), c30 = v128.splat<T>(0), c31 = v128.splat<T>(0);
  let t00: T = 0, t01: T = 0, t10: T = 0, t11: T = 0, t20: T = 0, t21: T = 0, t30: T = 0, t31: T = 0;
  const full = el<T>(len & ~(lanes<T>() - 1));
  const all = el<T>(len);
  for (let s = 0; s < segments; s++) {
    let o: usize = 0;
    for (; o < full; o += 16) {
      const y0 = v128.load(b0 + o);
      const y1 = v128.load(b1 + o);
      let x = v128.load(a0 + o);
      c00 = madd<T>(c00, x, y0);
      c01 = madd<T>(c01, x, y1);
      x = v128.load(a1 + o);
      c10 = madd<T>(c10, x, y0);
      c11 = madd<T>(c11, x, y1);
      x = v128.load(a2 + o);
      c20 = madd<T>(c20, x, y0);
      c21 = madd<T>(c21, x, y1);
      x = v128.load(a3 + o);
      c30 = madd<T>(c30, x, y0);
      c31 = madd<T>(c31, x, y1);
    }
    for (; o < all; o += sizeof<T>()) {
      const y0 = load<T>(b0 + o);
      const y1 = load<T>(b1 + o);
      let x = load<T>(a0 + o);
      t00 += x * y0;
      t01 += x * y1;
      x = load<T>(a1 + o);
      t10 += x * y0;
      t11 += x * y1;
      x = load<T>(a2 + o);
      t20 += x * y0;
      t21 += x * y1;
      x = load<T>(a3 + o);
      t30 += x * y0;
      t31 += x * y1;
    }
    a0 += strideA;
    a1 += strideA;
    a2 += strideA;
    a3 += strideA;
    b0 += strideB;
    b1 += strideB;
  }
  store<T>(tile, hsum<T>(c00) + t00, 0);
  store<T>(tile + sizeof<T>(), hsum<T>(c01) + t01);
  store<T>(tile + 2 * sizeof<T>(), hsum<T>(c10) + t10);
  store<T>(tile + 3 * sizeof<T>(), hsum<T>(c11) + t11);
  store<T>(tile + 4 * sizeof<T>(), hsum<T>(c20) + t20);
  store<T>(tile + 5 * sizeof<T>(), hsum<T>(c21) + t21);
  store<T>(tile + 6 * sizeof<T>(), hsum<T>(c30) + t30);
  store<T>(tile + 7 * sizeof<T>(), hsum<T>(c31) + t31);
}
