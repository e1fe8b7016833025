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
  /** Cells per panel side: by default every panel uses the shared cell size; pooled maps may use larger cells. */
  cell?: number;
  /** Row of panels (default 0): panels of one row sit side by side, rows one under the other. */
  row?: number;
  /** Pixels left empty before the panel in its row. */
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
  const rowGap = 56;
  const margin = { l: 46, r: opts.colorbar ? 80 : 16, t: 58, b: 30, ...opts.margin };
  const widths = specs.map((s) => s.cols * (s.cell ?? cell));
  const heights = specs.map((s) => s.rows * (s.cell ?? cell));
  const rows = Math.max(...specs.map((s) => s.row ?? 0)) + 1;
  const inRow = (r: number): number[] => specs.map((s, i) => ((s.row ?? 0) === r ? i : -1)).filter((i) => i >= 0);
  const rowWidths = Array.from({ length: rows }, (_, r) => inRow(r).reduce((sum, i) => sum + (specs[i].indent ?? 0) + widths[i] + gap, -gap));
  const rowHeights = Array.from({ length: rows }, (_, r) => Math.max(...inRow(r).map((i) => heights[i])));
  const plotWidth = Math.max(...rowWidths);
  const plotHeight = rowHeights.reduce((a, b) => a + b, 0) + rowGap * (rows - 1);
  const layout: Layout = {
    width: plotWidth + margin.l + margin.r,
    height: plotHeight + margin.t + margin.b,
    margin,
    annotations: [],
  };
  const axes: Axes[] = [];
  const left = new Array<number>(rows).fill(0);
  const top = rowHeights.map((_, r) => rowHeights.slice(0, r).reduce((a, b) => a + b + rowGap, 0));
  specs.forEach((s, i) => {
    const n = i === 0 ? '' : String(i + 1);
    const r = s.row ?? 0;
    const base = s.base ?? 0;
    const colBase = s.colBase ?? base;
    left[r] += s.indent ?? 0;
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
