import type { Plane, ValueLabels } from '../contract';
import { formatValue } from './geometry';
import { writesValues } from './labels';
import type { CellLabels } from './scene';

/** Cells narrower than this never get values written in them, not even with `values: 'show'`: the text would not be readable. */
export const MIN_CELL_WITH_VALUES = 10;

/** Font size for values written in cells of `cell` pixels, or 0 when they would not be readable. */
function valueFont(cell: number): number {
  return cell >= 34 ? 12 : cell >= 26 ? 10 : cell >= 20 ? 9 : cell >= 14 ? 7 : 0;
}

/** 3, 2 or 1 significant digits, as many as fit in `maxChars`; else the shorter of 1 digit and '-5e-3'. */
function shortest(value: number, maxChars: number): string {
  for (const digits of [3, 2]) {
    const text = formatValue(value, digits);
    if (text.length <= maxChars) return text;
  }
  const plain = formatValue(value, 1);
  const exponent = value.toExponential(0).replace('e+', 'e');
  return exponent.length < plain.length ? exponent : plain;
}

/** Pixels a label of `chars` characters takes at `font` pixels (DejaVu Sans digits are 0.64 em), with 4 pixels to spare. */
const labelWidth = (chars: number, font: number): number => chars * font * 0.64 + 4;

/**
 * Labels that fit their cells: each value with as many digits as fit, in one font size for the whole
 * panel (that of its longest label), or undefined when they would be unreadable (with 'show', the
 * smallest font is forced down to cells of MIN_CELL_WITH_VALUES pixels). Empty cells (null) get ''.
 */
export function cellLabels(data: ReadonlyArray<number | null>, cell: number, values: ValueLabels): CellLabels | undefined {
  let font = valueFont(cell);
  if (cell < MIN_CELL_WITH_VALUES || (font === 0 && values !== 'show')) return undefined;
  font ||= 6;
  const maxChars = Math.max(3, Math.floor((cell - 4) / (font * 0.64)));
  const text = data.map((v) => (v === null ? '' : shortest(v, maxChars)));
  const longest = Math.max(...text.map((t) => t.length));
  while (font > 6 && labelWidth(longest, font) > cell) font--;
  if (labelWidth(longest, font) > cell && values !== 'show') return undefined;
  return { text, size: font };
}

/**
 * The values written into a panel's cells: when asked ('show') or small enough ('auto'), as
 * `writesValues` rules, and only where the cells are large enough to read them.
 */
export function panelLabels(
  plane: Pick<Plane, 'shape'>,
  data: ReadonlyArray<number | null>,
  cell: number,
  values: ValueLabels = 'auto',
): CellLabels | undefined {
  return writesValues(plane, values) ? cellLabels(data, cell, values) : undefined;
}
