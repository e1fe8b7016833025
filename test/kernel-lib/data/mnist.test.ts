import { describe, expect, it } from 'vitest';
import { mnist } from '../../../kernel-lib/src';

describe('mnist', () => {
  const { train, test } = mnist({ train: 300, test: 100, seed: 5 });

  it('mnist({train: 300, test: 100}) gives [n,1,28,28] images in [0,1], one-hot targets and labels that agree', () => {
    expect(train.x.shape).toEqual([300, 1, 28, 28]);
    expect(test.y.shape).toEqual([100, 10]);
    expect(train.x.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    train.labels.forEach((label, i) => expect(train.y.data[i * 10 + label]).toBe(1));
    expect(train.y.data.reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('the same seed gives the same split; train and test share no image', () => {
    const again = mnist({ train: 300, test: 100, seed: 5 });
    expect(Array.from(again.test.x.data)).toEqual(Array.from(test.x.data));
    const key = (data: Float64Array, i: number) => data.subarray(i * 784, (i + 1) * 784).join(',');
    const trainKeys = new Set(Array.from({ length: 300 }, (_, i) => key(train.x.data, i)));
    const shared = Array.from({ length: 100 }, (_, i) => key(test.x.data, i)).filter((k) => trainKeys.has(k));
    expect(shared).toEqual([]);
  });

  it('a random split holds every digit class', () => {
    expect(new Set(train.labels).size).toBe(10);
  });

  it('throws when more digits are asked for than the package ships', () => {
    expect(() => mnist({ train: 9000, test: 2000 })).toThrow(
      /mnist: train \+ test must be non-negative integers summing to at most 10000, got train 9000, test 2000/,
    );
  });
});
