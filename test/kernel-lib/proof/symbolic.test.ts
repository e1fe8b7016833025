import { describe, expect, it } from 'vitest';
import { Expr, Grid, symbolicCorrelate, symbolicKernel, symbolicMatrix, tensor } from '../../../kernel-lib/src';

describe('symbolic', () => {
  it('symbolicKernel(3, 3) holds w11 … w33, 1-based as in the notes', () => {
    expect(symbolicKernel(3, 3).toStrings()).toEqual([
      ['w11', 'w12', 'w13'],
      ['w21', 'w22', 'w23'],
      ['w31', 'w32', 'w33'],
    ]);
    expect(symbolicKernel(1, 2, 'k').toLatex()).toBe('\\begin{pmatrix} k_{11} & k_{12} \\end{pmatrix}');
  });

  it('indices past 9 are separated by a comma: w10,1 and w_{10,1}', () => {
    const e = Expr.symbol('w', 10, 1);
    expect(e.toString()).toBe('w10,1');
    expect(e.toLatex()).toBe('w_{10,1}');
  });

  it('Expr: (w11 + w12)·a11 distributes; the empty sum is 0', () => {
    const sum = Expr.symbol('w', 1, 1).plus(Expr.symbol('w', 1, 2));
    expect(sum.times(Expr.symbol('a', 1, 1)).toString()).toBe('w11·a11 + w12·a11');
    expect(sum.times(Expr.symbol('a', 1, 1)).toLatex()).toBe('w_{11} a_{11} + w_{12} a_{11}');
    expect(Expr.zero.toString()).toBe('0');
  });

  it('symbolicCorrelate(a 3x3, w 2x2): z11 = w11·a11 + w12·a12 + w21·a21 + w22·a22', () => {
    const z = symbolicCorrelate(symbolicMatrix(3, 3, 'a'), symbolicKernel(2, 2));
    expect([z.rows, z.cols]).toEqual([2, 2]);
    expect(z.get(0, 0)?.toString()).toBe('w11·a11 + w12·a12 + w21·a21 + w22·a22');
    expect(z.get(1, 1)?.toString()).toBe('w11·a22 + w12·a23 + w21·a32 + w22·a33');
  });

  it('a numeric Grid prints numbers to 6 significant digits', () => {
    expect(new Grid(1, 3, [0.5, null, 1 / 3]).toString()).toBe('0.5  ·  0.333333');
  });

  it('throws when rows or cols is not a positive integer', () => {
    expect(() => symbolicKernel(0, 3)).toThrow(/symbolicMatrix: rows must be a positive integer, got 0/);
    expect(() => symbolicMatrix(2, 1.5, 'a')).toThrow(/symbolicMatrix: cols must be a positive integer, got 1.5/);
  });

  it('throws when the name is empty', () => {
    expect(() => symbolicMatrix(2, 2, '')).toThrow(/symbolicMatrix: name must be a non-empty string, got ""/);
  });

  it('throws when a Grid has the wrong number of cells, or an index is out of range', () => {
    expect(() => new Grid(2, 2, [1, 2, 3])).toThrow(/Grid: cells must number rows·cols = 4, got 3/);
    expect(() => symbolicKernel(2, 2).get(2, 0)).toThrow(/Grid.get: index must be within 2x2, got \(2, 0\)/);
  });

  it('throws when symbolicCorrelate gets numeric tensors', () => {
    expect(() => symbolicCorrelate(tensor([[1]]) as never, symbolicKernel(1, 1))).toThrow(/symbolicCorrelate: a must be a symbolic Grid/);
    expect(() => symbolicCorrelate(symbolicMatrix(2, 2, 'a'), tensor([[1]]) as never)).toThrow(/symbolicCorrelate: k must be a symbolic Grid/);
  });
});
