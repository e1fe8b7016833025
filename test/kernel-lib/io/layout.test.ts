import { describe, expect, it } from 'vitest';
import { convolve2d, correlate2d, fromLayout, randn, select, tensor, toLayout } from '../../../kernel-lib/src';

// An asymmetric 2x3 kernel: no rotation or transpose maps it to itself.
const k = [
  [1, 2, 3],
  [4, 5, 6],
];

describe('fromLayout / toLayout', () => {
  it("theano: the kernel rotated by 180° (Theano's conv2d convolves), by hand", () => {
    const w = tensor([[k]]); // [1, 1, 2, 3]
    expect(fromLayout(w, 'theano').toArray()).toEqual([
      [
        [
          [6, 5, 4],
          [3, 2, 1],
        ],
      ],
    ]);
    // Theano's convolution with w equals our cross-correlation with fromLayout(w, 'theano').
    const x = randn([5, 6], 1);
    const theano = convolve2d(x, tensor(k), 'valid');
    const ours = correlate2d(x, select(fromLayout(w, 'theano'), 0, 0), 'valid');
    expect(Array.from(ours.data)).toEqual(Array.from(theano.data));
  });

  it('tensorflow: a [kh, kw, in, out] kernel becomes [out, in, kh, kw], by hand', () => {
    // Two output channels: channel 0 is k, channel 1 is 10·k; one input channel.
    const tf = tensor(k.map((row) => row.map((v) => [[v, 10 * v]]))); // [2, 3, 1, 2]
    expect(tf.shape).toEqual([2, 3, 1, 2]);
    const ours = fromLayout(tf, 'tensorflow');
    expect(ours.shape).toEqual([2, 1, 2, 3]);
    expect(ours.toArray()).toEqual([[k], [k.map((row) => row.map((v) => 10 * v))]]);
    expect(toLayout(ours, 'tensorflow').toArray()).toEqual(tf.toArray());
  });

  it('dense: PyTorch Linear [out, in] as is; TensorFlow Dense and Theano [in, out] transposed', () => {
    const torch = tensor(k); // 2 outputs, 3 inputs
    expect(fromLayout(torch, 'pytorch').toArray()).toEqual(k);
    expect(
      fromLayout(
        tensor([
          [1, 4],
          [2, 5],
          [3, 6],
        ]),
        'tensorflow',
      ).toArray(),
    ).toEqual(k);
    expect(
      fromLayout(
        tensor([
          [1, 4],
          [2, 5],
          [3, 6],
        ]),
        'theano',
      ).toArray(),
    ).toEqual(k);
    expect(fromLayout(tensor([1, 2]), 'tensorflow').toArray()).toEqual([1, 2]);
  });

  it('toLayout inverts fromLayout for every layout and rank', () => {
    for (const layout of ['pytorch', 'tensorflow', 'theano'] as const) {
      for (const shape of [[3], [4, 5], [2, 3, 4, 5]]) {
        const w = randn(shape, 2);
        expect(fromLayout(toLayout(w, layout), layout).data).toEqual(w.data);
      }
    }
  });

  it('throws on a bad rank or layout', () => {
    expect(() => fromLayout(randn([2, 2, 2], 1), 'pytorch')).toThrow(
      'fromLayout: w must be a bias (rank 1), a dense weight (rank 2) or a conv kernel (rank 4), got rank 3 (w [2,2,2])',
    );
    expect(() => fromLayout(randn([2], 1), 'keras' as 'pytorch')).toThrow(
      `fromLayout: layout must be one of 'pytorch', 'tensorflow', 'theano', got "keras"`,
    );
  });
});
