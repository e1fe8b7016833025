import type { ColourScale, Plane } from '../contract';
import { valueRange } from '../contract/range';
import { type Rgb, redBlue, viridis } from './colormap';
import { LINE_HEIGHT, fitText } from './font';
import { Raster } from './raster';

/** Colours of the pictures' text and frames. */
export const INK: Rgb = [33, 33, 33];
export const PAPER: Rgb = [255, 255, 255];
export const MUTED: Rgb = [110, 110, 110];

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

/** One line of text, `width` pixels wide for the layout; the text is cut with '…' to `room` pixels (default `width`). */
export function label(text: string, width: number, colour: Rgb = INK, room = width): Item {
  const shown = fitText(text, room);
  return { w: width, h: LINE_HEIGHT, draw: (raster, x, y) => raster.text(x, y + 1, shown, colour) };
}

/** An item with a line of text over it, cut to the item's width. */
export function titled(text: string, item: Item, colour: Rgb = INK): Item {
  return columnOf([label(text, item.w, colour), item], 2);
}

/**
 * An item with its name under it (the panel titles of the interactive view), which may run `spill`
 * pixels into the gap on its right; the item keeps its place, so marks drawn from the top stay put.
 */
export function captioned(text: string, item: Item, spill = 0): Item {
  return columnOf([item, label(text, item.w, MUTED, item.w + spill)], 3);
}

export interface MapGridOptions {
  /** Maps a row when there is one batch item (n = 1); with more, a row per item. */
  columns: number;
  /** Each map on its own range (default: one shared range). */
  perMap?: boolean;
  colours?: ColourScale;
  /** The name written under map i (default: none). */
  name?: (i: number) => string;
}

/** Maps [n, c, h, w] as small multiples, 4 pixels apart, each named under it when `name` is given. */
export function mapGrid(shape: readonly number[], data: number[], { columns, perMap = false, colours, name }: MapGridOptions): Item {
  const [n, c, h, w] = shape;
  const cols = n === 1 ? columns : c;
  const rows = Math.ceil((n * c) / cols);
  const cell = Math.max(1, Math.min(16, cellFor(cols * (w + 1), rows * (h + 1))));
  const shared = colourOf(data, colours);
  const lines: Item[] = [];
  for (let r = 0; r < rows; r++) {
    const maps: Item[] = [];
    for (let i = r * cols; i < Math.min(n * c, (r + 1) * cols); i++) {
      const plane: Plane = { shape: [h, w], data: data.slice(i * h * w, (i + 1) * h * w) };
      const map = heatmap(plane, cell, perMap ? colourOf(plane.data, colours) : shared);
      maps.push(name ? captioned(name(i), map) : map);
    }
    lines.push(rowOf(maps, 4));
  }
  return columnOf(lines, 4);
}

/** Draws on top of a heatmap placed at (x, y). */
export type Decoration = (raster: Raster, x: number, y: number) => void;

export const both = (...marks: Decoration[]): Decoration => (raster, x, y) => marks.forEach((mark) => mark(raster, x, y));

/**
 * The highlight of cells [r0..r1] x [c0..c1] (clipped to rows x cols), as the interactive view
 * draws it: a dark frame with a light one inside, readable on every colour of both scales.
 */
export function highlight(cell: number, [rows, cols]: readonly number[], r0: number, c0: number, r1: number, c1: number): Decoration {
  const [top, left, bottom, right] = [Math.max(0, r0), Math.max(0, c0), Math.min(rows - 1, r1), Math.min(cols - 1, c1)];
  return (raster, x, y) => {
    if (top > bottom || left > right) return;
    const [fx, fy, fw, fh] = [x + left * cell, y + top * cell, (right - left + 1) * cell, (bottom - top + 1) * cell];
    raster.outline(fx - 1, fy - 1, fw + 2, fh + 2, INK, 3);
    raster.outline(fx + 2, fy + 2, fw - 4, fh - 4, PAPER, 1);
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
