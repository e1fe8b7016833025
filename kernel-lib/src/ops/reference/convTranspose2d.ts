import type { ConvTranspose2dGeometry } from '../convTranspose2dGeometry';

// The literal transposed-convolution formula, loop by loop: every input cell scatters a copy of
// the kernel, scaled by its value, into the output, s cells apart (s − 1 zeros between δ's cells).
// x, dx [N, C, H, W]; w, dw [C, K/groups, KH, KW]; y, dy [N, K, OH, OW]; b, db [K].

const at = (B: number, I: number, J: number, a: number, b: number, i: number, j: number): number => ((a * B + b) * I + i) * J + j;

/**
 * y[n][g·K/groups + k][i·sh − ph + l·dh][j·sw − pw + m·dw] += x[n][c][i][j] · w[c][k][l][m] for
 * c in group g = floor(c/(C/groups)); then y += b[k]. Cells that land outside [0, OH) × [0, OW)
 * (the cropped padding) are dropped.
 */
export function convTranspose2dForwardReference(
  g: ConvTranspose2dGeometry,
  x: Float64Array,
  w: Float64Array,
  b: Float64Array | undefined,
  y: Float64Array,
): void {
  const { batch: N, inChannels: C, inHeight: H, inWidth: W, outChannels: K, kernelHeight: KH, kernelWidth: KW } = g;
  const {
    outHeight: OH,
    outWidth: OW,
    stride: [sh, sw],
    padding: [ph, pw],
    dilation: [dilH, dilW],
    groups,
  } = g;
  const Cg = C / groups;
  const Kg = K / groups;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) y.fill(b === undefined ? 0 : b[k], at(K, OH, OW, n, k, 0, 0), at(K, OH, OW, n, k + 1, 0, 0));
    for (let c = 0; c < C; c++) {
      const k0 = Math.floor(c / Cg) * Kg;
      for (let i = 0; i < H; i++) {
        for (let j = 0; j < W; j++) {
          const v = x[at(C, H, W, n, c, i, j)];
          for (let k = 0; k < Kg; k++) {
            for (let l = 0; l < KH; l++) {
              for (let m = 0; m < KW; m++) {
                const r = i * sh - ph + l * dilH;
                const q = j * sw - pw + m * dilW;
                if (r >= 0 && r < OH && q >= 0 && q < OW) y[at(K, OH, OW, n, k0 + k, r, q)] += v * w[at(Kg, KH, KW, c, k, l, m)];
              }
            }
          }
        }
      }
    }
  }
}

/**
 * The same loop nest backwards (dx, dw, db overwritten): each product x·w sends dy back along both
 * factors, dx[n][c][i][j] += w[c][k][l][m]·dy[n][k0 + k][r][q], dw[c][k][l][m] += x[n][c][i][j]·dy[…],
 * db[k] = Σ dy[n][k][·][·].
 */
export function convTranspose2dBackwardReference(
  g: ConvTranspose2dGeometry,
  x: Float64Array,
  w: Float64Array,
  dy: Float64Array,
  dx: Float64Array,
  dw: Float64Array,
  db: Float64Array,
): void {
  const { batch: N, inChannels: C, inHeight: H, inWidth: W, outChannels: K, kernelHeight: KH, kernelWidth: KW } = g;
  const {
    outHeight: OH,
    outWidth: OW,
    stride: [sh, sw],
    padding: [ph, pw],
    dilation: [dilH, dilW],
    groups,
  } = g;
  const Cg = C / groups;
  const Kg = K / groups;
  dx.fill(0);
  dw.fill(0);
  db.fill(0);
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      for (let o = at(K, OH, OW, n, k, 0, 0); o < at(K, OH, OW, n, k + 1, 0, 0); o++) db[k] += dy[o];
    }
    for (let c = 0; c < C; c++) {
      const k0 = Math.floor(c / Cg) * Kg;
      for (let i = 0; i < H; i++) {
        for (let j = 0; j < W; j++) {
          const xi = at(C, H, W, n, c, i, j);
          for (let k = 0; k < Kg; k++) {
            for (let l = 0; l < KH; l++) {
              for (let m = 0; m < KW; m++) {
                const r = i * sh - ph + l * dilH;
                const q = j * sw - pw + m * dilW;
                if (r >= 0 && r < OH && q >= 0 && q < OW) {
                  const delta = dy[at(K, OH, OW, n, k0 + k, r, q)];
                  const wi = at(Kg, KH, KW, c, k, l, m);
                  dx[xi] += w[wi] * delta;
                  dw[wi] += x[xi] * delta;
                }
              }
            }
          }
        }
      }
    }
  }
}
