import { describe, expect, it } from 'vitest';
import { AvgPool2D, Conv2D, ConvTranspose2D, MaxPool2D, convTranspose2d, randn, zeros } from '../../../kernel-lib/src';
import { layerGradError } from './layerGradients';

describe('ConvTranspose2D', () => {
  it('x=[1,20,12,12] k=4 s=2 p=1 → [1,24,24,24]; forward is convTranspose2d with its params', () => {
    const up = new ConvTranspose2D({ inChannels: 20, outChannels: 24, kernelSize: 4, stride: 2, padding: 1, seed: 3 });
    expect(up.weight.value.shape).toEqual([20, 24, 4, 4]);
    const x = randn([1, 20, 12, 12], 1);
    const y = up.forward(x);
    expect(y.shape).toEqual([1, 24, 24, 24]);
    expect(Array.from(y.data)).toEqual(Array.from(convTranspose2d(x, up.weight.value, up.bias.value, up.geometry).data));
  });

  it.each([
    [
      's=2 p=1 op=1 relu',
      { inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, activation: 'relu' as const },
    ],
    [
      'groups=2 dilation=2 sigmoid',
      { inChannels: 4, outChannels: 2, kernelSize: [2, 3] as [number, number], groups: 2, dilation: 2, activation: 'sigmoid' as const },
    ],
  ])('%s: backward equals finite differences (dx, dw, db)', (_, opts) => {
    const layer = new ConvTranspose2D({ ...opts, seed: 5 });
    const { dx, params } = layerGradError(layer, randn([2, opts.inChannels, 3, 4], 7));
    expect(Math.max(dx, ...params)).toBeLessThan(1e-6);
  });

  it('throws on an unknown option, bad groups, and a misspelt layer option', () => {
    expect(() => new ConvTranspose2D({ inChannels: 2, outChannels: 2, kernelSize: 2, stide: 2 } as never)).toThrow(
      /ConvTranspose2D: unknown option 'stide'/,
    );
    expect(() => new ConvTranspose2D({ inChannels: 3, outChannels: 2, kernelSize: 2, groups: 2 })).toThrow(
      /ConvTranspose2D: groups must divide inChannels and outChannels, got groups 2 for 3 → 2/,
    );
  });
});

describe('Conv2D with groups and padding forms, pooling layers with the new options', () => {
  it('depthwise Conv2D: weights [C, 1, kh, kw], fan-in kh·kw, "same" stride 2', () => {
    const dw = new Conv2D({ inChannels: 8, outChannels: 8, kernelSize: 3, groups: 8, padding: 'same', stride: 2, seed: 1 });
    expect(dw.weight.value.shape).toEqual([8, 1, 3, 3]);
    expect(dw.forward(zeros([1, 8, 7, 7])).shape).toEqual([1, 8, 4, 4]);
    expect(dw.name).toBe('Conv2D(8→8, 3x3, groups 8, sigmoid)');
  });

  it.each([
    [
      'groups=2 sides padding',
      {
        inChannels: 4,
        outChannels: 6,
        kernelSize: 3,
        groups: 2,
        padding: [
          [1, 0],
          [0, 2],
        ] as const,
      },
    ],
    ['depthwise same stride 2', { inChannels: 3, outChannels: 6, kernelSize: 3, groups: 3, padding: 'same' as const, stride: 2 }],
  ])('Conv2D %s: backward equals finite differences', (_, opts) => {
    const layer = new Conv2D({ ...opts, activation: 'tanh', seed: 2 });
    const { dx, params } = layerGradError(layer, randn([2, opts.inChannels, 5, 6], 3));
    expect(Math.max(dx, ...params)).toBeLessThan(1e-6);
  });

  it('MaxPool2D (ceil mode, dilation) and AvgPool2D (countIncludePad false, sides): backward equals finite differences', () => {
    const x = randn([2, 2, 7, 6], 4);
    for (const layer of [
      new MaxPool2D({ size: 2, stride: 2, ceilMode: true, dilation: [1, 2] }),
      new AvgPool2D({
        size: 3,
        stride: 2,
        padding: [
          [1, 0],
          [1, 1],
        ],
        countIncludePad: false,
        ceilMode: true,
      }),
    ]) {
      expect(layerGradError(layer, x).dx).toBeLessThan(1e-6);
    }
  });

  it('throws on misspelt options', () => {
    expect(() => new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 3, stide: 2 } as never)).toThrow(/Conv2D: unknown option 'stide'/);
    expect(() => new MaxPool2D({ ceil_mode: true } as never)).toThrow(/MaxPool2D: unknown option 'ceil_mode'/);
    expect(() => new AvgPool2D({ dilation: 2 } as never)).toThrow(/AvgPool2D: unknown option 'dilation'/);
  });
});
