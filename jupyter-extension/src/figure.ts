import { valueRange, type MatrixPayload, type Payload } from 'convlab/contract';
import type { Config, Layout, Trace } from 'plotly.js-cartesian-dist-min';
import type { Theme } from './theme';

/** What plotly draws for one payload, plus the text alternative for screen readers. */
export interface Figure {
  data: Trace[];
  layout: Layout;
  config: Config;
  label: string;
}

/** Largest matrix side for which each cell's value is written inside it. */
export const MAX_SIDE_WITH_VALUES = 16;

// ColorBrewer RdBu reversed (blue negative, red positive), colour-blind safe; the same anchors as the PNG fallback.
const DIVERGING: Array<[number, string]> = [
  [0, '#053061'], [0.1, '#2166ac'], [0.2, '#4393c3'], [0.3, '#92c5de'], [0.4, '#d1e5f0'], [0.5, '#f7f7f7'],
  [0.6, '#fddbc7'], [0.7, '#f4a582'], [0.8, '#d6604d'], [0.9, '#b2182b'], [1, '#67001f'],
];

/**
 * Plotly interprets a subset of HTML in titles and text; escaping makes every payload string
 * display as the literal text it is.
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(3);
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function matrixFigure(p: MatrixPayload, theme: Theme): Figure {
  const [rows, cols] = p.shape;
  const z: number[][] = [];
  for (let r = 0; r < rows; r++) z.push(p.data.slice(r * cols, (r + 1) * cols));
  const { min, max, signed } = valueRange(p.data);
  const withValues = rows <= MAX_SIDE_WITH_VALUES && cols <= MAX_SIDE_WITH_VALUES;
  const heatmap: Trace = {
    type: 'heatmap',
    z,
    zmin: min,
    zmax: max === min ? min + 1 : max,
    colorscale: signed ? DIVERGING : 'Viridis',
    hovertemplate: 'row %{y}, col %{x}: %{z}<extra></extra>',
    ...(withValues ? { texttemplate: '%{z:.3g}', textfont: { size: rows > 8 ? 9 : 12 } } : {}),
  };
  const [lo, hi] = extent(p.data);
  const side = Math.min(420, Math.max(220, 28 * Math.max(rows, cols)));
  return {
    data: [heatmap],
    layout: {
      title: { text: plotlyText(p.title), font: { size: 13 } },
      width: side + 90,
      height: side + 50,
      margin: { l: 40, r: 10, t: 36, b: 24 },
      paper_bgcolor: theme.background,
      plot_bgcolor: theme.background,
      font: { family: theme.font, color: theme.foreground },
      xaxis: { constrain: 'domain', showgrid: false, zeroline: false, side: 'top', ticks: '' },
      yaxis: { autorange: 'reversed', scaleanchor: 'x', showgrid: false, zeroline: false, ticks: '' },
    },
    config: { displaylogo: false, responsive: false },
    label: `matrix "${p.title}", shape ${rows}x${cols}, min ${formatNumber(lo)}, max ${formatNumber(hi)}`,
  };
}

/** Builds the plotly figure of a validated payload. Pure: no DOM, testable in Node. */
export function buildFigure(payload: Payload, theme: Theme): Figure {
  switch (payload.kind) {
    case 'matrix':
      return matrixFigure(payload, theme);
  }
}
