import type { Pool2dGeometry } from '../ops/pool2dGeometry';
import { avgPool2dBackwardReference, avgPool2dForwardReference, maxPool2dForwardReference } from '../ops/reference/pool2d';
import { engine, noteFallback } from './backend';
import { withBuffers } from './buffers';
import { POOL_PLAN, recordValues } from './records';
import type { Runtime } from './runtime';

/** Writes a pooling geometry into the kernels' memory as the i32 record POOL_PLAN (records.ts), read by assembly/pool.as. */
export function createPoolPlan(rt: Runtime, g: Pool2dGeometry): number {
  const ptr = rt.heap.alloc(POOL_PLAN.length * 4);
  const divMode = g.divisorOverride !== undefined ? 2 : g.countIncludePad ? 0 : 1;
  const values = {
    PLANES: g.planes,
    H: g.inHeight,
    W: g.inWidth,
    OH: g.outHeight,
    OW: g.outWidth,
    KH: g.size[0],
    KW: g.size[1],
    SH: g.stride[0],
    SW: g.stride[1],
    PH: g.padding[0],
    PW: g.padding[1],
    DH: g.dilation[0],
    DW: g.dilation[1],
    DIVMODE: divMode,
    DIVISOR: g.divisorOverride ?? 0,
    HEND: g.inHeight + g.paddingEnd[0],
    WEND: g.inWidth + g.paddingEnd[1],
  };
  rt.heap.i32(ptr, POOL_PLAN.length).set(recordValues(POOL_PLAN, values));
  return ptr;
}

/** Runs `kernel(plan, ...pointers, p0, p1)` over ranges of planes, on the threads. */
function runPlanes(g: Pool2dGeometry, kernel: string, inputs: Float64Array[], outputs: (Float64Array | Int32Array)[]): boolean {
  const e = engine();
  if (e === null) return false;
  const done = withBuffers(e.rt, inputs, outputs, (ptrs) => {
    const plan = createPoolPlan(e.rt, g);
    try {
      e.pool.run({ items: g.planes, calls: (_t, [p0, p1]) => [{ kernel, precision: 'f64', args: [plan, ...ptrs, p0, p1] }] });
    } finally {
      e.rt.heap.release(plan);
    }
  });
  if (!done) noteFallback(kernel, "the kernels' memory cannot hold this input; the reference ran");
  return done;
}

/** maxPool2dForwardReference's contract (y and argmax, first maximum on ties, NaN the maximum), in WebAssembly. */
export function maxPool2dForwardFast(g: Pool2dGeometry, x: Float64Array, y: Float64Array, argmax: Int32Array): void {
  if (!runPlanes(g, 'maxPoolForward', [x], [y, argmax])) maxPool2dForwardReference(g, x, y, argmax);
}

/** avgPool2dForwardReference's contract, in WebAssembly (the same sums in the same order). */
export function avgPool2dForwardFast(g: Pool2dGeometry, x: Float64Array, y: Float64Array): void {
  if (!runPlanes(g, 'avgPoolForward', [x], [y])) avgPool2dForwardReference(g, x, y);
}

/** avgPool2dBackwardReference's contract, in WebAssembly (the same sums in the same order). */
export function avgPool2dBackwardFast(g: Pool2dGeometry, dy: Float64Array, dx: Float64Array): void {
  if (!runPlanes(g, 'avgPoolBackward', [dy], [dx])) avgPool2dBackwardReference(g, dy, dx);
}
