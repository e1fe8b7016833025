import { describe, expect, it } from 'vitest';
import {
  cellName,
  convBackwardFormula,
  convFormula,
  focusOf,
  indexBaseOf,
  panelName,
  poolBackwardFormula,
  poolFormula,
  writesValues,
} from '../../../kernel-lib/src/view';

describe('numbering: every view counts rows, columns and channels from 1 unless indexBase is 0', () => {
  it('indexBaseOf: 1 by default, the payload’s own otherwise; cellName writes a 0-based cell in it', () => {
    expect([indexBaseOf({}), indexBaseOf({ indexBase: 0 }), indexBaseOf({ indexBase: 1 })]).toEqual([1, 0, 1]);
    expect([cellName(0, 2, 1), cellName(0, 2, 0)]).toEqual(['(1,3)', '(0,2)']);
  });

  it('focusOf: the payload’s focus, else the first position', () => {
    expect([focusOf({}), focusOf({ focus: [3, 4] })]).toEqual([
      [0, 0],
      [3, 4],
    ]);
  });

  it('panelName: the channel’s label, else c1, c2, … (n1 c1 … for batches), in the payload’s numbering', () => {
    const grid = { shape: [1, 3, 2, 2] };
    expect([0, 1, 2].map((m) => panelName(grid, m))).toEqual(['c1', 'c2', 'c3']);
    expect(panelName({ ...grid, indexBase: 0 }, 2)).toBe('c2');
    expect(panelName({ ...grid, labels: ['edge —', 'edge |', 'blob'] }, 1)).toBe('edge |');
    expect(panelName({ shape: [2, 3, 2, 2], labels: ['a', 'b', 'c'] }, 4)).toBe('n2 b');
  });

  it('the written-out sums use the numbering: a(1,2) from 1, a(0,1) from 0', () => {
    const conv = {
      input: { shape: [2, 3] as [number, number], data: [1, 2, 3, 4, 5, 6] },
      kernel: { shape: [1, 2] as [number, number], data: [10, -1] },
      bias: 0.5,
      activation: 'identity' as const,
    };
    expect(convFormula(conv, 0, 1)[0]).toBe('a(1,2) = b + Σ w·x');
    expect(convFormula({ ...conv, indexBase: 0 }, 0, 1)[0]).toBe('a(0,1) = b + Σ w·x');
    const back = {
      delta: { shape: [1, 1] as [number, number], data: [2] },
      kernel: { shape: [1, 2] as [number, number], data: [3, 5] },
      indexBase: 0 as const,
    };
    expect(convBackwardFormula(back, 0, 1).slice(0, 2)).toEqual([
      'δˡ(0,1) = Σ rot180(w)·δˡ⁺¹ (before ⊙ σ′)',
      '  gathers 1 cell: δˡ⁺¹(0,0)',
    ]);
    const input = { shape: [2, 2] as [number, number], data: [1, 7, 3, 2] };
    expect(poolFormula({ mode: 'max', size: [2, 2], input, argmax: [1], indexBase: 0 }, 0, 0)).toEqual([
      'y(0,0) = max(1, 7, 3, 2)',
      '  = 7 at x(0,1)',
    ]);
    expect(poolBackwardFormula({ mode: 'avg', size: [2, 2], input, delta: { shape: [1, 1], data: [8] }, indexBase: 0 }, 0, 0)[0]).toMatch(
      /^δˡ⁺¹\(0,0\) = 8/,
    );
  });
});

describe('writesValues: which panels get their values written (in the plot and in the HTML fallback)', () => {
  it("'auto' up to 16x16, 'show' up to 64x64 cells, 'hide' never", () => {
    const plane = (rows: number, cols: number) => ({ shape: [rows, cols] as [number, number] });
    expect([writesValues(plane(16, 16)), writesValues(plane(16, 17)), writesValues(plane(3, 3), 'hide')]).toEqual([true, false, false]);
    expect([writesValues(plane(28, 28), 'show'), writesValues(plane(64, 64), 'show'), writesValues(plane(64, 65), 'show')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
