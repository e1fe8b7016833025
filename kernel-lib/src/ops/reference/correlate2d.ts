/**
 * Where the kernel's window sits: out[r][c] reads x from row r − top and column c − left on.
 * 'valid' has top = left = 0; 'full' has top = kh − 1, left = kw − 1.
 */
export interface Correlate2dGeometry {
  readonly inHeight: number;
  readonly inWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly top: number;
  readonly left: number;
}

/**
 * The notes' formula without σ and b, read with zeros outside x:
 * out[r][c] = Σ_l Σ_m k[l][m] · x[r + l − top][c + m − left].
 */
export function correlate2dReference(g: Correlate2dGeometry, x: Float64Array, k: Float64Array, out: Float64Array): void {
  const { inHeight: H, inWidth: W, kernelHeight: KH, kernelWidth: KW } = g;
  for (let r = 0; r < g.outHeight; r++) {
    for (let c = 0; c < g.outWidth; c++) {
      let sum = 0;
      for (let l = 0; l < KH; l++) {
        for (let m = 0; m < KW; m++) {
          const i = r + l - g.top;
          const j = c + m - g.left;
          if (i >= 0 && i < H && j >= 0 && j < W) sum += k[l * KW + m] * x[i * W + j];
        }
      }
      out[r * g.outWidth + c] = sum;
    }
  }
}
