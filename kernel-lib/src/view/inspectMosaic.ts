import type { Maps } from '../contract';

/**
 * Maps [c, h, w] tiled into one panel: `across` maps a row, one empty cell between maps. Map ch's
 * cell (r, col) sits at panel cell (⌊ch/across⌋·(h + 1) + r, (ch mod across)·(w + 1) + col).
 */
export interface Mosaic {
  c: number;
  h: number;
  w: number;
  across: number;
  rows: number;
  cols: number;
}

/** The mosaic of maps of `shape`: ⌈√c⌉ maps a row unless `across` says. */
export function mosaicOf([c, h, w]: readonly number[], across = Math.ceil(Math.sqrt(c))): Mosaic {
  const a = Math.max(1, Math.min(c, across));
  const down = Math.ceil(c / a);
  return { c, h, w, across: a, rows: down * (h + 1) - 1, cols: a * (w + 1) - 1 };
}

/** The panel cell of map ch's cell (r, col). */
export function mosaicCell(m: Mosaic, ch: number, r: number, col: number): [number, number] {
  return [Math.floor(ch / m.across) * (m.h + 1) + r, (ch % m.across) * (m.w + 1) + col];
}

/** The map and cell [ch, r, col] at panel cell (R, C), or undefined for a gap. */
export function mosaicAt(m: Mosaic, R: number, C: number): [number, number, number] | undefined {
  if (R < 0 || C < 0 || R >= m.rows || C >= m.cols) return undefined;
  const [mr, r] = [Math.floor(R / (m.h + 1)), R % (m.h + 1)];
  const [mc, col] = [Math.floor(C / (m.w + 1)), C % (m.w + 1)];
  const ch = mr * m.across + mc;
  return r === m.h || col === m.w || ch >= m.c ? undefined : [ch, r, col];
}

/** The panel's row-major values: the maps' values, null in the gaps. */
export function mosaicValues(m: Mosaic, data: ArrayLike<number>): Array<number | null> {
  const out = new Array<number | null>(m.rows * m.cols).fill(null);
  for (let ch = 0; ch < m.c; ch++) {
    for (let r = 0; r < m.h; r++) {
      for (let col = 0; col < m.w; col++) {
        const [R, C] = mosaicCell(m, ch, r, col);
        out[R * m.cols + C] = data[(ch * m.h + r) * m.w + col];
      }
    }
  }
  return out;
}

/** Hover names of a mosaic's cells: 'c3 (2,5)' in the numbering `base`, '' in the gaps. */
export function mosaicNames(m: Mosaic, base: number, symbol: string): string[] {
  const out = new Array<string>(m.rows * m.cols).fill('');
  for (let R = 0; R < m.rows; R++) {
    for (let C = 0; C < m.cols; C++) {
      const at = mosaicAt(m, R, C);
      if (at) out[R * m.cols + C] = `${symbol} c${at[0] + base} (${at[1] + base},${at[2] + base})`;
    }
  }
  return out;
}

/** A maps value [c, h, w] of `data`, for mosaics built from flat arrays. */
export const mapsOf = (shape: [number, number, number], data: number[]): Maps => ({ shape, data });
