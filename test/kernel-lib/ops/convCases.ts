import fc from 'fast-check';
import { type Conv2dOptions, type Padding, Tensor, correlate2d, pad2d, randn, resolvePadding, zeros } from '../../../kernel-lib/src';

export interface ConvCase {
  x: Tensor;
  w: Tensor;
  b: Tensor | undefined;
  opts: Conv2dOptions;
}

/**
 * Random conv2d cases whose dilated kernel always fits in the padded input: every padding form
 * (rule, number, pair, explicit sides) and, with `groups` > 1, grouped and depthwise weights.
 */
export function convCases(
  max: { batch: number; channels: number; extra: number; groups?: number } = { batch: 2, channels: 3, extra: 4 },
): fc.Arbitrary<ConvCase> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: max.batch }),
      groups: fc.integer({ min: 1, max: max.groups ?? 1 }),
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
        fc.tuple(fc.tuple(fc.nat(2), fc.nat(2)), fc.tuple(fc.nat(2), fc.nat(2))),
      ),
      extra: fc.tuple(fc.nat(max.extra), fc.nat(max.extra)),
      bias: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1e6 }),
    })
    .map(({ n, groups, c: cg, k: kg, kh, kw, stride, dilation, padding, extra, bias, seed }) => {
      const [c, k] = [cg * groups, kg * groups];
      const [ph, pw] = typeof padding === 'string' || typeof padding === 'number' ? [padding, padding] : padding;
      const sizeFor = (kernel: number, d: number, p: typeof ph, e: number) => {
        const [before, after] = Array.isArray(p) ? (p as unknown as [number, number]) : resolvePadding(p as Padding, kernel, d);
        return Math.max(1, d * (kernel - 1) + 1 - before - after + e);
      };
      const H = sizeFor(kh, dilation[0], ph, extra[0]);
      const W = sizeFor(kw, dilation[1], pw, extra[1]);
      return {
        x: randn([n, c, H, W], seed),
        w: randn([k, cg, kh, kw], seed + 1),
        b: bias ? randn([k], seed + 2) : undefined,
        opts: groups === 1 ? { stride, dilation, padding } : { stride, dilation, padding, groups },
      };
    });
}

/** The [h, w] plane (a, b) of a rank-4 tensor. */
export function plane(t: Tensor, a: number, b: number): Tensor {
  const [, B, H, W] = t.shape;
  return new Tensor([H, W], t.data.slice((a * B + b) * H * W, (a * B + b + 1) * H * W));
}

/**
 * An independent route to conv2d: for each (n, k), Σ_c correlate2d(pad(x[n][c]), dilate(w[k][c]), 'valid')
 * over the channels c of k's group, keep every stride-th row and column, add b[k].
 */
export function conv2dByCorrelate2d({ x, w, b, opts }: ConvCase): Tensor {
  const [N] = x.shape;
  const [K, Cg, KH, KW] = w.shape;
  const Kg = K / (opts.groups ?? 1);
  const pair = (v: unknown) => (Array.isArray(v) ? v : [v, v]) as [number, number];
  const [sh, sw] = pair(opts.stride ?? 1);
  const [dh, dw] = pair(opts.dilation ?? 1);
  const padding = opts.padding ?? 0;
  const [ph, pw] = typeof padding === 'string' || typeof padding === 'number' ? [padding, padding] : padding;
  // Zeros per side, written out here rather than taken from the library: 'same' is TensorFlow's
  // (ceil(i/s) outputs, the odd zero after).
  const same = (i: number, s: number, extent: number): [number, number] => {
    const total = Math.max((Math.ceil(i / s) - 1) * s + extent - i, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  };
  const perSide = (p: unknown, i: number, s: number, extent: number): [number, number] =>
    Array.isArray(p)
      ? (p as [number, number])
      : p === 'valid'
        ? [0, 0]
        : p === 'full'
          ? [extent - 1, extent - 1]
          : p === 'same'
            ? same(i, s, extent)
            : [p as number, p as number];
  const sides: [[number, number], [number, number]] = [
    perSide(ph, x.shape[2], sh, dh * (KH - 1) + 1),
    perSide(pw, x.shape[3], sw, dw * (KW - 1) + 1),
  ];
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
      for (let c = 0; c < Cg; c++) {
        const full = correlate2d(pad2d(plane(x, n, Math.floor(k / Kg) * Cg + c), sides), dilate(plane(w, k, c))).toArray() as number[][];
        const strided = full.filter((_, r) => r % sh === 0).map((row) => row.filter((_, j) => j % sw === 0));
        sum = sum === undefined ? strided : sum.map((row, r) => row.map((v, j) => v + strided[r][j]));
      }
      maps[n].push(sum!.map((row) => row.map((v) => v + (b === undefined ? 0 : b.data[k]))));
    }
  }
  const [OH, OW] = [maps[0][0].length, maps[0][0][0].length];
  return new Tensor([N, K, OH, OW], Float64Array.from(maps.flat(3)));
}
