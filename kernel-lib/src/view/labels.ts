import type { IndexBase, Plane, Position, ValueLabels } from '../contract';

/**
 * How the views label what they show, shared by the extension (axes, hover text, captions) and the
 * library's fallbacks, so that both number cells alike and write values into the same panels.
 */

/** Largest matrix side whose values are written with `values: 'auto'`. */
export const MAX_SIDE_WITH_VALUES = 16;

/** Most cells whose values are written, even with `values: 'show'`. */
export const MAX_CELLS_WITH_VALUES = 64 * 64;

/** The numbering of a payload's rows and columns: its `indexBase`, 1 by default (as the notes: w11, a11). */
export function indexBaseOf(p: { indexBase?: IndexBase }): IndexBase {
  return p.indexBase ?? 1;
}

/** A 0-based cell (r, c) as a view names it: "(r+base,c+base)". */
export function cellName(r: number, c: number, base: IndexBase): string {
  return `(${r + base},${c + base})`;
}

/** The position a linked view highlights first, 0-based: its `focus`, else the first one. */
export function focusOf(p: { focus?: Position }): Position {
  return p.focus ?? [0, 0];
}

/**
 * Whether a panel's values are written into its cells: 'show' up to 64x64 cells, 'auto' up to
 * 16x16, 'hide' never. (The extension also leaves them out of cells too small to hold them.)
 */
export function writesValues(plane: Pick<Plane, 'shape'>, values: ValueLabels = 'auto'): boolean {
  const [rows, cols] = plane.shape;
  if (values === 'hide' || rows * cols > MAX_CELLS_WITH_VALUES) return false;
  return values === 'show' || (rows <= MAX_SIDE_WITH_VALUES && cols <= MAX_SIDE_WITH_VALUES);
}

/** The name of panel m of a feature-map grid: its channel's label, else c1, c2, … (and n1, n2, … for batch items). */
export function panelName(p: { shape: readonly number[]; labels?: readonly string[]; indexBase?: IndexBase }, m: number): string {
  const [n, c] = p.shape;
  const base = indexBaseOf(p);
  const channel = p.labels?.[m % c] ?? `c${(m % c) + base}`;
  return n === 1 ? channel : `n${Math.floor(m / c) + base} ${channel}`;
}
