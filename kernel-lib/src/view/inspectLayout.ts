import type { Label } from './scene';
import { fitText } from './panels';

/** One panel of a block: its size in cells and pixels per cell, the title over it and the lines of text under it. */
export interface BlockItem {
  rows: number;
  cols: number;
  cell: number;
  title: string;
  lines?: string[];
}

/** A column of panels under one title (a layer of the inspector, a panel of the replay). */
export interface Block {
  title: string;
  items: BlockItem[];
}

/** Where every item went (block by block), the labels written, and the size of the whole. */
export interface Flowed {
  boxes: Array<Array<{ x: number; y: number; cell: number }>>;
  labels: Label[];
  width: number;
  height: number;
}

const MARGIN = 12;
const GAP = 32;
const TITLE = 18;
const ITEM_TITLE = 16;
const LINE = 13;

/**
 * The pixels per cell for `cols` cells in about `target` pixels: whole pixels from 2 to `max`,
 * below 2 pixels in quarters (down to a quarter pixel), so that a very wide matrix still fits.
 */
export function cellFor(cols: number, target: number, max: number): number {
  const exact = target / cols;
  return exact >= 2 ? Math.min(max, Math.floor(exact)) : Math.max(0.25, Math.floor(exact * 4) / 4);
}

/** The width a block wants in pixels: its widest panel or its title (about 7 pixels a character). */
const blockWidth = (b: Block, min: number): number =>
  Math.max(min, ...b.items.map((i) => i.cols * i.cell), Math.min(220, b.title.length * 7));
const blockHeight = (b: Block): number =>
  TITLE + b.items.reduce((h, i) => h + ITEM_TITLE + i.rows * i.cell + (i.lines?.length ?? 0) * LINE + 12, 0);

/**
 * Blocks (each at least `minWidth` pixels wide) side by side from the left, `top` pixels down, wrapping onto a new row when the next one
 * would pass `width`; in each block its panels one under the other, each with its title.
 */
export function flowBlocks(blocks: Block[], width: number, top: number, minWidth = 80): Flowed {
  const out: Flowed = { boxes: [], labels: [], width: 0, height: 0 };
  let [x, y, rowHeight] = [MARGIN, top, 0];
  for (const b of blocks) {
    const [bw, bh] = [blockWidth(b, minWidth), blockHeight(b)];
    if (x > MARGIN && x + bw > width - MARGIN) [x, y, rowHeight] = [MARGIN, y + rowHeight + GAP, 0];
    out.labels.push({ x, y: y + 13, size: 13, anchor: 'start', tone: 'ink', ...fitText(b.title, bw + GAP - 8, 7) });
    let at = y + TITLE;
    const boxes: Array<{ x: number; y: number; cell: number }> = [];
    for (const item of b.items) {
      out.labels.push({ x, y: at + 12, size: 11, anchor: 'start', tone: 'muted', ...fitText(item.title, bw + GAP - 8, 6) });
      boxes.push({ x, y: at + ITEM_TITLE, cell: item.cell });
      at += ITEM_TITLE + item.rows * item.cell;
      for (const line of item.lines ?? []) {
        at += LINE;
        out.labels.push({ x, y: at, size: 10, anchor: 'start', tone: 'ink', ...fitText(line, bw + GAP - 8, 6) });
      }
      at += 12;
    }
    out.boxes.push(boxes);
    rowHeight = Math.max(rowHeight, bh);
    out.width = Math.max(out.width, x + bw + MARGIN);
    x += bw + GAP;
  }
  out.height = y + rowHeight + MARGIN;
  return out;
}
