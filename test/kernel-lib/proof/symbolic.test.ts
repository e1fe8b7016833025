import { describe, expect, it } from 'vitest';
import {
  Expr,
  Grid,
  connectionMatrix,
  influence,
  symbolicCorrelate,
  symbolicKernel,
  symbolicMatrix,
  tensor,
} from '../../../kernel-lib/src';

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
    expect(() => symbolicCorrelate(symbolicMatrix(2, 2, 'a'), tensor([[1]]) as never)).toThrow(
      /symbolicCorrelate: k must be a symbolic Grid/,
    );
  });

  describe('Expr.equals', () => {
    const [w11, w12, a11, a12] = [Expr.symbol('w', 1, 1), Expr.symbol('w', 1, 2), Expr.symbol('a', 1, 1), Expr.symbol('a', 1, 2)];

    it('products commute: w11·a11 = a11·w11', () => {
      expect(w11.times(a11).equals(a11.times(w11))).toBe(true);
    });

    it('sums commute: w11·a11 + w12·a12 = a12·w12 + a11·w11', () => {
      expect(
        w11
          .times(a11)
          .plus(w12.times(a12))
          .equals(a12.times(w12).plus(a11.times(w11))),
      ).toBe(true);
    });

    it('repeated products count: a11 + a11 ≠ a11, a11 + a11 + w11 = a11 + w11 + a11', () => {
      expect(a11.plus(a11).equals(a11)).toBe(false);
      expect(a11.equals(a11.plus(a11))).toBe(false);
      expect(a11.plus(a11).plus(w11).equals(a11.plus(w11).plus(a11))).toBe(true);
      expect(a11.plus(w11).equals(a11.plus(a11))).toBe(false);
    });

    it('powers count too: w11·w11·a11 ≠ w11·a11·a11, and w11·a11 ≠ w11', () => {
      expect(w11.times(w11).times(a11).equals(w11.times(a11).times(a11))).toBe(false);
      expect(w11.times(a11).equals(w11)).toBe(false);
    });

    it('a symbol is its name, row and col: w12 ≠ w21 ≠ a12, while w10,1 and w1,01 cannot be confused', () => {
      expect(w12.equals(Expr.symbol('w', 2, 1))).toBe(false);
      expect(w12.equals(a12)).toBe(false);
      expect(Expr.symbol('w', 1, 2).equals(Expr.symbol('w', 1, 2))).toBe(true);
      expect(Expr.symbol('w1', 1, 1).equals(Expr.symbol('w', 11, 1))).toBe(false);
    });

    it('the empty sum: Expr.zero = new Expr([]), and 0 ≠ w11', () => {
      expect(Expr.zero.equals(new Expr([]))).toBe(true);
      expect(Expr.zero.equals(w11)).toBe(false);
      expect(w11.equals(Expr.zero)).toBe(false);
    });

    it('distributes: (w11 + w12)·(a11 + a12) = w11·a11 + w11·a12 + w12·a11 + w12·a12, in any order', () => {
      const expanded = [w12.times(a12), a11.times(w11), w12.times(a11), a12.times(w11)].reduce((s, e) => s.plus(e), Expr.zero);
      expect(w11.plus(w12).times(a11.plus(a12)).equals(expanded)).toBe(true);
    });

    it('throws when other is not an Expr', () => {
      expect(() => w11.equals('w11' as never)).toThrow(/^Expr\.equals: other must be an Expr, got string$/);
    });
  });

  describe('Grid.equals', () => {
    it('influence of the centre of a 5x5 layer equals rot180 of the kernel, and not the kernel', () => {
      const w = symbolicKernel(3, 3);
      const g = influence(w, [2, 2], [5, 5]);
      expect(g.equals(w.rot180())).toBe(true);
      expect(w.rot180().equals(g)).toBe(true);
      expect(g.equals(w)).toBe(false);
    });

    it('a column of the connection matrix, read back into a grid, equals rot180(w) cell by cell', () => {
      const w = symbolicKernel(2, 2);
      const W = connectionMatrix(w, [3, 3]); // 4 x 9
      const column = new Grid(
        2,
        2,
        [0, 1, 2, 3].map((row) => W.get(row, 4)),
      ); // input (1, 1), the centre
      expect(column.equals(w.rot180())).toBe(true);
    });

    it('numbers by ===, null only equals null, a number never equals an expression', () => {
      expect(new Grid(1, 2, [1, null]).equals(new Grid(1, 2, [1, null]))).toBe(true);
      expect(new Grid(1, 2, [1, null]).equals(new Grid(1, 2, [1, 0]))).toBe(false);
      expect(new Grid(1, 1, [0]).equals(new Grid(1, 1, [Expr.zero]))).toBe(false);
      expect(new Grid(1, 1, [Expr.zero]).equals(new Grid(1, 1, [0]))).toBe(false);
    });

    it('different sizes are not equal, even with the same cells', () => {
      expect(new Grid(1, 4, [1, 2, 3, 4]).equals(new Grid(2, 2, [1, 2, 3, 4]))).toBe(false);
    });

    it('throws when other is not a Grid', () => {
      expect(() => symbolicKernel(1, 1).equals([[1]] as never)).toThrow(/^Grid\.equals: other must be a Grid, got object$/);
    });
  });
});
