import type { Conv2dGeometry } from '../ops/conv2dGeometry';
import { conv2dBackwardReference, conv2dForwardReference } from '../ops/reference/conv2d';
import { engine, noteFallback } from './backend';
import { ConvKernel } from './convKernel';
import { GroupedKernel, isDirectGrouped } from './groupedKernel';
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

/** The geometry of one group: C/groups input and K/groups output channels, groups 1. */
function groupGeometry(g: Conv2dGeometry): Conv2dGeometry {
  return { ...g, inChannels: g.inChannels / g.groups, outChannels: g.outChannels / g.groups, groups: 1 };
}

/** Channels [c0, c0 + count) of a [N, C, plane] array, as a new [N, count, plane] array. */
function gather(a: Float64Array, N: number, C: number, plane: number, c0: number, count: number): Float64Array {
  const out = new Float64Array(N * count * plane);
  for (let n = 0; n < N; n++) out.set(a.subarray((n * C + c0) * plane, (n * C + c0 + count) * plane), n * count * plane);
  return out;
}

/** Writes a [N, count, plane] array into channels [c0, c0 + count) of a [N, C, plane] array. */
function scatter(part: Float64Array, a: Float64Array, N: number, C: number, plane: number, c0: number, count: number): void {
  for (let n = 0; n < N; n++) a.set(part.subarray(n * count * plane, (n + 1) * count * plane), (n * C + c0) * plane);
}

/** Runs `body` once per group on that group's slices of x ([N,C,H,W]), w, y ([N,K,OH,OW]) and b. */
function perGroup(
  g: Conv2dGeometry,
  body: (sub: Conv2dGeometry, part: { x: [number, number]; y: [number, number]; w: [number, number]; b: [number, number] }) => void,
): void {
  const sub = groupGeometry(g);
  const wSize = sub.outChannels * sub.inChannels * g.kernelHeight * g.kernelWidth;
  for (let gi = 0; gi < g.groups; gi++) {
    body(sub, {
      x: [gi * sub.inChannels, sub.inChannels],
      y: [gi * sub.outChannels, sub.outChannels],
      w: [gi * wSize, (gi + 1) * wSize],
      b: [gi * sub.outChannels, (gi + 1) * sub.outChannels],
    });
  }
}

/**
 * conv2dForwardReference's contract (fills y [N,K,OH,OW]), run as tiled products in WebAssembly
 * SIMD with the batch split over the threads; float64, equal to the reference within 1e-12.
 * Grouped convolutions with few channels per group (depthwise) run on the direct grouped kernels
 * in place, wider groups group by group on channel slices. Runs the reference itself where the
 * fast kernels are off or unavailable.
 */
export function conv2dForwardFast(g: Conv2dGeometry, x: Float64Array, w: Float64Array, b: Float64Array | undefined, y: Float64Array): void {
  if (isDirectGrouped(g)) {
    const e = engine();
    const done =
      e !== null &&
      withBuffers(e.rt, [x, w, b ?? new Float64Array(0)], [y], ([px, pw, pb, py]) => {
        const k = new GroupedKernel(e.rt, g, 'f64', e.pool.threads);
        try {
          e.pool.run({ items: g.batch * g.outChannels, calls: (t, r) => k.forwardCalls(t, px, pw, b === undefined ? 0 : pb, py, r) });
        } finally {
          k.release();
        }
      });
    if (done) return;
  }
  if (g.groups > 1 && engine() !== null) {
    const [N, xPlane, yPlane] = [g.batch, g.inHeight * g.inWidth, g.outHeight * g.outWidth];
    perGroup(g, (sub, part) => {
      const yg = new Float64Array(N * sub.outChannels * yPlane);
      conv2dForwardFast(sub, gather(x, N, g.inChannels, xPlane, ...part.x), w.subarray(...part.w), b?.subarray(...part.b), yg);
      scatter(yg, y, N, g.outChannels, yPlane, ...part.y);
    });
    return;
  }
  const e = engine();
  const done =
    e !== null &&
    withBuffers(e.rt, [x, w, b ?? new Float64Array(0)], [y], ([px, pw, pb, py]) => {
      const k = kernelFor(e.rt, g, e.pool.threads);
      k.packWeights(pw);
      e.pool.run({ items: g.batch, calls: (t, r) => k.forwardCalls(t, px, b === undefined ? 0 : pb, py, r) });
    });
  if (!done) {
    if (e !== null) noteFallback('conv2d', "the kernels' memory cannot hold this batch; the reference ran");
    conv2dForwardReference(g, x, w, b, y);
  }
}

/** The direct grouped kernels' backward pass (see conv2dBackwardParts); false when the kernels' memory cannot hold it. */
function groupedBackward(
  g: Conv2dGeometry,
  x: Float64Array,
  w: Float64Array,
  dy: Float64Array,
  out: { dx?: Float64Array; dw?: Float64Array; db?: Float64Array },
): boolean {
  const e = engine()!;
  const filter = out.dw !== undefined && out.db !== undefined;
  const inputs = [filter ? x : new Float64Array(0), out.dx !== undefined ? w : new Float64Array(0), dy];
  const outputs = [out.dx ?? new Float64Array(0), out.dw ?? new Float64Array(0), out.db ?? new Float64Array(0)];
  return withBuffers(e.rt, inputs, outputs, ([px, pw, pdy, pdx, pdw, pdb]) => {
    const k = new GroupedKernel(e.rt, g, 'f64', e.pool.threads);
    try {
      if (out.dx !== undefined) {
        e.pool.run({ items: g.batch * g.inChannels, calls: (t, r) => k.backwardInputCalls(t, pw, pdy, pdx, r) });
      }
      if (filter) {
        e.rt.heap.f64(pdw, out.dw!.length).fill(0);
        e.rt.heap.f64(pdb, out.db!.length).fill(0);
        e.pool.run({ items: g.outChannels, calls: (t, r) => k.backwardFilterCalls(t, px, pdy, pdw, pdb, [0, g.batch], r) });
      }
    } finally {
      k.release();
    }
  });
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
  conv2dBackwardParts(g, x, w, dy, { dx, dw, db });
}

/**
 * The parts of conv2d's backward pass that are asked for: dx (the input gradient, from w and dy),
 * and dw with db (the filter gradient, from x and dy); x or w may be empty when not needed.
 */
export function conv2dBackwardParts(
  g: Conv2dGeometry,
  x: Float64Array,
  w: Float64Array,
  dy: Float64Array,
  out: { dx?: Float64Array; dw?: Float64Array; db?: Float64Array },
): void {
  const wantDx = out.dx !== undefined;
  const wantFilter = out.dw !== undefined && out.db !== undefined;
  if (isDirectGrouped(g) && engine() !== null && groupedBackward(g, x, w, dy, out)) return;
  if (g.groups > 1 && engine() !== null) {
    const [N, xPlane, yPlane] = [g.batch, g.inHeight * g.inWidth, g.outHeight * g.outWidth];
    perGroup(g, (sub, part) => {
      const xg = wantFilter ? gather(x, N, g.inChannels, xPlane, ...part.x) : new Float64Array(0);
      const dyg = gather(dy, N, g.outChannels, yPlane, ...part.y);
      const dxg = wantDx ? new Float64Array(N * sub.inChannels * xPlane) : undefined;
      conv2dBackwardParts(sub, xg, wantDx ? w.subarray(...part.w) : new Float64Array(0), dyg, {
        dx: dxg,
        dw: out.dw?.subarray(...part.w),
        db: out.db?.subarray(...part.b),
      });
      if (dxg !== undefined) scatter(dxg, out.dx!, N, g.inChannels, xPlane, ...part.x);
    });
    return;
  }
  const e = engine();
  const dx = out.dx ?? new Float64Array(0);
  const dw = out.dw ?? new Float64Array(0);
  const db = out.db ?? new Float64Array(0);
  const done =
    e !== null &&
    withBuffers(e.rt, [x, w, dy], [dx, dw, db], ([px, pw, pdy, pdx, pdw, pdb]) => {
      e.rt.heap.f64(pdw, dw.length).fill(0);
      e.rt.heap.f64(pdb, db.length).fill(0);
      const k = kernelFor(e.rt, g, e.pool.threads);
      if (wantDx) k.packWeights(pw);
      const took = e.pool.run({
        items: g.batch,
        prologue: (t) => (wantFilter ? k.prologue(t) : []),
        calls: (t, r) => k.backwardCalls(t, px, pdy, wantDx ? pdx : 0, pdw, pdb, r, wantFilter),
      });
      if (wantFilter) k.reduceGrads(pdw, pdb, took);
    });
  if (!done) {
    if (e !== null) noteFallback('conv2dBackward', "the kernels' memory cannot hold this batch; the reference ran");
    const size = g.batch * g.inChannels * g.inHeight * g.inWidth;
    const wSize = g.outChannels * (g.inChannels / g.groups) * g.kernelHeight * g.kernelWidth;
    const full = (a: Float64Array, n: number) => (a.length === n ? a : new Float64Array(n));
    const [fx, fw, fdx, fdw, fdb] = [full(x, size), full(w, wSize), full(dx, size), full(dw, wSize), full(db, g.outChannels)];
    conv2dBackwardReference(g, fx, fw, dy, fdx, fdw, fdb);
    if (wantDx) dx.set(fdx);
    if (wantFilter) {
      dw.set(fdw);
      db.set(fdb);
    }
  }
}
