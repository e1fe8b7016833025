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
export function poolCases(options: 'basic' | 'all' = 'basic'): fc.Arbitrary<PoolCase> {
  const all = options === 'all';
  return fc
    .record({
      sides: fc.tuple(fc.nat(all ? 1 : 0), fc.nat(all ? 1 : 0)),
      dilation: fc.tuple(fc.integer({ min: 1, max: all ? 2 : 1 }), fc.integer({ min: 1, max: all ? 2 : 1 })),
      ceilMode: all ? fc.boolean() : fc.constant(false),
      lead: fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 2 }),
      size: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      stride: fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), { nil: undefined }),
      pad: fc.tuple(fc.nat(1), fc.nat(1)),
      extra: fc.tuple(fc.nat(4), fc.nat(4)),
      seed: fc.integer({ min: 0, max: 1e6 }),
    })
    .map(({ lead, size, stride, pad, extra, seed, sides, dilation, ceilMode }) => {
      const padding: [number, number] = [Math.min(pad[0], size[0] >> 1), Math.min(pad[1], size[1] >> 1)];
      // with `sides`, the bottom/right padding is drawn apart from the top/left (still ≤ half the window)
      const end = [0, 1].map((a) => (sides[a] ? Math.min(sides[a] + padding[a], size[a] >> 1) : padding[a]));
      const extent = [0, 1].map((a) => dilation[a] * (size[a] - 1) + 1);
      const H = Math.max(1, extent[0] - padding[0] - end[0] + extra[0]);
      const W = Math.max(1, extent[1] - padding[1] - end[1] + extra[1]);
      const shape = [...lead, H, W];
      const n = shape.reduce((a, b) => a * b, 1);
      const values = new Rng(seed).shuffle(Array.from({ length: n }, (_, i) => 0.1 * i - 0.05 * n));
      const pads = all
        ? ([
            [padding[0], end[0]],
            [padding[1], end[1]],
          ] as const)
        : padding;
      const opts: Pool2dOptions = all ? { size, stride, padding: pads, dilation, ceilMode } : { size, stride, padding: pads };
      return { x: new Tensor(shape, Float64Array.from(values)), opts };
    })
    .filter(({ x, opts }) => windows(x.shape, opts).cells.every((w) => w.length > 0)); // a dilated window of padding only is an error
}

/**
 * Literal pooling, written independently of the library: for each plane and window, the list of
 * in-bounds cells as flat indices into x, in row-major window order.
 */
export function windows(
  shape: readonly number[],
  opts: Pool2dOptions,
): { outShape: number[]; cells: number[][]; spans: { inPad: number; starts: [number, number] }[] } {
  const pair = (v: unknown) => (Array.isArray(v) ? v : [v, v]) as [number, number];
  const [kh, kw] = pair(opts.size ?? 2);
  const [sh, sw] = pair(opts.stride ?? [kh, kw]);
  const [dh, dw] = pair(opts.dilation ?? 1);
  const p = opts.padding ?? 0;
  const [[top, bottom], [left, right]] = (
    typeof p === 'number'
      ? [
          [p, p],
          [p, p],
        ]
      : typeof p[0] === 'number'
        ? [
            [p[0], p[0]],
            [p[1], p[1]],
          ]
        : p
  ) as [number, number][];
  const [H, W] = shape.slice(-2);
  const planes = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  // Floor mode: every window whose taps stay inside the padded input. Ceil mode (PyTorch): also
  // windows that run past the far padding, as long as they start inside the input or the top padding.
  const starts = (n: number, k: number, s: number, d: number, before: number, after: number) => {
    const out: number[] = [];
    for (let start = -before; start < n + (opts.ceilMode ? 0 : after); start += s) {
      const last = start + d * (k - 1);
      if (last <= n + after - 1 || (opts.ceilMode && out.length > 0 && out[out.length - 1] + d * (k - 1) < n + after - 1)) out.push(start);
    }
    return out;
  };
  const rows = starts(H, kh, sh, dh, top, bottom);
  const cols = starts(W, kw, sw, dw, left, right);
  const cells: number[][] = [];
  const spans: { inPad: number; starts: [number, number] }[] = [];
  for (let q = 0; q < planes; q++) {
    for (const r of rows) {
      for (const c of cols) {
        const window: number[] = [];
        for (let l = 0; l < kh; l++)
          for (let m = 0; m < kw; m++) {
            const [i, j] = [r + l * dh, c + m * dw];
            if (i >= 0 && i < H && j >= 0 && j < W) window.push((q * H + i) * W + j);
          }
        cells.push(window);
        const within = (s0: number, k: number, n: number, after: number) => Math.min(s0 + k, n + after) - s0;
        spans.push({ inPad: within(r, kh, H, bottom) * within(c, kw, W, right), starts: [r, c] });
      }
    }
  }
  return { outShape: [...shape.slice(0, -2), rows.length, cols.length], cells, spans };
}
