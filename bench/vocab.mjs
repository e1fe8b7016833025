// Issue 12's workloads: depthwise 3x3 convolution (64x32x56x56, padding 1, groups 32) and a
// stride-2 transposed convolution (64x20x12x12 → 64x20x24x24, 4x4, padding 1), forward and
// backward, convlab's float64 ops API and its float32 kernels on resident data against tfjs-wasm
// (float32, NHWC) in the same run.
import { createRequire } from 'node:module';
import { toNCHW, toNHWC } from './measure.mjs';

const dist = (path) => createRequire(import.meta.url)(`../kernel-lib/dist/${path}`);

export const VOCAB = {
  depthwise: { x: [64, 32, 56, 56], w: [32, 1, 3, 3], opts: { padding: 1, groups: 32 } },
  transposed: { x: [64, 20, 12, 12], w: [20, 20, 4, 4], opts: { stride: 2, padding: 1 } },
};

/** Inputs, and convlab's runs (reference or fast ops) of one workload: { run, result }. */
export function vocabWorkloads(lib) {
  const make = (name, seed) => {
    const spec = VOCAB[name];
    const x = lib.randn(spec.x, seed);
    const w = lib.randn(spec.w, seed + 1, 0.2);
    const forward =
      name === 'depthwise' ? (a, b) => lib.conv2d(a, b, undefined, spec.opts) : (a, b) => lib.convTranspose2d(a, b, undefined, spec.opts);
    const backward =
      name === 'depthwise'
        ? (a, b, g) => lib.conv2dBackward(a, b, g, spec.opts)
        : (a, b, g) => lib.convTranspose2dBackward(a, b, g, spec.opts);
    const dy = lib.randn(forward(x, w).shape, seed + 2);
    const entry = (pass, kernels) => {
      let out;
      return {
        run: () => {
          lib.configureKernels({ kernels });
          out = pass === 'forward' ? { y: forward(x, w).data } : (({ dx, dw }) => ({ dx: dx.data, dw: dw.data }))(backward(x, w, dy));
          lib.configureKernels({ kernels: 'fast' });
        },
        result: () => out,
      };
    };
    return { spec, x, w, dy, entry };
  };
  return { depthwise: make('depthwise', 11), transposed: make('transposed', 12) };
}

/**
 * tfjs's run of the same workload: depthwiseConv2d or conv2dTranspose, and their gradients written
 * with the forward kernels tfjs-wasm has (it has no DepthwiseConv2dNativeBackprop* nor
 * Conv2DBackpropFilter kernel), as its conv layer rows do.
 */
export function tfjsVocab(tf, name, { spec, x, w, dy }, pass) {
  const nhwc = (t) => tf.tensor4d(toNHWC(t.data, t.shape), [t.shape[0], t.shape[2], t.shape[3], t.shape[1]]);
  const [C, M, KH, KW] = w.shape;
  // depthwise filter [kh, kw, C, multiplier]; conv2dTranspose filter [kh, kw, outChannels, inChannels]
  const filter =
    name === 'depthwise'
      ? tf.tensor4d(Float32Array.from(w.data), [C, M, KH, KW]).transpose([2, 3, 0, 1])
      : tf.tensor4d(Float32Array.from(w.data), [C, M, KH, KW]).transpose([2, 3, 1, 0]);
  const [xt, dyt] = [nhwc(x), nhwc(dy)];
  const outShape = [dy.shape[0], dy.shape[2], dy.shape[3], dy.shape[1]];
  const f =
    name === 'depthwise'
      ? (a, b) =>
          tf.depthwiseConv2d(a, b, 1, [
            [0, 0],
            [1, 1],
            [1, 1],
            [0, 0],
          ])
      : (a, b) => tf.conv2dTranspose(a, b, outShape, spec.opts.stride, spec.opts.padding);
  const backward = name === 'depthwise' ? depthwiseGrads(tf, spec, dy.shape) : transposedGrads(tf, spec, x.shape);
  let held = [];
  const keep = (ts) => {
    held.forEach((t) => t.dispose());
    held = ts;
  };
  return {
    run: () => keep(pass === 'forward' ? [f(xt, filter)] : backward(xt, filter, dyt)),
    result: () => {
      if (pass === 'forward') return { y: toNCHW(held[0].dataSync(), dy.shape) };
      const dw = name === 'depthwise' ? held[1].transpose([2, 3, 0, 1]) : held[1].transpose([3, 2, 0, 1]);
      return { dx: toNCHW(held[0].dataSync(), x.shape), dw: Float64Array.from(dw.dataSync()) };
    },
    dispose: () => [xt, dyt, filter, ...held].forEach((t) => t.dispose()),
  };
}

/** dx, dw of the depthwise 3x3 (stride 1, padding 1): dx = depthwise(dy, rot180 w); dw = x's planes correlated with dy's, summed over the batch. */
function depthwiseGrads(tf, spec, [N, C, OH, OW]) {
  const pad = [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ];
  return (x, filter, dy) =>
    tf.tidy(() => {
      const [, H, W] = x.shape;
      const dx = tf.depthwiseConv2d(dy, tf.reverse(filter, [0, 1]), 1, pad);
      // x as one sample of N·C channels, dy as an OH×OW filter per channel: out[l][m][n·C + c] = Σ xpad[i + l][j + m] dy[i][j]
      const xs = x.transpose([1, 2, 0, 3]).reshape([1, H, W, N * C]);
      const dys = dy.transpose([1, 2, 0, 3]).reshape([OH, OW, N * C, 1]);
      const [KH, KW] = spec.w.slice(2);
      const dw = tf.depthwiseConv2d(xs, dys, 1, pad).reshape([KH, KW, N, C]).sum(2).reshape([KH, KW, C, 1]);
      return [dx, dw];
    });
}

/** dx, dw of the stride-2 transposed convolution: dx = conv2d(dy, w) with its stride; dw = dy (batch ↔ channels) convolved with x dilated by the stride. */
function transposedGrads(tf, spec, [N, C, H, W]) {
  const { stride: s, padding: p } = spec.opts;
  const pad = [
    [0, 0],
    [p, p],
    [p, p],
    [0, 0],
  ];
  return (x, filter, dy) =>
    tf.tidy(() => {
      const dx = tf.conv2d(dy, filter, s, pad);
      const dw = tf.conv2d(dy.transpose([3, 1, 2, 0]), x.transpose([1, 2, 0, 3]), 1, pad, 'NHWC', s).transpose([1, 2, 0, 3]);
      return [dx, dw];
    });
}

/**
 * convlab's float32 kernels on data resident in their memory (as training runs them), both
 * threads: the direct grouped kernels for the depthwise workload, conv2d's tiled products for
 * the transposed one (its forward is conv2d's input gradient, its dx conv2d's forward, its dw
 * conv2d's filter gradient with x and dy swapped).
 */
export function vocabFloat32(lib, name, { spec, x, w, dy }, pass) {
  const { rt, pool } = dist('fast/backend.js').engine();
  const put = (data, length = data.length) => {
    const ptr = rt.heap.alloc(4 * length);
    if (data !== null) rt.heap.f32(ptr, length).set(data);
    return ptr;
  };
  const read = (ptr, length) => Float64Array.from(rt.heap.f32(ptr, length));
  const [px, pw, pdy] = [put(x.data), put(w.data), put(dy.data)];
  const [py, pdx, pdw, pdb] = [put(null, dy.size), put(null, x.size), put(null, w.size), put(null, Math.max(x.shape[1], dy.shape[1]))];
  let run;
  let result;
  let kernel;
  if (name === 'depthwise') {
    const g = lib.conv2dGeometry('bench', spec.x, spec.w, spec.opts);
    const { GroupedKernel } = dist('fast/groupedKernel.js');
    const k = (kernel = new GroupedKernel(rt, g, 'f32', pool.threads));
    run =
      pass === 'forward'
        ? () => pool.run({ items: g.batch * g.outChannels, calls: (t, r) => k.forwardCalls(t, px, pw, 0, py, r) })
        : () => {
            pool.run({ items: g.batch * g.inChannels, calls: (t, r) => k.backwardInputCalls(t, pw, pdy, pdx, r) });
            rt.heap.f32(pdw, w.size).fill(0);
            pool.run({ items: g.outChannels, calls: (t, r) => k.backwardFilterCalls(t, px, pdy, pdw, 0, [0, g.batch], r) });
          };
  } else {
    const g = lib.convTranspose2dGeometry('bench', spec.x, spec.w, spec.opts).conv; // input dy's shape, output x's
    const { ConvKernel } = dist('fast/convKernel.js');
    const k = (kernel = new ConvKernel(rt, g, 'f32', pool.threads));
    const job = (calls, prologue) => ({ items: g.batch, calls, prologue });
    run =
      pass === 'forward'
        ? () => {
            k.packWeights(pw);
            pool.run(job((t, r) => k.backwardCalls(t, 0, px, py, 0, 0, r, false)));
          }
        : () => {
            k.packWeights(pw);
            pool.run(job((t, r) => k.forwardCalls(t, pdy, 0, pdx, r)));
            rt.heap.f32(pdw, w.size).fill(0);
            rt.heap.f32(pdb, x.shape[1]).fill(0);
            k.reduceGrads(
              pdw,
              pdb,
              pool.run(
                job(
                  (t, r) => k.backwardCalls(t, pdy, px, 0, pdw, pdb, r),
                  (t) => k.prologue(t),
                ),
              ),
            );
          };
  }
  result = () => (pass === 'forward' ? { y: read(py, dy.size) } : { dx: read(pdx, x.size), dw: read(pdw, w.size) });
  return {
    run,
    result,
    dispose: () => {
      kernel.release();
      [px, pw, pdy, py, pdx, pdw, pdb].forEach((p) => rt.heap.release(p));
    },
  };
}
