// convlab's entries: the float32 kernels on data resident in their memory (what training runs),
// the public float64 ops (Tensor in, Tensor out, copies included) and the literal references.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../kernel-lib/dist/${path}`);
export const lib = dist('index.js');
const { engine } = dist('fast/backend.js');
const { ConvKernel } = dist('fast/convKernel.js');
const { createPoolPlan } = dist('fast/pool2d.js');

/** Copies a Float64Array into the kernels' memory as f32 (or allocates `length` elements). */
function resident(rt, data, length = data.length) {
  const ptr = rt.heap.alloc(4 * length);
  if (data !== null) rt.heap.f32(ptr, length).set(data);
  return ptr;
}

const read = (rt, ptr, length) => Float64Array.from(rt.heap.f32(ptr, length));

export function float32Workloads() {
  const { rt, pool } = engine();
  const release = (ptrs) => () => ptrs.forEach((p) => rt.heap.release(p));
  return {
    convForward(spec, d) {
      const g = lib.conv2dGeometry('bench', spec.x, spec.w);
      const k = new ConvKernel(rt, g, 'f32', pool.threads);
      const [x, w, b, y] = [resident(rt, d.x), resident(rt, d.w), resident(rt, d.b), resident(rt, null, d.ySize)];
      return {
        run: () => {
          k.packWeights(w);
          pool.run({ items: g.batch, calls: (t, r) => k.forwardCalls(t, x, b, y, r) });
        },
        result: () => ({ y: read(rt, y, d.ySize) }),
        dispose: () => {
          k.release();
          release([x, w, b, y])();
        },
      };
    },

    convBackward(spec, d) {
      const g = lib.conv2dGeometry('bench', spec.x, spec.w);
      const k = new ConvKernel(rt, g, 'f32', pool.threads);
      const [x, w, dy] = [resident(rt, d.x), resident(rt, d.w), resident(rt, d.dy)];
      const [dx, dw, db] = [resident(rt, null, d.x.length), resident(rt, null, d.w.length), resident(rt, null, d.b.length)];
      const job = { items: g.batch, prologue: (t) => k.prologue(t), calls: (t, r) => k.backwardCalls(t, x, dy, dx, dw, db, r) };
      return {
        run: () => {
          rt.heap.f32(dw, d.w.length).fill(0);
          rt.heap.f32(db, d.b.length).fill(0);
          k.packWeights(w);
          k.reduceGrads(dw, db, pool.run(job));
        },
        result: () => ({ dx: read(rt, dx, d.x.length), dw: read(rt, dw, d.w.length), db: read(rt, db, d.b.length) }),
        dispose: () => {
          k.release();
          release([x, w, dy, dx, dw, db])();
        },
      };
    },

    /** Forward fills y and the argmax that the backward pass uses, as in training. */
    pool(spec, d) {
      const g = lib.pool2dGeometry('bench', spec.x);
      const plan = createPoolPlan(rt, g);
      const [x, y, argmax, dy, dx] = [
        resident(rt, d.x),
        resident(rt, null, d.ySize),
        resident(rt, null, d.ySize),
        resident(rt, d.dy),
        resident(rt, null, d.x.length),
      ];
      const calls = (kernel, args) => ({
        items: g.planes,
        calls: (_t, [p0, p1]) => [{ kernel, precision: 'f32', args: [plan, ...args, p0, p1] }],
      });
      const forward = calls('maxPoolForward', [x, y, argmax]);
      const backward = calls('maxPoolBackward', [argmax, dy, dx]);
      return {
        forward: { run: () => pool.run(forward), result: () => ({ y: read(rt, y, d.ySize) }) },
        backward: { run: () => pool.run(backward), result: () => ({ dx: read(rt, dx, d.x.length) }) },
        dispose: release([plan, x, y, argmax, dy, dx]),
      };
    },
  };
}

/** The public API: conv2d, conv2dBackward, maxPool2d, maxPool2dBackward on float64 Tensors. */
export function float64Workloads() {
  const t = (data, shape) => new lib.Tensor(shape, data);
  return {
    convForward(spec, d) {
      const [x, w, b] = [t(d.x, spec.x), t(d.w, spec.w), t(d.b, [spec.w[0]])];
      let y;
      return { run: () => (y = lib.conv2d(x, w, b)), result: () => ({ y: y.data }) };
    },
    convBackward(spec, d) {
      const [x, w, dy] = [t(d.x, spec.x), t(d.w, spec.w), t(d.dy, d.yShape)];
      let g;
      return { run: () => (g = lib.conv2dBackward(x, w, dy)), result: () => ({ dx: g.dx.data, dw: g.dw.data, db: g.db.data }) };
    },
    poolForward(spec, d) {
      const x = t(d.x, spec.x);
      let y;
      return { run: () => (y = lib.maxPool2d(x).y), result: () => ({ y: y.data }) };
    },
    poolBackward(spec, d) {
      const [x, dy] = [t(d.x, spec.x), t(d.dy, d.yShape)];
      let dx;
      return { run: () => (dx = lib.maxPool2dBackward(x, dy)), result: () => ({ dx: dx.data }) };
    },
  };
}

/** The literal formulas of ops/reference: the naive typed-array loops. */
export function referenceWorkloads() {
  return {
    convForward(spec, d) {
      const g = lib.conv2dGeometry('bench', spec.x, spec.w);
      const y = new Float64Array(d.ySize);
      return { run: () => lib.conv2dForwardReference(g, d.x, d.w, d.b, y), result: () => ({ y }) };
    },
    convBackward(spec, d) {
      const g = lib.conv2dGeometry('bench', spec.x, spec.w);
      const [dx, dw, db] = [new Float64Array(d.x.length), new Float64Array(d.w.length), new Float64Array(d.b.length)];
      return { run: () => lib.conv2dBackwardReference(g, d.x, d.w, d.dy, dx, dw, db), result: () => ({ dx, dw, db }) };
    },
    poolForward(spec, d) {
      const g = lib.pool2dGeometry('bench', spec.x);
      const [y, argmax] = [new Float64Array(d.ySize), new Int32Array(d.ySize)];
      return { run: () => lib.maxPool2dForwardReference(g, d.x, y, argmax), result: () => ({ y }) };
    },
    poolBackward(spec, d) {
      const g = lib.pool2dGeometry('bench', spec.x);
      const [y, argmax, dx] = [new Float64Array(d.ySize), new Int32Array(d.ySize), new Float64Array(d.x.length)];
      return {
        run: () => {
          lib.maxPool2dForwardReference(g, d.x, y, argmax);
          lib.maxPool2dBackwardReference(argmax, d.dy, dx);
        },
        result: () => ({ dx }),
      };
    },
  };
}
