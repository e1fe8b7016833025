import type { Layout } from 'plotly.js-cartesian-dist-min';
import type { Theme } from '../theme';
import { plotlyText } from './common';

/** One heatmap panel: its size in cells, its title, and the coordinate of its first row (and column). */
export interface PanelSpec {
  rows: number;
  cols: number;
  title: string;
  /** Coordinate of the first row, and of the first column unless `colBase` is given: 0 or 1 for matrices. */
  base?: number;
  colBase?: number;
  /** Its cells are this many times the shared cell (default 1): a pooled map has cells one window wide. */
  scale?: number;
  /** Row of panels (default 0): panels of one row sit side by side, rows one under the other. */
  row?: number;
  /** Cells left empty before the panel in its row (followed by one gap), e.g. to sit under another panel. */
  indent?: number;
}

/** The axis ids of a panel, as a trace (`xaxis: 'x2'`) and a shape (`xref: 'x2'`) name them. */
export interface Axes {
  x: string;
  y: string;
}

export interface Panels {
  axes: Axes[];
  /** width, height, margins, the axes and the panel titles (annotations). */
  layout: Layout;
}

export interface PanelOptions {
  /** Room on the right for a colour bar. */
  colorbar?: boolean;
  /** Pixels between panels. */
  gap?: number;
  /** Margins in pixels, over the defaults (room for the title, panel titles and tick labels). */
  margin?: Partial<Record<'l' | 'r' | 't' | 'b', number>>;
}

const ROW_GAP = 56;

function marginsOf(opts: PanelOptions): Record<'l' | 'r' | 't' | 'b', number> {
  return { l: 46, r: opts.colorbar ? 80 : 16, t: 58, b: 30, ...opts.margin };
}

/** The panels of each row, by index. */
function panelRows(specs: PanelSpec[]): number[][] {
  const count = Math.max(...specs.map((s) => s.row ?? 0)) + 1;
  return Array.from({ length: count }, (_, r) => specs.map((s, i) => ((s.row ?? 0) === r ? i : -1)).filter((i) => i >= 0));
}

/** What the fitting may do: the room, and the cell sizes it may choose from. */
export interface FitRoom {
  /** Pixels the whole figure may be wide (margins included). */
  width: number;
  /** Largest cell, in pixels. */
  max: number;
  /** Smallest cell an arrangement may use before the next, narrower one is tried. */
  min: number;
  /** Most pixels one row of panels may be tall. */
  rowHeight: number;
}

/**
 * The largest cell at which the panels fit `room`: every row within the width (its panels, indents,
 * gaps and the margins), each row's tallest panel within `rowHeight`, and at most `max`. Whole pixels
 * from 2 up, so that cells line up; a fraction below 2, where only a fraction fits.
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

/**
 * Picks how to lay panels out in the room: the first arrangement (side by side first, then wrapped
 * into more rows) whose cells are at least `room.min` pixels, else the one with the largest cells.
 */
export function fitPanels(arrangements: PanelSpec[][], room: FitRoom, opts: PanelOptions = {}): { specs: PanelSpec[]; cell: number } {
  let best = { specs: arrangements[0], cell: -1 };
  for (const specs of arrangements) {
    const cell = cellToFit(specs, room, opts);
    if (cell >= room.min) return { specs, cell };
    if (cell > best.cell) best = { specs, cell };
  }
  return best;
}

function ticks(n: number, base: number): Record<string, unknown> {
  if (n <= 16) return { tickmode: 'array', tickvals: Array.from({ length: n }, (_, i) => i + base) };
  const step = n <= 40 ? 5 : n <= 100 ? 10 : n <= 400 ? 50 : 100;
  return { tickmode: 'linear', tick0: base, dtick: step };
}

/** A panel title cut to the width it has (about 6.5 pixels a character), the whole title on hover. */
function titleFor(text: string, width: number): { text: string; hovertext?: string } {
  const room = Math.max(4, Math.floor(width / 6.5));
  if (text.length <= room) return { text: plotlyText(text) };
  return { text: plotlyText(`${text.slice(0, room - 1)}…`), hovertext: plotlyText(text) };
}

/**
 * Lays panels out in rows, top-aligned, with square cells of exactly `cell` pixels: each panel's
 * axis domain is computed in pixels rather than left to plotly's autorange, so the cells of every
 * panel line up and the linked highlights fall on cell borders.
 */
export function panelLayout(specs: PanelSpec[], cell: number, theme: Theme, opts: PanelOptions = {}): Panels {
  const gap = opts.gap ?? 40;
  const margin = marginsOf(opts);
  const widths = specs.map((s) => s.cols * (s.scale ?? 1) * cell);
  const heights = specs.map((s) => s.rows * (s.scale ?? 1) * cell);
  const indents = specs.map((s) => (s.indent ? s.indent * cell + gap : 0));
  const inRows = panelRows(specs);
  const rows = inRows.length;
  const rowWidths = inRows.map((row) => row.reduce((sum, i) => sum + indents[i] + widths[i] + gap, -gap));
  const rowHeights = inRows.map((row) => Math.max(...row.map((i) => heights[i])));
  const plotWidth = Math.max(...rowWidths);
  const plotHeight = rowHeights.reduce((a, b) => a + b, 0) + ROW_GAP * (rows - 1);
  const layout: Layout = {
    width: Math.ceil(plotWidth + margin.l + margin.r),
    height: Math.ceil(plotHeight + margin.t + margin.b),
    margin,
    annotations: [],
  };
  const axes: Axes[] = [];
  const left = new Array<number>(rows).fill(0);
  const top = rowHeights.map((_, r) => rowHeights.slice(0, r).reduce((a, b) => a + b + ROW_GAP, 0));
  specs.forEach((s, i) => {
    const n = i === 0 ? '' : String(i + 1);
    const r = s.row ?? 0;
    const base = s.base ?? 0;
    const colBase = s.colBase ?? base;
    left[r] += indents[i];
    const common = { showgrid: false, zeroline: false, showline: false, ticks: '', fixedrange: true, tickfont: { size: 10 }, color: theme.foreground };
    layout[`xaxis${n}`] = {
      ...common,
      ...ticks(s.cols, colBase),
      domain: [left[r] / plotWidth, (left[r] + widths[i]) / plotWidth],
      range: [colBase - 0.5, s.cols - 1 + colBase + 0.5],
      anchor: `y${n}`,
    };
    layout[`yaxis${n}`] = {
      ...common,
      ...ticks(s.rows, base),
      domain: [1 - (top[r] + heights[i]) / plotHeight, 1 - top[r] / plotHeight],
      range: [s.rows - 1 + base + 0.5, base - 0.5],
      anchor: `x${n}`,
    };
    (layout.annotations as unknown[]).push({
      ...titleFor(s.title, widths[i] + gap - 8), showarrow: false, xref: `x${n} domain`, yref: `y${n} domain`, x: 0.5, y: 1,
      xanchor: 'center', yanchor: 'bottom', yshift: 4, font: { size: 12, color: theme.foreground },
    });
    axes.push({ x: `x${n}`, y: `y${n}` });
    left[r] += widths[i] + gap;
  });
  return { axes, layout };
}
