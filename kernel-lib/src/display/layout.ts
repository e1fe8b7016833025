import type { ColourScale, Plane } from '../contract';
import { valueRange } from '../contract/range';
import { type Rgb, redBlue, viridis } from './colormap';
import { Raster } from './raster';

/** Maps a value to its colour. */
export type Colour = (value: number) => Rgb;

/**
 * The colour scale of some data: diverging (RdBu, white at zero, range symmetric about zero) when
 * asked or when the data has both signs, else viridis over [min, max].
 */
export function colourOf(data: ArrayLike<number>, scale?: ColourScale): Colour {
  const { min, max, signed } = valueRange(data);
  if (scale === 'diverging' || (scale === undefined && signed)) {
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return (v) => redBlue(0.5 + v / (2 * bound));
  }
  const span = max - min || 1;
  return (v) => viridis((v - min) / span);
}

/** A rectangle of the picture that knows its size and how to draw itself at (x, y). */
export interface Item {
  w: number;
  h: number;
  draw(raster: Raster, x: number, y: number): void;
}

/** Pixels per cell so that `cols` x `rows` cells fit in about 720 x 480 pixels (1 to 32). */
export function cellFor(cols: number, rows: number): number {
  return Math.max(1, Math.min(32, Math.floor(Math.min(720 / cols, 480 / rows))));
}

/** A heatmap of a plane, `cell` pixels per value; `decorate` draws marks on top (cell → pixel offsets). */
export function heatmap(plane: Plane, cell: number, colour: Colour, decorate?: (raster: Raster, x: number, y: number) => void): Item {
  const [rows, cols] = plane.shape;
  return {
    w: cols * cell,
    h: rows * cell,
    draw(raster, x, y) {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) raster.fill(x + c * cell, y + r * cell, cell, cell, colour(plane.data[r * cols + c]));
      }
      decorate?.(raster, x, y);
    },
  };
}

function stack(items: Item[], gap: number, across: boolean): Item {
  const along = items.reduce((s, it) => s + (across ? it.w : it.h), 0) + gap * Math.max(0, items.length - 1);
  const other = Math.max(0, ...items.map((it) => (across ? it.h : it.w)));
  return {
    w: across ? along : other,
    h: across ? other : along,
    draw(raster, x, y) {
      let offset = 0;
      for (const it of items) {
        it.draw(raster, across ? x + offset : x, across ? y : y + offset);
        offset += (across ? it.w : it.h) + gap;
      }
    },
  };
}

/** Items side by side, top-aligned. */
export const rowOf = (items: Item[], gap = 12): Item => stack(items, gap, true);

/** Items one under the other, left-aligned. */
export const columnOf = (items: Item[], gap = 12): Item => stack(items, gap, false);

/** Draws an item on a white picture with a margin; returns the base64 PNG. */
export function toPng(item: Item, margin = 6): string {
  const raster = new Raster(Math.max(1, item.w + 2 * margin), Math.max(1, item.h + 2 * margin));
  item.draw(raster, margin, margin);
  return raster.toPngBase64();
}
