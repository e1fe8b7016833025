// A second, outside reference: TensorFlow.js (float32, NHWC) on the same random cases.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import {
  Tensor,
  avgPool2d,
  conv2d,
  conv2dBackward,
  convTranspose2d,
  convTranspose2dBackward,
  maxPool2d,
  randn,
  resolvePadding,
} from '../../../kernel-lib/src';
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
        const p = opts.padding;
        const [ph, pw] = typeof p === 'string' || typeof p === 'number' ? [p, p] : p!;
        // tfjs's own 'same' (TensorFlow's rule, any stride); the other forms as explicit sides
        const side = (q: typeof ph, k: number, d: number) =>
          Array.isArray(q) ? (q as [number, number]) : resolvePadding(q as number, k, d);
        const pad =
          p === 'same' ? 'same' : ([[0, 0], side(ph, w.shape[2], dh), side(pw, w.shape[3], dw), [0, 0]] as tf.backend_util.ExplicitPadding);
        const filter = tf.transpose(tf.tensor4d(Float32Array.from(w.data), w.shape as [number, number, number, number]), [2, 3, 1, 0]);
        const run = (xt: tf.Tensor4D, ft: tf.Tensor4D) => tf.conv2d(xt, ft, [sh, sw], pad, 'NHWC', [dh, dw]);
        const y = conv2d(x, w, b, opts);
        const ours = b === undefined ? y.data : y.data.map((v, i) => v - b.data[Math.floor(i / (y.shape[2] * y.shape[3])) % y.shape[1]]);
        expectClose(ours, nchw(run(nhwc(x) as tf.Tensor4D, filter as tf.Tensor4D)), 1e-4);

        if (dh > 1 || dw > 1) return; // tfjs has no conv2d gradient with dilation
        const dyT = new Tensor(
          y.shape,
          y.data.map((_, i) => Math.sin(seed + i)),
        );
        const loss = (xt: tf.Tensor, ft: tf.Tensor) => tf.sum(tf.mul(run(xt as tf.Tensor4D, ft as tf.Tensor4D), nhwc(dyT)));
        const [gx, gf] = tf.grads(loss)([nhwc(x), filter]);
        const { dx, dw: dW } = conv2dBackward(x, w, dyT, opts);
        expectClose(dx.data, nchw(gx), 1e-4);
        expectClose(dW.data, Float64Array.from(tf.transpose(gf, [3, 2, 0, 1]).dataSync()), 1e-4);
      }),
      { numRuns: 40 },
    );
  });

  it("x=[1,3,8,8] w=[4,3,3,3] s=2 p='same' on even inputs: TensorFlow's rule (forward and backward)", () => {
    const [x, w] = [randn([1, 3, 8, 8], 1), randn([4, 3, 3, 3], 2)];
    const filter = tf.transpose(tf.tensor4d(Float32Array.from(w.data), [4, 3, 3, 3]), [2, 3, 1, 0]) as tf.Tensor4D;
    const run = (xt: tf.Tensor, ft: tf.Tensor) => tf.conv2d(xt as tf.Tensor4D, ft as tf.Tensor4D, 2, 'same');
    const y = conv2d(x, w, undefined, { stride: 2, padding: 'same' });
    expectClose(y.data, nchw(run(nhwc(x), filter)), 1e-5);
    const dy = randn(y.shape, 3);
    const [gx, gf] = tf.grads((xt: tf.Tensor, ft: tf.Tensor) => tf.sum(tf.mul(run(xt, ft), nhwc(dy))))([nhwc(x), filter]);
    const { dx, dw } = conv2dBackward(x, w, dy, { stride: 2, padding: 'same' });
    expectClose(dx.data, nchw(gx), 1e-5);
    expectClose(dw.data, Float64Array.from(tf.transpose(gf, [3, 2, 0, 1]).dataSync()), 1e-5);
  });

  it('depthwise conv2d (groups = C, channel multiplier m) = tf.depthwiseConv2d, forward and backward (random cases)', () => {
    fc.assert(
      fc.property(
        fc.record({
          c: fc.integer({ min: 1, max: 4 }),
          m: fc.integer({ min: 1, max: 2 }),
          k: fc.integer({ min: 1, max: 3 }),
          size: fc.integer({ min: 3, max: 8 }),
          stride: fc.integer({ min: 1, max: 2 }),
          same: fc.boolean(),
          seed: fc.integer(),
        }),
        ({ c, m, k, size, stride, same, seed }) => {
          const x = randn([2, c, size, size], seed);
          const w = randn([c * m, 1, k, k], seed + 1);
          const opts = { groups: c, stride, padding: same ? ('same' as const) : ('valid' as const) };
          // ours: output channel c·m + j; tfjs: filter [kh, kw, C, m]
          const filter = tf.transpose(tf.reshape(tf.tensor(Float32Array.from(w.data)), [c, m, k, k]), [2, 3, 0, 1]) as tf.Tensor4D;
          const run = (xt: tf.Tensor, ft: tf.Tensor) => tf.depthwiseConv2d(xt as tf.Tensor4D, ft as tf.Tensor4D, stride, opts.padding);
          const y = conv2d(x, w, undefined, opts);
          expectClose(y.data, nchw(run(nhwc(x), filter)), 1e-5);
          const dy = randn(y.shape, seed + 2);
          const [gx, gf] = tf.grads((xt: tf.Tensor, ft: tf.Tensor) => tf.sum(tf.mul(run(xt, ft), nhwc(dy))))([nhwc(x), filter]);
          const { dx, dw } = conv2dBackward(x, w, dy, opts);
          expectClose(dx.data, nchw(gx), 1e-5);
          expectClose(dw.data, Float64Array.from(tf.transpose(gf, [2, 3, 0, 1]).dataSync()), 1e-5);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('convTranspose2d = tf.conv2dTranspose (explicit output shape), forward and backward (random cases)', () => {
    fc.assert(
      fc.property(
        fc.record({
          c: fc.integer({ min: 1, max: 3 }),
          kOut: fc.integer({ min: 1, max: 3 }),
          k: fc.integer({ min: 1, max: 4 }),
          size: fc.integer({ min: 1, max: 6 }),
          stride: fc.integer({ min: 1, max: 3 }),
          p: fc.nat(1),
          op: fc.nat(2),
          seed: fc.integer(),
        }),
        ({ c, kOut, k, size, stride, p, op, seed }) => {
          const outputPadding = op % stride;
          const out = (size - 1) * stride - 2 * p + k + outputPadding;
          fc.pre(out > 0 && p <= k - 1);
          const x = randn([2, c, size, size], seed);
          const w = randn([c, kOut, k, k], seed + 1);
          const opts = { stride, padding: p, outputPadding };
          // tfjs filter [kh, kw, outChannels, inChannels]: ours is [C_in, K_out, kh, kw]
          const filter = tf.transpose(tf.tensor4d(Float32Array.from(w.data), [c, kOut, k, k]), [2, 3, 1, 0]) as tf.Tensor4D;
          const run = (xt: tf.Tensor, ft: tf.Tensor) =>
            tf.conv2dTranspose(xt as tf.Tensor4D, ft as tf.Tensor4D, [2, out, out, kOut], stride, p);
          const y = convTranspose2d(x, w, undefined, opts);
          expectClose(y.data, nchw(run(nhwc(x), filter)), 1e-5);
          const dy = randn(y.shape, seed + 2);
          const [gx, gf] = tf.grads((xt: tf.Tensor, ft: tf.Tensor) => tf.sum(tf.mul(run(xt, ft), nhwc(dy))))([nhwc(x), filter]);
          const { dx, dw } = convTranspose2dBackward(x, w, dy, opts);
          expectClose(dx.data, nchw(gx), 1e-5);
          expectClose(dw.data, Float64Array.from(tf.transpose(gf, [3, 2, 0, 1]).dataSync()), 1e-5);
        },
      ),
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

  it("pooling with TensorFlow's 'same' padding (sides from its rule; the average excludes padding) and dilated max pooling", () => {
    fc.assert(
      fc.property(
        fc.record({
          size: fc.integer({ min: 1, max: 3 }),
          stride: fc.integer({ min: 1, max: 3 }),
          dilation: fc.integer({ min: 1, max: 2 }),
          h: fc.integer({ min: 3, max: 8 }),
          w: fc.integer({ min: 3, max: 8 }),
          seed: fc.integer(),
        }),
        ({ size, stride, dilation, h, w, seed }) => {
          const x = randn([2, 3, h, w], seed);
          const tfx = nhwc(x) as tf.Tensor4D;
          const sides = [resolvePadding('same', size, 1, stride, h), resolvePadding('same', size, 1, stride, w)] as [
            [number, number],
            [number, number],
          ];
          fc.pre(sides.flat().every((p) => p <= size / 2));
          const opts = { size, stride, padding: sides };
          expectClose(maxPool2d(x, opts).y.data, nchw(tf.maxPool(tfx, size, stride, 'same')), 1e-6);
          expectClose(avgPool2d(x, { ...opts, countIncludePad: false }).data, nchw(tf.avgPool(tfx, size, stride, 'same')), 1e-6);
          // tf.pool: dilations need stride 1
          if (dilation * (size - 1) + 1 > Math.min(h, w)) return;
          const dilated = maxPool2d(x, { size, stride: 1, dilation }).y;
          expectClose(dilated.data, nchw(tf.pool(tfx, [size, size], 'max', 'valid', dilation, 1)), 1e-6);
        },
      ),
      { numRuns: 60 },
    );
  });
});
