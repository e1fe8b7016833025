import fc from 'fast-check';
import { type Pool2dOptions, Rng, Tensor } from '../../../kernel-lib/src';

export interface PoolCase {
  x: Tensor;
  opts: Pool2dOptions;
}

/**
 * Random pooling cases whose window fits the padded input. x holds distinct values (a shuffle of
 * 0.1·0 … 0.1·(n − 1), shifted to straddle 0), so a max never ties, even after a ±1e-6 nudge.
 */
export function poolCases(): fc.Arbitrary<PoolCase> {
  return fc
    .record({
      lead: fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 2 }),
      size: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      stride: fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), { nil: undefined }),
      pad: fc.tuple(fc.nat(1), fc.nat(1)),
      extra: fc.tuple(fc.nat(4), fc.nat(4)),
      seed: fc.integer({ min: 0, max: 1e6 }),
    })
    .map(({ lead, size, stride, pad, extra, seed }) => {
      const padding: [number, number] = [Math.min(pad[0], size[0] >> 1), Math.min(pad[1], size[1] >> 1)];
      const H = Math.max(1, size[0] - 2 * padding[0] + extra[0]);
      const W = Math.max(1, size[1] - 2 * padding[1] + extra[1]);
      const shape = [...lead, H, W];
      const n = shape.reduce((a, b) => a * b, 1);
      const values = new Rng(seed).shuffle(Array.from({ length: n }, (_, i) => 0.1 * i - 0.05 * n));
      return { x: new Tensor(shape, Float64Array.from(values)), opts: { size, stride, padding } };
    });
}

/**
 * Literal pooling, written independently of the library: for each plane and window, the list of
 * in-bounds cells as flat indices into x, in row-major window order.
 */
export function windows(shape: readonly number[], opts: Pool2dOptions): { outShape: number[]; cells: number[][] } {
  const pair = (v: unknown) => (Array.isArray(v) ? v : [v, v]) as [number, number];
  const [kh, kw] = pair(opts.size ?? 2);
  const [sh, sw] = pair(opts.stride ?? [kh, kw]);
  const [ph, pw] = pair(opts.padding ?? 0);
  const [H, W] = shape.slice(-2);
  const planes = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const starts = (n: number, k: number, s: number, p: number) => {
    const out: number[] = [];
    for (let start = -p; start + k <= n + p; start += s) out.push(start);
    return out;
  };
  const rows = starts(H, kh, sh, ph);
  const cols = starts(W, kw, sw, pw);
  const cells: number[][] = [];
  for (let p = 0; p < planes; p++) {
    for (const r of rows) {
      for (const c of cols) {
        const window: number[] = [];
        for (let i = r; i < r + kh; i++) for (let j = c; j < c + kw; j++) {
          if (i >= 0 && i < H && j >= 0 && j < W) window.push((p * H + i) * W + j);
        }
        cells.push(window);
      }
    }
  }
  return { outShape: [...shape.slice(0, -2), rows.length, cols.length], cells };
}
