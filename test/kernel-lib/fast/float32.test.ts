import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Rng,
  conv2dBackwardReference,
  conv2dForwardReference,
  maxPool2dBackwardReference,
  maxPool2dForwardReference,
  type Conv2dGeometry,
  type Pool2dGeometry,
  pool2dGeometry,
} from '../../../kernel-lib/src';
import { engine } from '../../../kernel-lib/src/fast/backend';
import { ConvKernel } from '../../../kernel-lib/src/fast/convKernel';
import { createPoolPlan } from '../../../kernel-lib/src/fast/pool2d';
import { convGeometries, expectClose, poolGeometries } from './cases';

// The float32 kernels that training runs, on data in the kernels' memory, against the float64
// reference on the same (float32-representable) inputs: within 1e-5 relative.

const { rt, pool } = engine()!;

/** Float32-representable normals, so that both sides start from the same numbers. */
function normals(n: number, rng: Rng): Float64Array {
  return Float64Array.from(Float32Array.from({ length: n }, () => rng.normal()));
}

/** Copies arrays in as f32, runs `body` on the pointers and reads `out` back as f64. */
function inMemory(arrays: Float64Array[], out: number[], body: (ptrs: number[]) => void): Float64Array[] {
  const ptrs = arrays.map((a) => {
    const p = rt.heap.alloc(4 * a.length);
    rt.heap.f32(p, a.length).set(a);
    return p;
  });
  try {
    body(ptrs);
    return out.map((i) => Float64Array.from(rt.heap.f32(ptrs[i], arrays[i].length)));
  } finally {
    ptrs.forEach((p) => rt.heap.release(p));
  }
}

function convCase(g: Conv2dGeometry, seed: number) {
  const rng = new Rng(seed);
  const x = normals(g.batch * g.inChannels * g.inHeight * g.inWidth, rng);
  const w = normals(g.outChannels * g.inChannels * g.kernelHeight * g.kernelWidth, rng);
  const b = normals(g.outChannels, rng);
  const dy = normals(g.batch * g.outChannels * g.outHeight * g.outWidth, rng);
  return { x, w, b, dy };
}

describe('float32 conv kernels (training path)', () => {
  it('forward and backward equal the float64 reference within 1e-5 (random shapes, strides, paddings, dilations)', () => {
    fc.assert(
      fc.property(convGeometries(), ({ g, seed }) => {
        const { x, w, b, dy } = convCase(g, seed);
        const k = new ConvKernel(rt, g, 'f32', pool.threads);
        try {
          const [y] = inMemory([x, w, b, new Float64Array(dy.length)], [3], ([px, pw, pb, py]) => {
            k.packWeights(pw);
            pool.run({ items: g.batch, calls: (t, r) => k.forwardCalls(t, px, pb, py, r) });
          });
          const yRef = new Float64Array(dy.length);
          conv2dForwardReference(g, x, w, b, yRef);
          expectClose(y, yRef, 1e-5);

          const zeros = [new Float64Array(x.length), new Float64Array(w.length), new Float64Array(b.length)];
          const [dx, dw, db] = inMemory([x, w, dy, ...zeros], [3, 4, 5], ([px, pw, pdy, pdx, pdw, pdb]) => {
            k.packWeights(pw);
            const took = pool.run({
              items: g.batch,
              prologue: (t) => k.prologue(t),
              calls: (t, r) => k.backwardCalls(t, px, pdy, pdx, pdw, pdb, r),
            });
            k.reduceGrads(pdw, pdb, took);
          });
          const ref = zeros.map((z) => new Float64Array(z.length));
          conv2dBackwardReference(g, x, w, dy, ref[0], ref[1], ref[2]);
          expectClose(dx, ref[0], 1e-5);
          expectClose(dw, ref[1], 1e-5);
          expectClose(db, ref[2], 1e-5);
        } finally {
          k.release();
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('float32 max-pool kernels (training path)', () => {
  it('give the reference y and argmax exactly on float32 inputs, and dx within 1e-5 (2x2 windows included)', () => {
    const twoByTwo = fc
      .record({
        planes: fc.integer({ min: 1, max: 4 }),
        h: fc.integer({ min: 2, max: 13 }),
        w: fc.integer({ min: 2, max: 21 }),
        seed: fc.nat(),
      })
      .map(({ planes, h, w, seed }) => ({
        g: pool2dGeometry('test', [planes, h, w], { size: 2 }) as Pool2dGeometry,
        seed,
      }));
    fc.assert(
      fc.property(fc.oneof(twoByTwo, poolGeometries()), fc.boolean(), ({ g, seed }, ties) => {
        const rng = new Rng(seed);
        const x = ties
          ? Float64Array.from({ length: g.planes * g.inHeight * g.inWidth }, () => rng.int(5))
          : normals(g.planes * g.inHeight * g.inWidth, rng);
        const outs = g.planes * g.outHeight * g.outWidth;
        const dy = normals(outs, rng);
        const plan = createPoolPlan(rt, g);
        const argmaxPtr = rt.heap.alloc(4 * outs);
        try {
          const [y, dx] = inMemory([x, new Float64Array(outs), dy, new Float64Array(x.length)], [1, 3], ([px, py, pdy, pdx]) => {
            const over = (kernel: string, args: number[]) => ({
              items: g.planes,
              calls: (_t: number, [p0, p1]: [number, number]) => [{ kernel, precision: 'f32' as const, args: [plan, ...args, p0, p1] }],
            });
            pool.run(over('maxPoolForward', [px, py, argmaxPtr]));
            pool.run(over('maxPoolBackward', [argmaxPtr, pdy, pdx]));
          });
          const [yRef, argmaxRef, dxRef] = [new Float64Array(outs), new Int32Array(outs), new Float64Array(x.length)];
          maxPool2dForwardReference(g, x, yRef, argmaxRef);
          maxPool2dBackwardReference(argmaxRef, dy, dxRef);
          expect(y).toEqual(yRef);
          expect(Int32Array.from(rt.heap.i32(argmaxPtr, outs))).toEqual(argmaxRef);
          expectClose(dx, dxRef, 1e-5); // overlapping windows add several dy in float32
        } finally {
          rt.heap.release(plan);
          rt.heap.release(argmaxPtr);
        }
      }),
      { numRuns: 150 },
    );
  });
});
