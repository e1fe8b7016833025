import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Rng,
  avgPool2dBackwardReference,
  avgPool2dForwardReference,
  maxPool2dForwardReference,
  type Pool2dGeometry,
} from '../../../kernel-lib/src';
import { configureKernels } from '../../../kernel-lib/src/fast/backend';
import { avgPool2dBackwardFast, avgPool2dForwardFast, maxPool2dForwardFast } from '../../../kernel-lib/src/fast/pool2d';
import { poolGeometries } from './cases';

/** Values in −3..3 (small integers, so windows often tie; one in 8 NaN, so NaN's rule is met) or standard normals. */
function values(n: number, seed: number, ties: boolean): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => (ties ? (rng.int(8) === 0 ? NaN : rng.int(7) - 3) : rng.normal()));
}

const inSize = (g: Pool2dGeometry) => g.planes * g.inHeight * g.inWidth;
const outSize = (g: Pool2dGeometry) => g.planes * g.outHeight * g.outWidth;

function maxPool(run: typeof maxPool2dForwardFast, g: Pool2dGeometry, x: Float64Array) {
  const y = new Float64Array(outSize(g)).fill(NaN);
  const argmax = new Int32Array(outSize(g)).fill(-2);
  run(g, x, y, argmax);
  return { y, argmax };
}

afterEach(() => configureKernels({ kernels: 'fast', threads: 2 }));

describe.each([1, 2])('pooling fast kernels, threads=%i', (threads) => {
  it('maxPool2dForwardFast gives the reference y and argmax exactly, first maximum on ties, last NaN (all options)', () => {
    configureKernels({ threads });
    fc.assert(
      fc.property(poolGeometries(), fc.boolean(), ({ g, seed }, ties) => {
        const x = values(inSize(g), seed, ties);
        expect(maxPool(maxPool2dForwardFast, g, x)).toEqual(maxPool(maxPool2dForwardReference, g, x));
      }),
      { numRuns: 200 },
    );
  });

  it('avgPool2dForwardFast and avgPool2dBackwardFast equal the reference exactly (same sums, same order; all options)', () => {
    configureKernels({ threads });
    fc.assert(
      fc.property(poolGeometries('avg'), ({ g, seed }) => {
        const x = values(inSize(g), seed, false);
        const dy = values(outSize(g), seed + 1, false);
        const [yFast, yRef] = [new Float64Array(outSize(g)), new Float64Array(outSize(g))];
        avgPool2dForwardFast(g, x, yFast);
        avgPool2dForwardReference(g, x, yRef);
        expect(yFast).toEqual(yRef);
        const [dxFast, dxRef] = [new Float64Array(inSize(g)).fill(NaN), new Float64Array(inSize(g)).fill(NaN)];
        avgPool2dBackwardFast(g, dy, dxFast);
        avgPool2dBackwardReference(g, dy, dxRef);
        expect(dxFast).toEqual(dxRef);
      }),
      { numRuns: 200 },
    );
  });
});

describe("pooling with configureKernels({ kernels: 'reference' })", () => {
  it('runs the reference: the same results', () => {
    configureKernels({ kernels: 'reference' });
    fc.assert(
      fc.property(poolGeometries(), ({ g, seed }) => {
        const x = values(inSize(g), seed, true);
        expect(maxPool(maxPool2dForwardFast, g, x)).toEqual(maxPool(maxPool2dForwardReference, g, x));
      }),
      { numRuns: 20 },
    );
  });
});
