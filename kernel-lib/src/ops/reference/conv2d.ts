import type { Conv2dGeometry } from '../conv2dGeometry';

// The literal formula, loop by loop: the reference every fast kernel is tested against.
// Layouts are row-major NCHW (x, dx, y, dy) and KCHW (w, dw, with C/groups channels); b and db have one
// value per output channel. Output channel k of group g = floor(k/(K/groups)) reads input channels
// g·C/groups + c for c < C/groups, with weights w[k][c].

/** Flat offset of [a, b, i, j] in a row-major tensor of shape [·, B, I, J]. */
const at = (B: number, I: number, J: number, a: number, b: number, i: number, j: number): number => ((a * B + b) * I + i) * J + j;

/**
 * y[n][k][oy][ox] = b[k] + Σ_{c < C/groups} Σ_l Σ_m w[k][c][l][m] · x[n][g·C/groups + c][oy·sh − top + l·dilH][ox·sw − left + m·dilW],
 * reading zeros outside x: the notes' formula with stride, padding, dilation, channels and groups.
 */
export function conv2dForwardReference(
  g: Conv2dGeometry,
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
    dilation: [dilH, dilW],
    padding,
    groups,
  } = g;
  const Cg = C / groups;
  const Kg = K / groups;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          let sum = b === undefined ? 0 : b[k];
          for (let c = 0; c < Cg; c++) {
            const ch = Math.floor(k / Kg) * Cg + c;
            for (let l = 0; l < KH; l++) {
              for (let m = 0; m < KW; m++) {
                const i = oy * sh - padding.top + l * dilH;
                const j = ox * sw - padding.left + m * dilW;
                if (i >= 0 && i < H && j >= 0 && j < W) sum += w[at(Cg, KH, KW, k, c, l, m)] * x[at(C, H, W, n, ch, i, j)];
              }
            }
          }
          y[at(K, OH, OW, n, k, oy, ox)] = sum;
        }
      }
    }
  }
}

/**
 * The same loop nest run backwards (dx, dw, db are overwritten). Each product w·x in the forward
 * sum sends dy back along both factors:
 * dx[n][c][i][j] += w[k][c][l][m] · dy[n][k][oy][ox],  dw[k][c][l][m] += x[n][c][i][j] · dy[n][k][oy][ox],
 * db[k] += dy[n][k][oy][ox]. With stride 1 and no padding, dx is dy correlated in 'full' mode with rot180(w).
 */
export function conv2dBackwardReference(
  g: Conv2dGeometry,
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
    dilation: [dilH, dilW],
    padding,
    groups,
  } = g;
  const Cg = C / groups;
  const Kg = K / groups;
  dx.fill(0);
  dw.fill(0);
  db.fill(0);
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          const delta = dy[at(K, OH, OW, n, k, oy, ox)];
          db[k] += delta;
          for (let c = 0; c < Cg; c++) {
            const ch = Math.floor(k / Kg) * Cg + c;
            for (let l = 0; l < KH; l++) {
              for (let m = 0; m < KW; m++) {
                const i = oy * sh - padding.top + l * dilH;
                const j = ox * sw - padding.left + m * dilW;
                if (i >= 0 && i < H && j >= 0 && j < W) {
                  dx[at(C, H, W, n, ch, i, j)] += w[at(Cg, KH, KW, k, c, l, m)] * delta;
                  dw[at(Cg, KH, KW, k, c, l, m)] += x[at(C, H, W, n, ch, i, j)] * delta;
                }
              }
            }
          }
        }
      }
    }
  }
}
