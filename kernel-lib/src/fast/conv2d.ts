import type { Conv2dGeometry } from '../ops/conv2dGeometry';
import { conv2dBackwardReference, conv2dForwardReference } from '../ops/reference/conv2d';
import { engine } from './backend';
import { ConvKernel } from './convKernel';
import type { Runtime } from './runtime';
import { withBuffers } from './buffers';

const kernels = new Map<string, ConvKernel>();

/** The ConvKernel of a geometry (any batch size), kept for the 8 geometries used last. */
function kernelFor(rt: Runtime, g: Conv2dGeometry, threads: number): ConvKernel {
  const key = JSON.stringify([{ ...g, batch: 0 }, threads]);
  let k = kernels.get(key);
  if (k !== undefined) kernels.delete(key);
  else k = new ConvKernel(rt, g, 'f64', threads);
  kernels.set(key, k);
  if (kernels.size > 8) {
    const [oldest, old] = kernels.entries().next().value as [string, ConvKernel];
    kernels.delete(oldest);
    old.release();
  }
  return k;
}

/**
 * conv2dForwardReference's contract (fills y [N,K,OH,OW]), run as tiled products in WebAssembly
 * SIMD with the batch split over the threads; float64, equal to the reference within 1e-12.
 * Runs the reference itself where the fast kernels are off or unavailable.
 */
export function conv2dForwardFast(g: Conv2dGeometry, x: Float64Array, w: Float64Array, b: Float64Array | undefined, y: Float64Array): void {
  const e = engine();
  const done =
    e !== null &&
    withBuffers(e.rt, [x, w, b ?? new Float64Array(0)], [y], ([px, pw, pb, py]) => {
      const k = kernelFor(e.rt, g, e.pool.threads);
      k.packWeights(pw);
      e.pool.run({ items: g.batch, calls: (t, r) => k.forwardCalls(t, px, b === undefined ? 0 : pb, py, r) });
    });
  if (!done) conv2dForwardReference(g, x, w, b, y);
}

/** conv2dBackwardReference's contract (overwrites dx, dw, db), fast as conv2dForwardFast. */
export function conv2dBackwardFast(
  g: Conv2dGeometry,
  x: Float64Array,
  w: Float64Array,
  dy: Float64Array,
  dx: Float64Array,
  dw: Float64Array,
  db: Float64Array,
): void {
  const e = engine();
  const done =
    e !== null &&
    withBuffers(e.rt, [x, w, dy], [dx, dw, db], ([px, pw, pdy, pdx, pdw, pdb]) => {
      e.rt.heap.f64(pdw, dw.length).fill(0);
      e.rt.heap.f64(pdb, db.length).fill(0);
      const k = kernelFor(e.rt, g, e.pool.threads);
      k.packWeights(pw);
      const took = e.pool.run({
        items: g.batch,
        prologue: (t) => k.prologue(t),
        calls: (t, r) => k.backwardCalls(t, px, pdy, pdx, pdw, pdb, r),
      });
      k.reduceGrads(pdw, pdb, took);
    });
  if (!done) conv2dBackwardReference(g, x, w, dy, dx, dw, db);
}
