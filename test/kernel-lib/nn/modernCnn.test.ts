// "Done when": a small modern CNN written as in PyTorch/Keras — a stride-2 'same' stem,
// depthwise-separable blocks (depthwise 3x3 + pointwise 1x1), a transposed-convolution upsampler
// and a dense head — builds, gradchecks end to end, and trains with fit.
//
//   PyTorch (same meaning; padding='same' with stride 2 is Keras's, which PyTorch refuses):
//   nn.Conv2d(1, 8, 3, stride=2, padding='same'), ReLU,              # Keras: Conv2D(8, 3, strides=2, padding='same')
//   nn.Conv2d(8, 8, 3, padding=1, groups=8), ReLU,                    # DepthwiseConv2D(3, padding='same')
//   nn.Conv2d(8, 16, 1), ReLU,                                        # Conv2D(16, 1)
//   nn.ConvTranspose2d(16, 4, 4, stride=2, padding=1), ReLU,          # Conv2DTranspose(4, 4, strides=2, padding='same')
//   nn.MaxPool2d(2, ceil_mode=True), nn.Flatten(), nn.Linear(4*4*4, 3), softmax
import { describe, expect, it } from 'vitest';
import {
  Conv2D,
  ConvTranspose2D,
  Dense,
  Flatten,
  MaxPool2D,
  Sequential,
  Tensor,
  fit,
  gradcheck,
  kernelStatus,
  oneHot,
  randn,
} from '../../../kernel-lib/src';

/** The net; `activation` 'tanh' for the gradient check (ReLU's kinks and the ties they make in max pooling defeat finite differences). */
function modernCnn(activation: 'relu' | 'tanh' = 'relu'): Sequential {
  return new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 8, kernelSize: 3, stride: 2, padding: 'same', activation, seed: 1 }),
    new Conv2D({ inChannels: 8, outChannels: 8, kernelSize: 3, padding: 1, groups: 8, activation, seed: 2 }),
    new Conv2D({ inChannels: 8, outChannels: 16, kernelSize: 1, activation, seed: 3 }),
    new ConvTranspose2D({ inChannels: 16, outChannels: 4, kernelSize: 4, stride: 2, padding: 1, activation, seed: 4 }),
    new MaxPool2D({ size: 2, ceilMode: true }),
    new Flatten(),
    new Dense({ inputs: 4 * 4 * 4, outputs: 3, activation: 'softmax', seed: 5 }),
  ]);
}

/** Three classes of 8x8 images: a bright row, a bright column, or a bright diagonal, plus noise. */
function dataset(n: number, seed: number): { x: Tensor; y: Tensor } {
  const noise = randn([n, 1, 8, 8], seed);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const x = new Float64Array(noise.data.map((v) => 0.3 * v));
  labels.forEach((c, i) => {
    for (let t = 0; t < 8; t++) {
      const [r, q] = c === 0 ? [3, t] : c === 1 ? [t, 3] : [t, t];
      x[i * 64 + r * 8 + q] += 2;
    }
  });
  return { x: new Tensor([n, 1, 8, 8], x), y: oneHot(labels, 3) };
}

describe('a small modern CNN (PyTorch/Keras definition)', () => {
  it('has the shapes of its definition: 8x8 → 4x4 → 4x4 → 4x4 → 8x8 → 4x4 → 3', () => {
    const net = modernCnn();
    expect(net.forward(randn([2, 1, 8, 8], 1)).shape).toEqual([2, 3]);
  });

  it('its gradients (every layer, through computeGrads) equal central finite differences', () => {
    const net = modernCnn('tanh');
    const { x, y } = dataset(4, 7);
    net.computeGrads(x, y, 'softmaxCrossEntropy');
    for (const p of net.params) {
      const analytic = new Tensor(p.grad.shape, Float64Array.from(p.grad.data));
      const saved = Float64Array.from(p.value.data);
      const check = gradcheck(
        (t) => {
          p.value.data.set(t.data);
          return net.computeGrads(x, y, 'softmaxCrossEntropy').loss;
        },
        new Tensor(p.value.shape, saved),
        { analytic, eps: 1e-5 },
      );
      p.value.data.set(saved);
      // relative to the largest component: tiny components carry the loss's rounding noise / eps
      const scale = Math.max(...analytic.data.map(Math.abs));
      expect(check.maxAbsError / scale).toBeLessThan(2e-5); // a wrong gradient is off by O(1)
    }
  });

  it('trains with fit (loss falls, accuracy rises), and kernelStatus() names the fallback from the whole-step trainer', async () => {
    const net = modernCnn();
    const train = dataset(60, 1);
    const { history } = await fit(net, train, { epochs: 6, batchSize: 10, learningRate: 0.05, loss: 'softmaxCrossEntropy', seed: 1 });
    expect(history[history.length - 1].loss).toBeLessThan(history[0].loss);
    expect(history[history.length - 1].accuracy).toBeGreaterThan(0.8);
    expect(kernelStatus().fallback).toMatch(/^fit: the whole-step trainer does not cover (grouped convolution|ConvTranspose2D)/);
  });
});
