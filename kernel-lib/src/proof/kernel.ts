import { assert } from '../assert';
import { Tensor } from '../tensor';
import { Expr, Grid } from './symbolic';

/** A kernel for the proof utilities: a numeric [kh, kw] Tensor, or a symbolic grid (w11 … ). */
export type Kernel = Tensor | Grid<Expr>;

/** The kernel's shape and its weights in row-major order, checking that it is one of the two kinds. */
export function kernelEntries(op: string, k: unknown): { shape: number[]; weights: readonly (number | Expr)[] } {
  if (k instanceof Tensor) return { shape: [...k.shape], weights: Array.from(k.data) };
  assert(
    k instanceof Grid && k.cells.every((v) => v instanceof Expr),
    () => `${op}: kernel must be a Tensor or a symbolic Grid (symbolicKernel), got ${k === null ? 'null' : typeof k}`,
    TypeError,
  );
  return { shape: [k.rows, k.cols], weights: k.cells as readonly Expr[] };
}
