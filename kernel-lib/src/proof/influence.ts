import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { Kernel, kernelEntries } from './kernel';
import { Cell, Expr, Grid } from './symbolic';
import { WindowOptions, resolveWindow } from './window';

/** An influence grid: cell (a, b) is the weight into output `targets[a·cols + b]` = [r, c], or null. */
export class InfluenceGrid<T extends Cell> extends Grid<T> {
  constructor(
    rows: number,
    cols: number,
    cells: readonly (T | null)[],
    readonly targets: readonly (readonly [number, number] | null)[],
  ) {
    super(rows, cols, cells);
  }
}

/**
 * The weights by which input neuron (i, j) feeds the outputs it affects, laid out as the notes'
 * A11 … A33 grid (kh x kw, outputs in increasing row and column order). Input (i, j) sits at kernel
 * position (l, m) of output (r, c) when r·s + l·d − p = i (p: zeros before, at the top/left), so
 * cell (a, b) holds k[kh−1−a][kw−1−b] — the kernel rotated by 180° — for output
 * r = (i + p − (kh−1−a)·d)/s (likewise c). Options as connectionMatrix; the weights do not depend
 * on the padding, only which outputs exist does.
 * Cells whose output does not exist (past the border, or skipped by the stride) are null.
 * With a symbolic kernel the cells are expressions.
 *
 * @example
 * influence(symbolicKernel(3, 3), [2, 2], [5, 5]).toStrings();
 * // [['w33', 'w32', 'w31'], ['w23', 'w22', 'w21'], ['w13', 'w12', 'w11']]
 */
export function influence(
  k: Tensor,
  at: readonly [number, number],
  inShape: readonly number[],
  opts?: WindowOptions,
): InfluenceGrid<number>;
export function influence(
  k: Grid<Expr>,
  at: readonly [number, number],
  inShape: readonly number[],
  opts?: WindowOptions,
): InfluenceGrid<Expr>;
export function influence(
  k: Kernel,
  at: readonly [number, number],
  inShape: readonly number[],
  opts: WindowOptions = {},
): InfluenceGrid<Cell> {
  const { shape, weights } = kernelEntries('influence', k);
  const win = resolveWindow('influence', shape, inShape, opts);
  const [i, j] = Array.isArray(at) ? at : [NaN, NaN];
  assert(
    Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < win.h && j >= 0 && j < win.w,
    () => `influence: neuron [i, j] must lie in the input ${fmtShape(inShape)}, got ${JSON.stringify(at)}`,
  );
  const cells: (Cell | null)[] = [];
  const targets: ([number, number] | null)[] = [];
  for (let a = 0; a < win.kh; a++) {
    const l = win.kh - 1 - a;
    const r = (i + win.top - l * win.dh) / win.sh;
    for (let b = 0; b < win.kw; b++) {
      const m = win.kw - 1 - b;
      const c = (j + win.left - m * win.dw) / win.sw;
      const exists = Number.isInteger(r) && r >= 0 && r < win.outH && Number.isInteger(c) && c >= 0 && c < win.outW;
      cells.push(exists ? weights[l * win.kw + m] : null);
      targets.push(exists ? [r, c] : null);
    }
  }
  return new InfluenceGrid(win.kh, win.kw, cells, targets);
}
