// A second, outside reference: TensorFlow.js (float32, NHWC) on the same random cases.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { Tensor, avgPool2d, conv2d, conv2dBackward, maxPool2d, resolvePadding } from '../../../kernel-lib/src';
import { convCases } from './convCases';
import { expectClose } from './helpers';
import { poolCases } from './poolCases';

const nhwc = (t: Tensor) => tf.transpose(tf.tensor4d(Float32Array.from(t.data), t.shape as [number, number, number, number]), [0, 2, 3, 1]);
const nchw = (t: tf.Tensor) => Float64Array.from(tf.transpose(t, [0, 3, 1, 2]).dataSync());
const pair = (v: unknown) => (Array.isArray(v) ? v : [v, v]) as [number, number];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('against TensorFlow.js', () => {
  it('conv2d and conv2dBackward (random cases, explicit padding)', () => {
    fc.assert(
      fc.property(convCases(), fc.integer(), ({ x, w, b, opts }, seed) => {
        const [sh, sw] = pair(opts.stride);
        const [dh, dw] = pair(opts.dilation);
        fc.pre((sh === 1 && sw === 1) || (dh === 1 && dw === 1)); // tfjs: strides or dilations must be 1
        const [ph, pw] = pair(opts.padding);
        const [top, bottom] = resolvePadding(ph, w.shape[2], dh);
        const [left, right] = resolvePadding(pw, w.shape[3], dw);
        const filter = tf.transpose(tf.tensor4d(Float32Array.from(w.data), w.shape as [number, number, number, number]), [2, 3, 1, 0]);
        const run = (xt: tf.Tensor4D, ft: tf.Tensor4D) =>
          tf.conv2d(xt, ft, [sh, sw], [[0, 0], [top, bottom], [left, right], [0, 0]], 'NHWC', [dh, dw]);
        const y = conv2d(x, w, b, opts);
        const ours = b === undefined ? y.data : y.data.map((v, i) => v - b.data[Math.floor(i / (y.shape[2] * y.shape[3])) % y.shape[1]]);
        expectClose(ours, nchw(run(nhwc(x) as tf.Tensor4D, filter as tf.Tensor4D)), 1e-4);

        if (dh > 1 || dw > 1) return; // tfjs has no conv2d gradient with dilation
        const dyT = new Tensor(y.shape, y.data.map((_, i) => Math.sin(seed + i)));
        const loss = (xt: tf.Tensor, ft: tf.Tensor) => tf.sum(tf.mul(run(xt as tf.Tensor4D, ft as tf.Tensor4D), nhwc(dyT)));
        const [gx, gf] = tf.grads(loss)([nhwc(x), filter]);
        const { dx, dw: dW } = conv2dBackward(x, w, dyT, opts);
        expectClose(dx.data, nchw(gx), 1e-4);
        expectClose(dW.data, Float64Array.from(tf.transpose(gf, [3, 2, 0, 1]).dataSync()), 1e-4);
      }),
      { numRuns: 40 },
    );
  });

  it('maxPool2d, and avgPool2d without padding (random NCHW cases)', () => {
    fc.assert(
      fc.property(poolCases(), ({ x, opts }) => {
        fc.pre(x.rank === 4);
        const size = pair(opts.size);
        const stride = pair(opts.stride ?? size);
        const [ph, pw] = pair(opts.padding);
        // tfjs sizes a numeric pad's output with the window's and stride's height on both axes, so
        // padding is compared only for square windows and strides; no padding goes through 'valid'.
        const square = size[0] === size[1] && stride[0] === stride[1];
        fc.pre(ph === pw && (ph === 0 || square));
        const tfx = nhwc(x) as tf.Tensor4D;
        expectClose(maxPool2d(x, opts).y.data, nchw(tf.maxPool(tfx, size, stride, ph === 0 ? 'valid' : ph)), 1e-6);
        if (ph === 0) expectClose(avgPool2d(x, opts).data, nchw(tf.avgPool(tfx, size, stride, 'valid')), 1e-6);
      }),
      { numRuns: 200 },
    );
  });
});
