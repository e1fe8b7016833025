import type { ColourScale, ValueLabels } from '../contract';
import { colourAt, scaleOf } from './colour';
import type { Label, Panel, ScaleSpec } from './scene';
import { panelLabels } from './values';

/** One heatmap panel to place: its size in cells, its title, the number of its first row and column. */
export interface PanelSpec {
  rows: number;
  cols: number;
  title: string;
  base?: number;
  colBase?: number;
  /** Its cells are this many times the shared cell (default 1): a pooled map has cells one window wide. */
  scale?: number;
  /** Row of panels (default 0): panels of one row sit side by side, rows one under the other. */
  row?: number;
  /** Cells left empty before the panel in its row (followed by one gap), e.g. to sit under another panel. */
  indent?: number;
}

/** Margins of a figure in pixels: room for the title, the panel titles and the tick labels. */
export type Margins = Record<'l' | 'r' | 't' | 'b', number>;

export interface PanelOptions {
  /** Room on the right for a colour bar. */
  colorbar?: boolean;
  /** Pixels between panels. */
  gap?: number;
  margin?: Partial<Margins>;
}

/** Largest cell of a heatmap, in pixels; most pixels one row of panels is tall; the smallest cell a linked view keeps side by side. */
export const MAX_CELL = 40;
export const ROW_HEIGHT = 520;
export const MIN_LINKED_CELL = 8;
/** The width a view is laid out for when nobody says (the static pictures, an unmeasured output). */
export const DEFAULT_WIDTH = 860;
const ROW_GAP = 56;

export const marginsOf = (opts: PanelOptions): Margins => ({ l: 46, r: opts.colorbar ? 80 : 16, t: 58, b: 30, ...opts.margin });

function panelRows(specs: PanelSpec[]): number[][] {
  const count = Math.max(...specs.map((s) => s.row ?? 0)) + 1;
  return Array.from({ length: count }, (_, r) => specs.map((s, i) => ((s.row ?? 0) === r ? i : -1)).filter((i) => i >= 0));
}

/** What the fitting may do: the width of the whole figure, the largest and smallest cell, the tallest row. */
export interface FitRoom {
  width: number;
  max: number;
  min: number;
  rowHeight: number;
}

/**
 * The largest cell at which the panels fit: every row within the width (panels, indents, gaps and
 * margins), each row's tallest panel within `rowHeight`, at most `max`. Whole pixels from 2 up.
 */
export function cellToFit(specs: PanelSpec[], room: Omit<FitRoom, 'min'>, opts: PanelOptions = {}): number {
  const gap = opts.gap ?? 40;
  const margin = marginsOf(opts);
  let exact = room.max;
  for (const row of panelRows(specs)) {
    const units = row.reduce((sum, i) => sum + specs[i].cols * (specs[i].scale ?? 1) + (specs[i].indent ?? 0), 0);
    const fixed = margin.l + margin.r + gap * (row.length - 1) + gap * row.filter((i) => (specs[i].indent ?? 0) > 0).length;
    const tallest = Math.max(...row.map((i) => specs[i].rows * (specs[i].scale ?? 1)));
    exact = Math.min(exact, (room.width - fixed) / units, room.rowHeight / tallest);
  }
  return exact >= 2 ? Math.floor(exact) : Math.max(0.25, exact);
}

/** The first arrangement whose cells are at least `room.min` pixels, else the one with the largest cells. */
export function fitPanels(arrangements: PanelSpec[][], room: FitRoom, opts: PanelOptions = {}): { specs: PanelSpec[]; cell: number } {
  let best = { specs: arrangements[0], cell: -1 };
  for (const specs of arrangements) {
    const cell = cellToFit(specs, room, opts);
    if (cell >= room.min) return { specs, cell };
    if (cell > best.cell) best = { specs, cell };
  }
  return best;
}

/** The row (or column) numbers an axis writes: each one up to 16, else every 5th, 10th, 50th or 100th. */
export function axisTicks(n: number, base: number): number[] {
  if (n <= 16) return Array.from({ length: n }, (_, i) => i + base);
  const step = n <= 40 ? 5 : n <= 100 ? 10 : n <= 400 ? 50 : 100;
  const out: number[] = [];
  for (let v = Math.ceil(base / step) * step; v <= n - 1 + base; v += step) out.push(v);
  return out;
}

/** Text cut to `width` pixels (about `perChar` pixels a character) with '…', the whole text kept as `full`. */
export function fitText(text: string, width: number, perChar = 6.5): { text: string; full?: string } {
  const room = Math.max(4, Math.floor(width / perChar));
  return text.length <= room ? { text } : { text: `${text.slice(0, room - 1)}…`, full: text };
}

/** Where a panel goes: its top-left corner and cell size, and its title in full (the panel keeps it). */
export interface Box {
  x: number;
  y: number;
  cell: number;
  title?: string;
}

/** Where the panels went: their top-left corners and cell sizes, the figure's size, the panel titles. */
export interface Placed {
  boxes: Box[];
  width: number;
  height: number;
  titles: Label[];
  margin: Margins;
}

/** Lays panels out in rows, top-aligned, with square cells of exactly `cell` pixels (× their `scale`). */
export function placePanels(specs: PanelSpec[], cell: number, opts: PanelOptions = {}): Placed {
  const gap = opts.gap ?? 40;
  const margin = marginsOf(opts);
  const widths = specs.map((s) => s.cols * (s.scale ?? 1) * cell);
  const heights = specs.map((s) => s.rows * (s.scale ?? 1) * cell);
  const indents = specs.map((s) => (s.indent ? s.indent * cell + gap : 0));
  const inRows = panelRows(specs);
  const rowWidths = inRows.map((row) => row.reduce((sum, i) => sum + indents[i] + widths[i] + gap, -gap));
  const rowHeights = inRows.map((row) => Math.max(...row.map((i) => heights[i])));
  const plotWidth = Math.max(...rowWidths);
  const plotHeight = rowHeights.reduce((a, b) => a + b, 0) + ROW_GAP * (inRows.length - 1);
  const left = new Array<number>(inRows.length).fill(0);
  const top = rowHeights.map((_, r) => rowHeights.slice(0, r).reduce((a, b) => a + b + ROW_GAP, 0));
  const boxes: Placed['boxes'] = [];
  const titles: Label[] = [];
  specs.forEach((s, i) => {
    const r = s.row ?? 0;
    left[r] += indents[i];
    const [x, y] = [margin.l + left[r], margin.t + top[r]];
    boxes.push({ x, y, cell: cell * (s.scale ?? 1), title: s.title });
    if (s.title)
      titles.push({ x: x + widths[i] / 2, y: y - 8, size: 12, anchor: 'middle', tone: 'ink', ...fitText(s.title, widths[i] + gap - 8) });
    left[r] += widths[i] + gap;
  });
  return { boxes, width: Math.ceil(plotWidth + margin.l + margin.r), height: Math.ceil(plotHeight + margin.t + margin.b), titles, margin };
}

/** What a heatmap panel shows: its values (null: empty), how they are coloured and written, how a hover names them. */
export interface PanelContent {
  /** Its title in full, when not the box's (a title drawn shorter than it is). */
  title?: string;
  rows: number;
  cols: number;
  values: Array<number | null>;
  /** The colour scale, or the data to derive it from and the scale asked for. */
  scale: ScaleSpec;
  /** What the colour is computed from, if not the values (per-map normalised). */
  shade?: Array<number | null>;
  base: number;
  colBase?: number;
  symbol: string;
  names?: string[];
  /** Whether values are written ('auto': up to 16x16), and the shape the rule looks at (default rows x cols). */
  write?: ValueLabels | false;
  writeShape?: [number, number];
}

/** A heatmap panel at a placed box: colours per cell from the scale, values written where they fit. */
export function heatPanel(box: Box, c: PanelContent): Panel {
  const shade = c.shade ?? c.values;
  const colBase = c.colBase ?? c.base;
  const labels =
    c.write === false ? undefined : panelLabels({ shape: c.writeShape ?? [c.rows, c.cols] }, c.values, box.cell, c.write ?? 'auto');
  return {
    title: c.title ?? box.title ?? '',
    x: box.x,
    y: box.y,
    rows: c.rows,
    cols: c.cols,
    cell: box.cell,
    rowBase: c.base,
    colBase,
    values: c.values,
    shade,
    colours: shade.map((v) => (v === null ? null : colourAt(c.scale, v))),
    scale: c.scale,
    ...(labels ? { labels } : {}),
    ticks: { rows: axisTicks(c.rows, c.base), cols: axisTicks(c.cols, colBase) },
    symbol: c.symbol,
    ...(c.names ? { names: c.names } : {}),
  };
}

export { scaleOf };
export type { ColourScale };
