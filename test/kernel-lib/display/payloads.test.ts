import { describe, expect, it } from 'vitest';
import { gridPayload, kernelPayload, matrixPayload, signedPayload } from '../../../kernel-lib/src/display/payloads';
import { downsample } from '../../../kernel-lib/src/display/tensors';
import { randn, tensor, validatePayload } from '../../../kernel-lib/src';

describe('downsampling large maps (cap 256x256 per map)', () => {
  it('keeps maps within the cap as they are', () => {
    const plane = { shape: [256, 3] as [number, number], data: new Array(768).fill(1) };
    expect(downsample([plane])).toEqual({ maps: [plane] });
  });

  it('averages f x f blocks with the smallest factor that fits, partial border blocks included', () => {
    const data = Array.from({ length: 5 * 2 }, (_, i) => i); // 5x2: rows [0,1] [2,3] [4,5] [6,7] [8,9]
    const { maps, notice } = downsample([{ shape: [5, 2], data }], 2); // f = 3: rows 0..2, then 3..4
    expect(maps[0]).toEqual({ shape: [2, 1], data: [(0 + 1 + 2 + 3 + 4 + 5) / 6, (6 + 7 + 8 + 9) / 4] });
    expect(notice).toBe('downsampled from 5x2 to 2x1 (mean of each 3x3 block; the cap is 2x2 per map)');
  });

  it('sends a 1024x1024 tensor as 256x256, with a notice', () => {
    const p = matrixPayload('show', randn([1024, 1024], 1));
    expect(p.shape).toEqual([256, 256]);
    expect(p.notice).toMatch(/^downsampled from 1024x1024 to 256x256 \(mean of each 4x4 block/);
    expect(validatePayload(p).ok).toBe(true);
  });
});

describe('payload builders', () => {
  it('matrix: passes the chosen scale, value labels and index base', () => {
    const p = matrixPayload('show', tensor([[1, -1]]), { title: 't', scale: 'diverging', values: 'show', indexBase: 1 });
    expect(p).toEqual({
      version: 1,
      kind: 'matrix',
      title: 't',
      shape: [1, 2],
      data: [1, -1],
      scale: 'diverging',
      values: 'show',
      indexBase: 1,
    });
  });

  it('kernel: the bias from a number or a one-element tensor', () => {
    expect(kernelPayload('showKernel', tensor([[1, 2]]), 0.5).bias).toBe(0.5);
    expect(kernelPayload('showKernel', tensor([[1, 2]]), tensor([0.25])).bias).toBe(0.25);
    expect(kernelPayload('showKernel', tensor([[1, 2]]), undefined).bias).toBeUndefined();
  });

  it('signed: δ with its symbol', () => {
    expect(signedPayload('showDelta', tensor([[1, -2]])).symbol).toBe('δ');
  });

  it('grid: [c, h, w] becomes [1, c, h, w]; [1, c, h, w] stays', () => {
    expect(gridPayload('showFeatureMaps', randn([20, 24, 24], 1)).shape).toEqual([1, 20, 24, 24]);
    expect(gridPayload('showFeatureMaps', randn([1, 3, 4, 4], 1), { scale: 'per-map', columns: 3 })).toMatchObject({
      shape: [1, 3, 4, 4],
      scale: 'per-map',
      columns: 3,
    });
  });

  it('grid: one label per channel, and the numbering', () => {
    expect(gridPayload('showFeatureMaps', randn([2, 3, 3], 1), { labels: ['edge', 'blob'], indexBase: 0 })).toMatchObject({
      labels: ['edge', 'blob'],
      indexBase: 0,
    });
    expect(gridPayload('showFeatureMaps', randn([2, 3, 3], 1))).not.toHaveProperty('labels');
    expect(kernelPayload('showKernel', tensor([[1, 2]]), undefined, { indexBase: 0 }).indexBase).toBe(0);
    expect(signedPayload('showDelta', tensor([[1, 2]]), { indexBase: 1 }).indexBase).toBe(1);
  });

  it('grid: throws on labels that do not name each channel in at most 100 characters of text', () => {
    const maps = randn([2, 3, 3], 1);
    expect(() => gridPayload('showFeatureMaps', maps, { labels: ['one'] })).toThrow(
      'showFeatureMaps: labels must name each of the 2 channels, got 1 labels',
    );
    expect(() => gridPayload('showFeatureMaps', maps, { labels: ['a', 'b'.repeat(101)] })).toThrow(
      'showFeatureMaps: labels[1] must be at most 100 characters, got 101',
    );
    expect(() => gridPayload('showFeatureMaps', maps, { labels: ['a', 7] as never })).toThrow(
      new TypeError('showFeatureMaps: labels[1] must be a string, got number'),
    );
    expect(() => gridPayload('showFeatureMaps', maps, { labels: 'ab' as never })).toThrow(TypeError);
  });

  it('grid: sends the maps, a picture, to 6 significant digits', () => {
    expect(gridPayload('showFeatureMaps', tensor([[[1 / 3, 2]]])).data).toEqual([0.333333, 2]);
  });

  it('grid: shrinks each map so that all maps together stay within 2^18 numbers', () => {
    const p = gridPayload('showFeatureMaps', randn([64, 128, 128], 1));
    expect(p.shape).toEqual([1, 64, 64, 64]);
    expect(p.notice).toMatch(/^downsampled from 128x128 to 64x64/);
  });

  it('throws on what cannot be drawn, naming the function and the rule', () => {
    expect(() => kernelPayload('showKernel', tensor([[1, 2]]), tensor([1, 2]))).toThrow('showKernel: b must be one finite number, got [2]');
    expect(() => matrixPayload('show', tensor([[1, Infinity]]))).toThrow(
      'show: t must hold finite numbers to be drawn, got Infinity at index 1',
    );
    expect(() => gridPayload('showFeatureMaps', randn([2, 2, 2, 2, 2], 1))).toThrow(
      'showFeatureMaps: feature maps must be [c, h, w] or [n, c, h, w], got shape [2,2,2,2,2]',
    );
    expect(() => kernelPayload('showKernel', 'w' as never, 1)).toThrow(TypeError);
  });
});
