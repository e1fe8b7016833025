import fc from 'fast-check';
import { type ConvTranspose2dOptions, Tensor, randn } from '../../../kernel-lib/src';

export interface TransposeCase {
  x: Tensor;
  w: Tensor;
  b: Tensor | undefined;
  opts: ConvTranspose2dOptions;
}

/** PyTorch's output size of ConvTranspose2d, written out: (i − 1)·s − 2p + d·(k − 1) + op + 1. */
export const transposedSize = (i: number, k: number, s: number, p: number, d: number, op: number): number =>
  (i - 1) * s - 2 * p + d * (k - 1) + op + 1;

/** Random convTranspose2d cases (PyTorch-valid: outputPadding < stride or dilation, a positive output). */
export function transposeCases(maxGroups = 3): fc.Arbitrary<TransposeCase> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: 2 }),
      groups: fc.integer({ min: 1, max: maxGroups }),
      cg: fc.integer({ min: 1, max: 2 }),
      kg: fc.integer({ min: 1, max: 2 }),
      size: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      kernel: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      padding: fc.tuple(fc.nat(2), fc.nat(2)),
      extra: fc.tuple(fc.nat(2), fc.nat(2)),
      bias: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1e6 }),
    })
    .map((r) => {
      const outputPadding = [0, 1].map((a) => r.extra[a] % Math.max(r.stride[a], r.dilation[a])) as [number, number];
      return { ...r, outputPadding };
    })
    .filter(({ size, kernel, stride, dilation, padding, outputPadding }) =>
      [0, 1].every((a) => transposedSize(size[a], kernel[a], stride[a], padding[a], dilation[a], outputPadding[a]) > 0),
    )
    .map(({ n, groups, cg, kg, size, kernel, stride, dilation, padding, outputPadding, bias, seed }) => ({
      x: randn([n, cg * groups, size[0], size[1]], seed),
      w: randn([cg * groups, kg, kernel[0], kernel[1]], seed + 1),
      b: bias ? randn([kg * groups], seed + 2) : undefined,
      opts: { stride, dilation, padding, outputPadding, groups },
    }));
}
