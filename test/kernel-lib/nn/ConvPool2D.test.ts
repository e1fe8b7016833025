import { describe, expect, it } from 'vitest';
import { ConvPool2D, countParams, randn, zeros } from '../../../kernel-lib/src';
import { layerGradError } from './layerGradients';

const base = { inChannels: 2, outChannels: 3, kernelSize: 3, seed: 8 } as const;

describe('ConvPool2D', () => {
  it('x [1,1,28,28], 5x5 kernel, 2x2 max pool → [1,20,12,12], 20·26 params', () => {
    const layer = new ConvPool2D({ inChannels: 1, outChannels: 20, kernelSize: 5, order: 'nielsen' });
    expect(layer.forward(zeros([1, 1, 28, 28])).shape).toEqual([1, 20, 12, 12]);
    expect(countParams(layer.params)).toBe(520);
    expect(layer.name).toBe('ConvPool2D(1→20, 5x5, sigmoid, max 2x2, nielsen)');
  });

  it("max pooling with an increasing σ: 'nielsen' σ(pool(conv)+b) equals 'standard' pool(σ(conv+b))", () => {
    const x = randn([2, 2, 8, 8], 9);
    const standard = new ConvPool2D({ ...base, order: 'standard' }).forward(x);
    const nielsen = new ConvPool2D({ ...base, order: 'nielsen' }).forward(x);
    standard.data.forEach((v, i) => expect(nielsen.data[i]).toBeCloseTo(v, 14));
  });

  it('average pooling: the two orders differ (σ is not linear)', () => {
    const x = randn([1, 2, 8, 8], 10);
    const standard = new ConvPool2D({ ...base, pool: 'avg', order: 'standard' }).forward(x);
    const nielsen = new ConvPool2D({ ...base, pool: 'avg', order: 'nielsen' }).forward(x);
    expect(Math.max(...standard.data.map((v, i) => Math.abs(v - nielsen.data[i])))).toBeGreaterThan(1e-3);
  });

  it.each([
    ['standard', 'max'],
    ['standard', 'avg'],
    ['nielsen', 'max'],
    ['nielsen', 'avg'],
  ] as const)('order %s, %s pool, x [2,2,8,8]: backward equals finite differences for x, w, b', (order, pool) => {
    const layer = new ConvPool2D({ ...base, order, pool, activation: 'tanh' });
    const { dx, params } = layerGradError(layer, randn([2, 2, 8, 8], 12));
    expect(dx).toBeLessThan(1e-6);
    for (const e of params) expect(e).toBeLessThan(1e-6);
  });

  it('throws when order or pool is unknown', () => {
    expect(() => new ConvPool2D({ ...base, order: 'theano' as never })).toThrow(
      /ConvPool2D: order must be 'standard' or 'nielsen', got "theano"/,
    );
    expect(() => new ConvPool2D({ ...base, pool: 'min' as never })).toThrow(/ConvPool2D: pool must be 'max' or 'avg', got "min"/);
  });

  it('throws when backward comes before forward', () => {
    expect(() => new ConvPool2D(base).backward(zeros([1, 3, 3, 3]))).toThrow(/ConvPool2D: backward needs a forward pass first, got none/);
  });

  it('throws when dy does not have the output shape', () => {
    const layer = new ConvPool2D({ ...base, order: 'nielsen' });
    layer.forward(zeros([1, 2, 8, 8]));
    expect(() => layer.backward(zeros([1, 3, 6, 6]))).toThrow(/ConvPool2D: dy must have the output shape \[1,3,3,3\], got \[1,3,6,6\]/);
  });
});
