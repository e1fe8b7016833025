// The TensorFlow.js peers (float32, NHWC): each workload as tfjs runs it, on one backend.
// Inputs are converted from convlab's NCHW arrays before timing; outputs back after it.
import { toHWCK, toKCHW, toNCHW, toNHWC } from './measure.mjs';

/** dW of a valid, stride-1 conv as a conv: x [N,H,W,C] as [C,H,W,N] against dy as [OH,OW,N,K]. */
function filterGradByConv(tf, x, dy) {
  return tf.tidy(() => tf.conv2d(x.transpose([3, 1, 2, 0]), dy.transpose([1, 2, 0, 3]), 1, 'valid').transpose([1, 2, 0, 3]));
}

/** dW with the backend's own Conv2DBackpropFilter kernel (tfjs-cpu has one, tfjs-wasm has not). */
function filterGradByKernel(tf, x, dy, filterShape) {
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape });
}

/** Keeps the latest outputs of a workload, disposing the previous ones. */
function holder() {
  let held = [];
  return {
    set(...tensors) {
      held.forEach((t) => t.dispose());
      held = tensors;
    },
    get: () => held,
    dispose() {
      this.set();
    },
  };
}

export function tfjsWorkloads(tf, backend) {
  const filterGrad = backend === 'wasm' ? (x, dy) => filterGradByConv(tf, x, dy) : (x, dy, w) => filterGradByKernel(tf, x, dy, w.shape);
  const nhwc = (data, [n, c, h, w]) => tf.tensor4d(toNHWC(data, [n, c, h, w]), [n, h, w, c]);

  return {
    convForward({ x: xs, w: ws }, d) {
      const [x, w, b] = [nhwc(d.x, xs), tf.tensor4d(toHWCK(d.w, ws), [ws[2], ws[3], ws[1], ws[0]]), tf.tensor1d(Float32Array.from(d.b))];
      const out = holder();
      return {
        run: () => out.set(tf.fused.conv2d({ x, filter: w, bias: b, strides: 1, pad: 'valid' })),
        result: () => ({ y: toNCHW(out.get()[0].dataSync(), d.yShape) }),
        dispose: () => [x, w, b, out].forEach((t) => t.dispose()),
      };
    },

    convBackward({ x: xs, w: ws }, d) {
      const [x, w, dy] = [nhwc(d.x, xs), tf.tensor4d(toHWCK(d.w, ws), [ws[2], ws[3], ws[1], ws[0]]), nhwc(d.dy, d.yShape)];
      const xShape = [xs[0], xs[2], xs[3], xs[1]];
      const out = holder();
      return {
        run: () => out.set(tf.conv2dTranspose(dy, w, xShape, 1, 'valid'), filterGrad(x, dy, w), tf.sum(dy, [0, 1, 2])),
        result: () => {
          const [dx, dw, db] = out.get();
          return { dx: toNCHW(dx.dataSync(), xs), dw: toKCHW(dw.dataSync(), ws), db: Float64Array.from(db.dataSync()) };
        },
        dispose: () => [x, w, dy, out].forEach((t) => t.dispose()),
      };
    },

    poolForward({ x: xs }, d) {
      const x = nhwc(d.x, xs);
      const out = holder();
      return {
        run: () => out.set(tf.maxPool(x, 2, 2, 'valid')),
        result: () => ({ y: toNCHW(out.get()[0].dataSync(), d.yShape) }),
        dispose: () => [x, out].forEach((t) => t.dispose()),
      };
    },

    poolBackward({ x: xs }, d) {
      const x = nhwc(d.x, xs);
      const y = tf.maxPool(x, 2, 2, 'valid');
      const dy = nhwc(d.dy, d.yShape);
      const out = holder();
      const attrs = { filterSize: 2, strides: 2, pad: 'valid' };
      return {
        run: () => out.set(tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, attrs)),
        result: () => ({ dx: toNCHW(out.get()[0].dataSync(), xs) }),
        dispose: () => [x, y, dy, out].forEach((t) => t.dispose()),
      };
    },

    /** One SGD step of the notes' network; the conv's filter gradient as filterGrad above. */
    trainStep(d) {
      const { batch, lr, init } = d;
      const [K, C, KH, KW] = init.w1Shape;
      const conv = tf.customGrad((x, w, save) => {
        save([x, w]);
        return {
          value: tf.conv2d(x, w, 1, 'valid'),
          gradFunc: (dy, [xs, ws]) => [tf.conv2dTranspose(dy, ws, xs.shape, 1, 'valid'), filterGrad(xs, dy, ws)],
        };
      });
      const v = {
        w1: tf.variable(tf.tensor4d(toHWCK(init.w1, init.w1Shape), [KH, KW, C, K])),
        b1: tf.variable(tf.tensor1d(Float32Array.from(init.b1))),
        w2: tf.variable(tf.tensor2d(flattenedRows(init.w2, K, 144), [2880, 100])),
        b2: tf.variable(tf.tensor1d(Float32Array.from(init.b2))),
        w3: tf.variable(tf.tensor2d(transpose(init.w3, 10, 100), [100, 10])),
        b3: tf.variable(tf.tensor1d(Float32Array.from(init.b3))),
      };
      const x = nhwc(d.x, [batch, 1, 28, 28]);
      const y = tf.tensor2d(Float32Array.from(d.y), [batch, 10]);
      const optimizer = tf.train.sgd(lr);
      const lossFn = () => {
        const a1 = tf.sigmoid(tf.add(conv(x, v.w1), v.b1));
        const p = tf.reshape(tf.maxPool(a1, 2, 2, 'valid'), [batch, 2880]);
        const a2 = tf.sigmoid(tf.add(tf.matMul(p, v.w2), v.b2));
        return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(a2, v.w3), v.b3));
      };
      let grads = null;
      return {
        run: () => {
          const { value, grads: g } = tf.variableGrads(lossFn);
          optimizer.applyGradients(g);
          value.dispose();
          Object.values(g).forEach((t) => t.dispose());
        },
        /** Gradients of the first step (from the initial weights), in convlab's layouts. */
        first: () => {
          const { value, grads: g } = tf.variableGrads(lossFn);
          grads = {
            loss: Float64Array.of(value.dataSync()[0]),
            w1: toKCHW(g[v.w1.name].dataSync(), init.w1Shape),
            b1: Float64Array.from(g[v.b1.name].dataSync()),
            w2: unflattenedRows(g[v.w2.name].dataSync(), K, 144),
            b2: Float64Array.from(g[v.b2.name].dataSync()),
            w3: Float64Array.from(transpose(g[v.w3.name].dataSync(), 100, 10)),
            b3: Float64Array.from(g[v.b3.name].dataSync()),
          };
          value.dispose();
          Object.values(g).forEach((t) => t.dispose());
          return grads;
        },
        dispose: () => [x, y, ...Object.values(v)].forEach((t) => t.dispose()),
      };
    },
  };
}

/** [rows, cols] → [cols, rows]. */
function transpose(data, rows, cols) {
  const out = new Float32Array(data.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  return out;
}

/**
 * convlab's dense weights w [100, C·HW] read a flattened NCHW map (c·HW + hw); tfjs' matMul
 * weights [HW·C, 100] read a flattened NHWC map (hw·C + c).
 */
function flattenedRows(w, channels, hw) {
  const out = new Float32Array(w.length);
  const outputs = w.length / (channels * hw);
  for (let j = 0; j < outputs; j++)
    for (let c = 0; c < channels; c++)
      for (let s = 0; s < hw; s++) out[(s * channels + c) * outputs + j] = w[j * channels * hw + c * hw + s];
  return out;
}

function unflattenedRows(g, channels, hw) {
  const out = new Float64Array(g.length);
  const outputs = g.length / (channels * hw);
  for (let j = 0; j < outputs; j++)
    for (let c = 0; c < channels; c++)
      for (let s = 0; s < hw; s++) out[j * channels * hw + c * hw + s] = g[(s * channels + c) * outputs + j];
  return out;
}
