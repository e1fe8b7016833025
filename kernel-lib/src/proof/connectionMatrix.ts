import { Tensor } from '../tensor';
import { Kernel, kernelEntries } from './kernel';
import { Expr, Grid } from './symbolic';
import { WindowOptions, forEachConnection, resolveWindow } from './window';

/**
 * The notes' view of a convolution as an ordinary layer: the dense matrix W, shape
 * [outH·outW, h·w], with z = W·vec(a) for the single-channel cross-correlation
 * z[r][c] = Σ_l Σ_m k[l][m]·a[r·s + l·d − p][c·s + m·d − p] (vec is row-major; p is the zeros
 * before the input; options as conv2d's: stride, padding incl. 'same'/'full', dilation). Row r·outW + c holds
 * the kernel's weights at the inputs its window covers and zeros everywhere else; BP2's backward
 * step through the layer is then δ_prev = Wᵀ δ (before ⊙ σ'). With a symbolic kernel, W is a
 * Grid of expressions (zeros as Expr.zero).
 *
 * @example
 * connectionMatrix(tensor([[1, 2]]), [1, 3]).toArray(); // [[1, 2, 0], [0, 1, 2]]
 */
export function connectionMatrix(k: Tensor, inShape: readonly number[], opts?: WindowOptions): Tensor;
export function connectionMatrix(k: Grid<Expr>, inShape: readonly number[], opts?: WindowOptions): Grid<Expr>;
export function connectionMatrix(k: Kernel, inShape: readonly number[], opts: WindowOptions = {}): Tensor | Grid<Expr> {
  const { shape, weights } = kernelEntries('connectionMatrix', k);
  const win = resolveWindow('connectionMatrix', shape, inShape, opts);
  const rows = win.outH * win.outW;
  const cols = win.h * win.w;
  if (k instanceof Tensor) {
    const data = new Float64Array(rows * cols);
    forEachConnection(win, (out, input, kernel) => {
      data[out * cols + input] += weights[kernel] as number;
    });
    return new Tensor([rows, cols], data);
  }
  const cells: Expr[] = new Array<Expr>(rows * cols).fill(Expr.zero);
  forEachConnection(win, (out, input, kernel) => {
    cells[out * cols + input] = cells[out * cols + input].plus(weights[kernel] as Expr);
  });
  return new Grid(rows, cols, cells);
}
