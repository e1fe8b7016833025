import type { KernelPayload, MatrixPayload, SignedPayload } from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, MAX_SIDE_WITH_VALUES, cellFor, colouring, plotlyText, rowsOf, themedLayout, valueText } from './common';
import { panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

/** Cells large enough for the values when they are written (up to about 1000 pixels wide). */
function cellSize(cols: number, rows: number, values: boolean): number {
  const cell = cellFor(cols, rows);
  return values ? Math.max(cell, Math.min(22, Math.floor(1000 / cols))) : cell;
}

const wantsValues = (rows: number, cols: number, values = 'auto'): boolean =>
  values === 'show' || (values === 'auto' && rows <= MAX_SIDE_WITH_VALUES && cols <= MAX_SIDE_WITH_VALUES);

/** A colour bar as tall as the panel; none for a panel under 100 pixels, where it would be unreadable (the values are written in the cells). */
function colorbar(theme: Theme, panelHeight: number): Record<string, unknown> {
  if (panelHeight < 100) return { showscale: false };
  return { colorbar: { thickness: 12, len: 1, y: 1, yanchor: 'top', outlinewidth: 0, tickfont: { size: 10, color: theme.foreground } } };
}

/** A matrix heatmap (viridis, or diverging for signed data) or δ (always diverging), with one colour bar. */
export function matrixFigure(p: MatrixPayload | SignedPayload, theme: Theme): Built {
  const [rows, cols] = p.shape;
  const base = p.kind === 'matrix' ? (p.indexBase ?? 0) : 0;
  const cell = cellSize(cols, rows, wantsValues(rows, cols, p.values));
  const { axes, layout } = panelLayout([{ rows, cols, title: '', base }], cell, theme, { colorbar: rows * cell >= 100, margin: { t: 40 } });
  const scale = p.kind === 'signed' ? 'diverging' : p.scale;
  const hover = p.kind === 'signed' ? '%{meta}(%{y},%{x}) = %{z}<extra></extra>' : 'row %{y}, col %{x}: %{z}<extra></extra>';
  const heatmap: Trace = {
    type: 'heatmap',
    z: rowsOf(p),
    x: Array.from({ length: cols }, (_, i) => i + base),
    y: Array.from({ length: rows }, (_, i) => i + base),
    xaxis: axes[0].x,
    yaxis: axes[0].y,
    ...colouring(p.data, scale),
    ...colorbar(theme, rows * cell),
    meta: p.kind === 'signed' ? plotlyText(p.symbol) : '',
    hovertemplate: hover,
    ...valueText(p, cell, p.values),
  };
  return { data: [heatmap], layout: { ...themedLayout(theme, p.title), ...layout }, config: CONFIG };
}

/** A kernel w labelled from 1 (w11 …) with its bias b beside it, on one diverging scale. */
export function kernelFigure(p: KernelPayload, theme: Theme): Built {
  const [rows, cols] = p.shape;
  const cell = cellSize(cols + 2, rows, wantsValues(rows, cols, p.values));
  const withBias = p.bias !== undefined;
  const specs = [{ rows, cols, title: `${p.symbol} (${rows}x${cols})`, base: 1 as const }];
  if (withBias) specs.push({ rows: 1, cols: 1, title: 'b', base: 1 });
  const { axes, layout } = panelLayout(specs, cell, theme, { colorbar: rows * cell >= 100, gap: Math.max(cell, 30) });
  const scale = colouring(withBias ? [...p.data, p.bias as number] : p.data, 'diverging');
  const symbol = plotlyText(p.symbol);
  const joined = rows <= 9 && cols <= 9 ? '%{meta}%{y}%{x}' : '%{meta}%{y},%{x}';
  const data: Trace[] = [
    {
      type: 'heatmap', z: rowsOf(p), x: Array.from({ length: cols }, (_, i) => i + 1), y: Array.from({ length: rows }, (_, i) => i + 1),
      xaxis: axes[0].x, yaxis: axes[0].y, ...scale, ...colorbar(theme, rows * cell), meta: symbol,
      hovertemplate: `${joined} = %{z}<extra></extra>`, ...valueText(p, cell, p.values),
    },
  ];
  if (withBias) {
    const bias = { shape: [1, 1] as [number, number], data: [p.bias as number] };
    data.push({
      type: 'heatmap', z: [[p.bias]], x: [1], y: [1], xaxis: axes[1].x, yaxis: axes[1].y, ...scale, showscale: false,
      hovertemplate: 'b = %{z}<extra></extra>', ...valueText(bias, cell, p.values === 'hide' ? 'hide' : 'show'),
    });
    layout.xaxis2 = { ...(layout.xaxis2 as object), showticklabels: false };
    layout.yaxis2 = { ...(layout.yaxis2 as object), showticklabels: false };
  }
  return { data, layout: { ...themedLayout(theme, p.title), ...layout }, config: CONFIG };
}
