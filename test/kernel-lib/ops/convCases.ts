import fc from 'fast-check';
import { type Conv2dOptions, Tensor, correlate2d, pad2d, randn, resolvePadding, zeros } from '../../../kernel-lib/src';

export interface ConvCase {
  x: Tensor;
  w: Tensor;
  b: Tensor | undefined;
  opts: Conv2dOptions;
}

/** Random conv2d cases whose dilated kernel always fits in the padded input. */
export function convCases(max: { batch: number; channels: number; extra: number } = { batch: 2, channels: 3, extra: 4 }): fc.Arbitrary<ConvCase> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: max.batch }),
      c: fc.integer({ min: 1, max: max.channels }),
      k: fc.integer({ min: 1, max: max.channels }),
      kh: fc.integer({ min: 1, max: 4 }),
      kw: fc.integer({ min: 1, max: 4 }),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      padding: fc.oneof(
        fc.constantFrom('valid' as const, 'same' as const, 'full' as const),
        fc.nat(2),
        fc.tuple(fc.nat(2), fc.nat(2)),
      ),
      extra: fc.tuple(fc.nat(max.extra), fc.nat(max.extra)),
      bias: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1e6 }),
    })
    .map(({ n, c, k, kh, kw, stride, dilation, padding, extra, bias, seed }) => {
      const [ph, pw] = typeof padding === 'string' ? [padding, padding] : typeof padding === 'number' ? [padding, padding] : padding;
      const sizeFor = (kernel: number, d: number, p: typeof ph, e: number) => {
        const [before, after] = resolvePadding(p, kernel, d);
        return Math.max(1, d * (kernel - 1) + 1 - before - after + e);
      };
      const H = sizeFor(kh, dilation[0], ph, extra[0]);
      const W = sizeFor(kw, dilation[1], pw, extra[1]);
      return {
        x: randn([n, c, H, W], seed),
        w: randn([k, c, kh, kw], seed + 1),
        b: bias ? randn([k], seed + 2) : undefined,
        opts: { stride, dilation, padding },
      };
    });
}

/** The [h, w] plane (a, b) of a rank-4 tensor. */
export function plane(t: Tensor, a: number, b: number): Tensor {
  const [, B, H, W] = t.shape;
  return new Tensor([H, W], t.data.slice((a * B + b) * H * W, (a * B + b + 1) * H * W));
}

/**
 * An independent route to conv2d: for each (n, k), Σ_c correlate2d(pad(x[n][c]), dilate(w[k][c]), 'valid'),
 * keep every stride-th row and column, add b[k].
 */
export function conv2dByCorrelate2d({ x, w, b, opts }: ConvCase): Tensor {
  const [N, C] = x.shape;
  const [K, , KH, KW] = w.shape;
  const pair = (v: unknown) => (Array.isArray(v) ? v : [v, v]) as [number, number];
  const [sh, sw] = pair(opts.stride ?? 1);
  const [dh, dw] = pair(opts.dilation ?? 1);
  const [ph, pw] = pair(opts.padding ?? 0);
  // Zeros per side, written out here rather than taken from the library: 'same' puts the odd one after.
  const perSide = (p: unknown, extent: number): [number, number] =>
    p === 'valid' ? [0, 0]
    : p === 'full' ? [extent - 1, extent - 1]
    : p === 'same' ? [Math.floor((extent - 1) / 2), Math.ceil((extent - 1) / 2)]
    : [p as number, p as number];
  const sides: [[number, number], [number, number]] = [perSide(ph, dh * (KH - 1) + 1), perSide(pw, dw * (KW - 1) + 1)];
  const dilate = (k: Tensor) => {
    const out = zeros([dh * (KH - 1) + 1, dw * (KW - 1) + 1]);
    for (let l = 0; l < KH; l++) for (let m = 0; m < KW; m++) out.data[l * dh * out.shape[1] + m * dw] = k.get(l, m);
    return out;
  };
  const maps: number[][][][] = [];
  for (let n = 0; n < N; n++) {
    maps.push([]);
    for (let k = 0; k < K; k++) {
      let sum: number[][] | undefined;
      for (let c = 0; c < C; c++) {
        const full = correlate2d(pad2d(plane(x, n, c), sides), dilate(plane(w, k, c))).toArray() as number[][];
        const strided = full.filter((_, r) => r % sh === 0).map((row) => row.filter((_, j) => j % sw === 0));
        sum = sum === undefined ? strided : sum.map((row, r) => row.map((v, j) => v + strided[r][j]));
      }
      maps[n].push(sum!.map((row) => row.map((v) => v + (b === undefined ? 0 : b.data[k]))));
    }
  }
  const [OH, OW] = [maps[0][0].length, maps[0][0][0].length];
  return new Tensor([N, K, OH, OW], Float64Array.from(maps.flat(3)));
}
