// A fully connected layer z = x·wᵀ + b (x [N, I], w [O, I], b [O]) over samples [n0, n1).
import { MR, el, nr, packPanels, tileDot, tileNN } from './tile';

/** z[n][j] = b[j] + Σ_i w[j][i]·x[n][i]: dot products of 4 rows of w with 2 rows of x. */
export function denseForward<T>(inputs: i32, outputs: i32, x: usize, w: usize, b: usize, z: usize, n0: i32, n1: i32, tile: usize): void {
  const stride = el<T>(inputs);
  for (let j0 = 0; j0 < outputs; j0 += MR) {
    const a0 = w + <usize>j0 * stride, a1 = w + <usize>min(j0 + 1, outputs - 1) * stride;
    const a2 = w + <usize>min(j0 + 2, outputs - 1) * stride, a3 = w + <usize>min(j0 + 3, outputs - 1) * stride;
    for (let n = n0; n < n1; n += 2) {
      const b0 = x + <usize>n * stride, b1 = x + <usize>min(n + 1, n1 - 1) * stride;
      tileDot<T>(a0, a1, a2, a3, b0, b1, 1, inputs, 0, 0, tile);
      for (let i = 0; i < min(MR, outputs - j0); i++) {
        const bias = load<T>(b + el<T>(j0 + i));
        for (let s = 0; s < min(2, n1 - n); s++) {
          store<T>(z + el<T>((n + s) * outputs + j0 + i), load<T>(tile + el<T>(i * 2 + s)) + bias);
        }
      }
    }
  }
}

/**
 * dx[n][i] = Σ_j dz[n][j]·w[j][i]: panels of 4 rows of dz against rows of w (offsW[j] = byte
 * offset of row j of w); `packed` holds the panels.
 */
export function denseBackwardInput<T>(
  inputs: i32, outputs: i32, dz: usize, w: usize, dx: usize, n0: i32, n1: i32, offsW: usize, packed: usize, tile: usize,
): void {
  const rows = n1 - n0;
  const NR = nr<T>();
  packPanels<T>(dz + el<T>(n0 * outputs), rows, outputs, outputs, 1, packed);
  for (let i0 = 0; i0 < inputs; i0 += NR) {
    const valid = min(NR, inputs - i0);
    for (let r0 = 0; r0 < rows; r0 += MR) {
      tileNN<T>(outputs, packed + el<T>(r0 * outputs), w + el<T>(i0), offsW, tile);
      for (let r = 0; r < min(MR, rows - r0); r++) {
        const dst = dx + el<T>((n0 + r0 + r) * inputs + i0);
        const src = tile + el<T>(r * NR);
        if (valid == NR) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
        } else {
          for (let l = 0; l < valid; l++) store<T>(dst + el<T>(l), load<T>(src + el<T>(l)));
        }
      }
    }
  }
}

/**
 * dw[j][i] += Σ_n dz[n][j]·x[n][i] and db[j] += Σ_n dz[n][j]: panels of 4 columns of dz against
 * rows of x (offsX[n] = byte offset of row n − n0 of x from row n0).
 */
export function denseBackwardWeights<T>(
  inputs: i32, outputs: i32, dz: usize, x: usize, dw: usize, db: usize, n0: i32, n1: i32, offsX: usize, packed: usize, tile: usize,
): void {
  const rows = n1 - n0;
  const NR = nr<T>();
  const dzn = dz + el<T>(n0 * outputs);
  packPanels<T>(dzn, outputs, rows, 1, outputs, packed);
  const xn = x + el<T>(n0 * inputs);
  for (let i0 = 0; i0 < inputs; i0 += NR) {
    const valid = min(NR, inputs - i0);
    for (let j0 = 0; j0 < outputs; j0 += MR) {
      tileNN<T>(rows, packed + el<T>(j0 * rows), xn + el<T>(i0), offsX, tile);
      for (let r = 0; r < min(MR, outputs - j0); r++) {
        const dst = dw + el<T>((j0 + r) * inputs + i0);
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
  for (let n = 0; n < rows; n++) {
    for (let j = 0; j < outputs; j++) {
      const at = db + el<T>(j);
      store<T>(at, load<T>(at) + load<T>(dzn + el<T>(n * outputs + j)));
    }
  }
}
