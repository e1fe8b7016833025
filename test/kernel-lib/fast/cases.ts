import fc from 'fast-check';
import { type Conv2dGeometry, type Conv2dOptions, type Pool2dGeometry, conv2dGeometry, pool2dGeometry } from '../../../kernel-lib/src';

/** A random conv2d geometry (kernel always fits the padded input; groups up to max.groups) and a seed for its data. */
export function convGeometries(
  max: { batch: number; channels: number; size: number; groups?: number } = { batch: 5, channels: 4, size: 14 },
): fc.Arbitrary<{ g: Conv2dGeometry; seed: number }> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: max.batch }),
      groups: fc.integer({ min: 1, max: max.groups ?? 1 }),
      c: fc.integer({ min: 1, max: max.channels }),
      k: fc.integer({ min: 1, max: max.channels + 3 }),
      kernel: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      padding: fc.oneof(fc.constantFrom('valid' as const, 'same' as const, 'full' as const), fc.tuple(fc.nat(3), fc.nat(3))),
      size: fc.tuple(fc.integer({ min: 1, max: max.size }), fc.integer({ min: 1, max: max.size })),
      seed: fc.integer({ min: 0, max: 1e6 }),
    })
    .filter(({ kernel, dilation, padding, size }) =>
      [0, 1].every((a) => {
        const extent = dilation[a] * (kernel[a] - 1) + 1;
        const pad = padding === 'valid' ? 0 : padding === 'same' || padding === 'full' ? 2 * (extent - 1) : 2 * padding[a];
        return extent <= size[a] + pad;
      }),
    )
    .map(({ n, groups, c, k, kernel, stride, dilation, padding, size, seed }) => {
      const opts: Conv2dOptions = { stride, dilation, padding, groups };
      return { g: conv2dGeometry('test', [n, c * groups, size[0], size[1]], [k * groups, c, kernel[0], kernel[1]], opts), seed };
    });
}

/**
 * A random pooling geometry over 1–6 planes, and a seed: every padding form (sides each at most
 * half the window), ceil mode, and for 'max' dilation, for 'avg' countIncludePad and divisorOverride.
 */
export function poolGeometries(kind: 'max' | 'avg' = 'max'): fc.Arbitrary<{ g: Pool2dGeometry; seed: number }> {
  return fc
    .record({
      planes: fc.integer({ min: 1, max: 6 }),
      size: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      pad: fc.tuple(fc.tuple(fc.nat(2), fc.nat(2)), fc.tuple(fc.nat(2), fc.nat(2))),
      dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      ceilMode: fc.boolean(),
      countIncludePad: fc.boolean(),
      divisorOverride: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
      map: fc.tuple(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 13 })),
      seed: fc.integer({ min: 0, max: 1e6 }),
    })
    .map(({ planes, size, stride, pad, dilation, ceilMode, countIncludePad, divisorOverride, map, seed }) => {
      const padding = pad.map((sides, a) => sides.map((p) => Math.min(p, size[a] >> 1))) as [[number, number], [number, number]];
      const opts =
        kind === 'max'
          ? { size, stride, padding, dilation, ceilMode }
          : { size, stride, padding, ceilMode, countIncludePad, divisorOverride };
      try {
        return { g: pool2dGeometry('test', [planes, map[0], map[1]], opts, Object.keys(opts)), seed };
      } catch {
        return null; // the window does not fit, or a dilated window holds only padding
      }
    })
    .filter((c): c is { g: Pool2dGeometry; seed: number } => c !== null);
}

// One definition of "close" for the ops' and the fast kernels' tests.
export { expectClose } from '../ops/helpers';
