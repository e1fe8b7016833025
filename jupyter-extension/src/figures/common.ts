import { type ColourScale, type Plane, type ValueLabels, formatValue, valueRange, writesValues } from 'convlab/contract';
import type { Config, Layout, Trace } from 'plotly.js-cartesian-dist-min';
import type { Theme } from '../theme';

/** A shape of layout.shapes (a rectangle or line in one panel's data coordinates). */
export type Shape = Record<string, unknown>;

/** ColorBrewer RdBu reversed (blue negative, white zero, red positive), colour-blind safe; the PNG fallback uses the same anchors. */
export const DIVERGING: Array<[number, string]> = [
  [0, '#053061'], [0.1, '#2166ac'], [0.2, '#4393c3'], [0.3, '#92c5de'], [0.4, '#d1e5f0'], [0.5, '#f7f7f7'],
  [0.6, '#fddbc7'], [0.7, '#f4a582'], [0.8, '#d6604d'], [0.9, '#b2182b'], [1, '#67001f'],
];

export { MAX_SIDE_WITH_VALUES } from 'convlab/contract';

/** Cells narrower than this never get values written in them, not even with `values: 'show'`: the text would not be readable. */
export const MIN_CELL_WITH_VALUES = 10;

/** The width a figure is laid out for when the renderer could not measure its output (not yet attached). */
export const DEFAULT_WIDTH = 860;

/** What a figure builder may use: the pixels the output has across. */
export interface Room {
  /** Width of the output in pixels (default DEFAULT_WIDTH). */
  width?: number;
}

/** The width to lay out for: the measured one, at least 240 pixels, or the default. */
export const widthOf = (room: Room): number => Math.max(240, room.width ?? DEFAULT_WIDTH);

/**
 * Plotly interprets a subset of HTML in titles and text; escaping makes every payload string
 * display as the literal text it is.
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Colour settings of a heatmap: the scale and a range (symmetric about zero for diverging). */
export function colouring(data: number[], scale?: ColourScale): { colorscale: unknown; zmin: number; zmax: number } {
  const { min, max, signed } = valueRange(data);
  if (scale === 'diverging' || (scale === undefined && signed)) {
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return { colorscale: DIVERGING, zmin: -bound, zmax: bound };
  }
  return { colorscale: 'Viridis', zmin: min, zmax: max === min ? min + 1 : max };
}

/** The rows of a plane, as plotly's z. */
export function rowsOf(plane: Plane): number[][] {
  const [rows, cols] = plane.shape;
  return Array.from({ length: rows }, (_, r) => plane.data.slice(r * cols, (r + 1) * cols));
}

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

/**
 * Labels that fit their cells: each value with as many digits as fit, in one font size for the whole
 * panel (that of its longest label), or undefined when they would be unreadable (with 'show', the
 * smallest font is forced down to cells of MIN_CELL_WITH_VALUES pixels).
 */
export function cellLabels(data: number[], cell: number, values: ValueLabels): { labels: string[]; size: number } | undefined {
  const width = (chars: number, font: number): number => chars * font * 0.62 + 4;
  let font = valueFont(cell);
  if (cell < MIN_CELL_WITH_VALUES || (font === 0 && values !== 'show')) return undefined;
  font ||= 6;
  const maxChars = Math.max(3, Math.floor((cell - 4) / (font * 0.62)));
  const labels = data.map((v) => shortest(v, maxChars));
  const longest = Math.max(...labels.map((t) => t.length));
  while (font > 6 && width(longest, font) > cell) font--;
  if (width(longest, font) > cell && values !== 'show') return undefined;
  return { labels, size: font };
}

/**
 * Text settings that write each value into its cell, when asked ('show') or small enough ('auto'),
 * as `writesValues` rules for the fallbacks too, and the cells are large enough to read them.
 */
export function valueText(plane: Plane, cell: number, values: ValueLabels = 'auto'): Trace {
  const [rows, cols] = plane.shape;
  if (!writesValues(plane, values)) return {};
  const fit = cellLabels(plane.data, cell, values);
  if (!fit) return {};
  const text = Array.from({ length: rows }, (_, r) => fit.labels.slice(r * cols, (r + 1) * cols));
  return { text, texttemplate: '%{text}', textfont: { size: fit.size } };
}

/** Largest cell of a heatmap, in pixels. */
export const MAX_CELL = 40;

/** Most pixels one row of panels is tall. */
export const ROW_HEIGHT = 520;

/** Smallest cell a linked view keeps its panels side by side with, before it wraps them into rows. */
export const MIN_LINKED_CELL = 8;

/** Layout defaults that follow the JupyterLab theme. */
export function themedLayout(theme: Theme, title: string): Layout {
  return {
    title: { text: plotlyText(title), font: { size: 14 }, x: 0, xanchor: 'left', xref: 'paper', y: 1, yref: 'container', yanchor: 'top', pad: { t: 6 } },
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    font: { family: theme.font, color: theme.foreground, size: 11 },
    hoverlabel: { font: { family: theme.font } },
    showlegend: false,
  };
}

/** Config of every view: no mode bar, no zoom by scrolling; hover stays. */
export const CONFIG: Config = { displaylogo: false, displayModeBar: false, responsive: false, scrollZoom: false };

/** A rectangle around cells [r0..r1] x [c0..c1] (0-based) of a panel whose coordinates start at `base`. */
export function cellRect(axes: { x: string; y: string }, r0: number, c0: number, r1: number, c1: number, base: number, style: Record<string, unknown>): Shape {
  return {
    type: 'rect', xref: axes.x, yref: axes.y, layer: 'above',
    x0: c0 + base - 0.5, x1: c1 + base + 0.5, y0: r0 + base - 0.5, y1: r1 + base + 0.5,
    ...style,
  };
}

/** A highlight readable on any colour of both scales: a dark frame with a light one inside. */
export function highlight(axes: { x: string; y: string }, r0: number, c0: number, r1: number, c1: number, base: number): Shape[] {
  return [
    cellRect(axes, r0, c0, r1, c1, base, { line: { color: '#000000', width: 5 } }),
    cellRect(axes, r0, c0, r1, c1, base, { line: { color: '#ffffff', width: 2 } }),
  ];
}
