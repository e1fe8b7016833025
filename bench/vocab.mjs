// Issue 12's workloads: depthwise 3x3 convolution (64x32x56x56, padding 1, groups 32) and a
// stride-2 transposed convolution (64x20x12x12 → 64x20x24x24, 4x4, padding 1), forward and
// backward, convlab's float64 ops API against tfjs-wasm (float32, NHWC) in the same run.
import { toNCHW, toNHWC } from './measure.mjs';

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

/** tfjs's run of the same workload: depthwiseConv2d or conv2dTranspose, and their gradients by tf.grads. */
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
  const grads = tf.grads((a, b) => tf.sum(tf.mul(f(a, b), dyt)));
  let held = [];
  const keep = (ts) => {
    held.forEach((t) => t.dispose());
    held = ts;
  };
  return {
    run: () => keep(pass === 'forward' ? [f(xt, filter)] : grads([xt, filter])),
    result: () => {
      if (pass === 'forward') return { y: toNCHW(held[0].dataSync(), dy.shape) };
      const dw = name === 'depthwise' ? held[1].transpose([2, 3, 0, 1]) : held[1].transpose([3, 2, 0, 1]);
      return { dx: toNCHW(held[0].dataSync(), x.shape), dw: Float64Array.from(dw.dataSync()) };
    },
    dispose: () => [xt, dyt, filter, ...held].forEach((t) => t.dispose()),
  };
}
