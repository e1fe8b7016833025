import { describe, expect, it } from 'vitest';
import { COMPARE_TOLERANCE, compareDifferences, describePayload, differenceCaption, differenceTitle } from '../../../kernel-lib/src/view';
import type { ComparePayload } from '../../../kernel-lib/src/contract';

const items = (...data: number[][]) => data.map((d, i) => ({ label: 'abc'[i], data: d }));

describe('compareDifferences', () => {
  it('gives each difference its largest |value|, where it is, and a verdict: zero, within the tolerance, or differs', () => {
    const d = compareDifferences({ items: items([1, -4], [1, -4], [1, -4 + 1e-12], [1.5, -4]) });
    expect(d.planes.map((pl) => [pl.verdict, pl.maxAbs, pl.at])).toEqual([
      ['zero', 0, 0],
      ['within', Math.abs(-4 + 1e-12 + 4), 1],
      ['differs', 0.5, 0],
    ]);
    expect([d.maxAbsError, d.maxAbsValue, d.tolerance]).toEqual([0.5, 4, COMPARE_TOLERANCE]);
  });

  it('draws differences on the scale of the compared values: ±max |value|, or ±max |difference| if larger', () => {
    expect(compareDifferences({ items: items([1, 2], [1, 2 + 1e-16]) }).bound).toBe(2);
    expect(compareDifferences({ items: items([1, 2], [-8, 2]) }).bound).toBe(9);
    expect(compareDifferences({ items: items([0, 0], [0, 0]) }).bound).toBe(1);
  });

  it('measures the tolerance relative to the values, and takes the payload’s own', () => {
    expect(compareDifferences({ items: items([1000, 0], [1000.0001, 0]) }).planes[0].verdict).toBe('within'); // 1e-4 ≤ 1e-6 · 1000 = 1e-3
    expect(compareDifferences({ items: items([1, 0], [1.0001, 0]) }).planes[0].verdict).toBe('differs');
    expect(compareDifferences({ items: items([1, 0], [1.0001, 0]), tolerance: 1e-3 }).planes[0].verdict).toBe('within');
  });
});

describe('differenceTitle and differenceCaption', () => {
  const d = (...data: number[][]) => compareDifferences({ items: items(...data) });

  it('name a difference plane by its verdict', () => {
    const [zero, within, differs] = d([1, 2], [1, 2], [1, 2 + 1e-15], [1, 2.25]).planes;
    expect([differenceTitle('B − A', zero), differenceTitle('C − A', within), differenceTitle('D − A', differs)]).toEqual([
      'B − A = 0',
      'C − A ≈ 0',
      'D − A (max 0.25)',
    ]);
  });

  it('write the maximum error with the verdict, relative to the values', () => {
    expect(differenceCaption(d([1, 2], [1, 2]))).toBe('max |difference| = 0: equal');
    expect(differenceCaption(d([1, 4.6], [1, 4.6 + 2.2e-15]))).toBe('max |difference| = 1.776e-15 ≈ 0 (below 1e-6 × max |value| 4.6)');
    expect(differenceCaption(d([1, 2.5], [1, 2]))).toBe('max |difference| = 0.5 (20% of max |value| 2.5)');
    expect(differenceCaption(d([1000, 0], [1000.01, 0]))).toBe('max |difference| = 0.01 (1.0e-5 × max |value| 1000)');
    expect(differenceCaption(d([0, 0], [0, 1]))).toBe('max |difference| = 1 (100% of max |value| 1)');
  });

  it('describePayload writes the verdict into the text alternative', () => {
    const p: ComparePayload = { version: 1, kind: 'compare', title: 't', shape: [1, 2], items: items([1, 2], [1, 2 + 4.4e-16]) };
    expect(describePayload(p)).toMatch(/; 2 items, max \|difference\| = 4\.441e-16 ≈ 0 \(below 1e-6 × max \|value\| 2\)$/);
  });
});
