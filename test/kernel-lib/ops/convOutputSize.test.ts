import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convOutputSize, resolvePadding } from '../../../kernel-lib/src';

describe('convOutputSize', () => {
  it("i=28 k=5: 24, the notes' example; then i=24 k=2 s=2: 12", () => {
    expect(convOutputSize(28, 5)).toBe(24);
    expect(convOutputSize(24, 2, { stride: 2 })).toBe(12);
  });

  it('i=7 k=3 s=2 p=1 d=2: floor((7 + 2 − 4 − 1)/2) + 1 = 3', () => {
    expect(convOutputSize(7, 3, { stride: 2, padding: 1, dilation: 2 })).toBe(3);
  });

  it('p=same keeps the size with stride 1 and gives ceil(i/s) otherwise; p=full gives i + d(k−1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        (i, k, d, s) => {
          expect(convOutputSize(i, k, { padding: 'same', dilation: d })).toBe(i);
          expect(convOutputSize(i, k, { padding: 'same', dilation: d, stride: s })).toBe(Math.ceil(i / s));
          expect(convOutputSize(i, k, { padding: 'full', dilation: d })).toBe(i + d * (k - 1));
        },
      ),
    );
  });

  it('counts the windows that fit: brute force over window starts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(3),
        fc.integer({ min: 1, max: 3 }),
        (i, k, s, p, d) => {
          const extent = d * (k - 1) + 1;
          fc.pre(extent <= i + 2 * p);
          let count = 0;
          for (let start = -p; start + extent <= i + p; start += s) count++;
          expect(convOutputSize(i, k, { stride: s, padding: p, dilation: d })).toBe(count);
        },
      ),
    );
  });

  it('throws when the kernel is larger than the padded input', () => {
    expect(() => convOutputSize(3, 5)).toThrow(
      /convOutputSize: the dilated kernel must fit in the padded input, got kernel extent 5 > padded input 3/,
    );
  });

  it('throws when the stride is not a positive integer', () => {
    expect(() => convOutputSize(3, 1, { stride: 0 })).toThrow(/convOutputSize: stride must be a positive integer, got 0/);
  });

  it('throws when the dilation is not a positive integer', () => {
    expect(() => convOutputSize(3, 1, { dilation: 1.5 })).toThrow(/convOutputSize: dilation must be a positive integer, got 1.5/);
  });
});

describe('resolvePadding', () => {
  it("k=4 'same': [1, 2], the extra zero after; k=3 d=2 'full': [4, 4]; 'valid': [0, 0]; 2: [2, 2]", () => {
    expect(resolvePadding('same', 4)).toEqual([1, 2]);
    expect(resolvePadding('full', 3, 2)).toEqual([4, 4]);
    expect(resolvePadding('valid', 3)).toEqual([0, 0]);
    expect(resolvePadding(2, 3)).toEqual([2, 2]);
  });

  it('throws when padding is neither a non-negative integer nor a rule', () => {
    expect(() => resolvePadding('half' as never, 3)).toThrow(
      /resolvePadding: padding must be a non-negative integer or 'valid', 'same' or 'full', got half/,
    );
  });
});
