import { assert } from '../assert';
import { Expr, Grid } from './symbolic';
import { WindowOptions, forEachConnection, resolveWindow } from './window';

/**
 * Cross-correlation written out symbolically: z[r][c] = Σ_l Σ_m k[l][m]·a[r·s + l·d − p][c·s + m·d − p],
 * each output a sum of products (padding cells are zeros and drop out). With k = w.rot180() and
 * padding kh−1 this is the notes' "full" correlation that gives δ of the previous layer.
 *
 * @example
 * symbolicCorrelate(symbolicMatrix(3, 3, 'a'), symbolicKernel(2, 2)).get(0, 0)?.toString();
 * // 'w11·a11 + w12·a12 + w21·a21 + w22·a22'
 */
export function symbolicCorrelate(a: Grid<Expr>, k: Grid<Expr>, opts: WindowOptions = {}): Grid<Expr> {
  assert(
    a instanceof Grid && a.cells.every((v) => v instanceof Expr),
    () => `symbolicCorrelate: a must be a symbolic Grid (symbolicMatrix), got ${typeof a}`,
    TypeError,
  );
  assert(
    k instanceof Grid && k.cells.every((v) => v instanceof Expr),
    () => `symbolicCorrelate: k must be a symbolic Grid (symbolicKernel), got ${typeof k}`,
    TypeError,
  );
  const win = resolveWindow('symbolicCorrelate', [k.rows, k.cols], [a.rows, a.cols], opts);
  const weights = k.cells as readonly Expr[];
  const cells: Expr[] = new Array<Expr>(win.outH * win.outW).fill(Expr.zero);
  forEachConnection(win, (out, input, kernel) => {
    cells[out] = cells[out].plus(weights[kernel].times(a.cells[input] as Expr));
  });
  return new Grid(win.outH, win.outW, cells);
}
