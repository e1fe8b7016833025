import { type KernelPayload, type MatrixPayload, type SignedPayload, type ValueLabels, indexBaseOf, writesValues } from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, MAX_CELL, ROW_HEIGHT, type Room, colouring, plotlyText, rowsOf, themedLayout, valueText, widthOf } from './common';
import { type PanelOptions, type PanelSpec, cellToFit, panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

/** Cells with written values get at least this many pixels, where the width allows. */
const CELL_WITH_VALUES = 22;

/**
 * The cell of a heatmap's panels in the room: the largest that fits (up to 40 pixels, a row at most
 * 520 pixels tall), and with values written, at least 22 pixels wherever the width allows (the
 * height cap gives way to readable values).
 */
function cellSize(specs: PanelSpec[], room: Room, values: boolean, opts: PanelOptions): number {
  const width = widthOf(room);
  const cell = cellToFit(specs, { width, max: MAX_CELL, rowHeight: ROW_HEIGHT }, opts);
  if (!values) return cell;
  return Math.max(cell, cellToFit(specs, { width, max: CELL_WITH_VALUES, rowHeight: Infinity }, opts));
}

/** A colour bar as tall as the panel; none for a panel under 100 pixels, where it would be unreadable (the values are written in the cells). */
function colorbar(theme: Theme, panelHeight: number): Record<string, unknown> {
  if (panelHeight < 100) return { showscale: false };
  return { colorbar: { thickness: 12, len: 1, y: 1, yanchor: 'top', outlinewidth: 0, tickfont: { size: 10, color: theme.foreground } } };
}

const numbered = (n: number, base: number): number[] => Array.from({ length: n }, (_, i) => i + base);

/** A matrix heatmap (viridis, or diverging for signed data) or δ (always diverging), with one colour bar. */
export function matrixFigure(p: MatrixPayload | SignedPayload, theme: Theme, room: Room = {}): Built {
  const [rows, cols] = p.shape;
  const base = indexBaseOf(p);
  const specs: PanelSpec[] = [{ rows, cols, title: '', base }];
  // The room for a colour bar is kept while fitting; a panel too short for one gives it back.
  const cell = cellSize(specs, room, writesValues(p, p.values), { colorbar: true, margin: { t: 40 } });
  const { axes, layout } = panelLayout(specs, cell, theme, { colorbar: rows * cell >= 100, margin: { t: 40 } });
  const scale = p.kind === 'signed' ? 'diverging' : p.scale;
  const hover = p.kind === 'signed' ? '%{meta}(%{y},%{x}) = %{z}<extra></extra>' : 'row %{y}, col %{x}: %{z}<extra></extra>';
  const heatmap: Trace = {
    type: 'heatmap',
    z: rowsOf(p),
    x: numbered(cols, base),
    y: numbered(rows, base),
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

/** A kernel w labelled from 1 (w11 …, or from 0 with indexBase 0) with its bias b beside it, on one diverging scale. */
export function kernelFigure(p: KernelPayload, theme: Theme, room: Room = {}): Built {
  const [rows, cols] = p.shape;
  const base = indexBaseOf(p);
  const withBias = p.bias !== undefined;
  const specs: PanelSpec[] = [{ rows, cols, title: `${p.symbol} (${rows}x${cols})`, base }];
  if (withBias) specs.push({ rows: 1, cols: 1, title: 'b', base });
  const opts = { gap: 36 };
  const cell = cellSize(specs, room, writesValues(p, p.values), { ...opts, colorbar: true });
  const { axes, layout } = panelLayout(specs, cell, theme, { ...opts, colorbar: rows * cell >= 100 });
  const scale = colouring(withBias ? [...p.data, p.bias as number] : p.data, 'diverging');
  const symbol = plotlyText(p.symbol);
  const joined = rows - 1 + base <= 9 && cols - 1 + base <= 9 ? '%{meta}%{y}%{x}' : '%{meta}%{y},%{x}';
  const data: Trace[] = [
    {
      type: 'heatmap', z: rowsOf(p), x: numbered(cols, base), y: numbered(rows, base),
      xaxis: axes[0].x, yaxis: axes[0].y, ...scale, ...colorbar(theme, rows * cell), meta: symbol,
      hovertemplate: `${joined} = %{z}<extra></extra>`, ...valueText(p, cell, p.values),
    },
  ];
  if (withBias) {
    const bias = { shape: [1, 1] as [number, number], data: [p.bias as number] };
    const values: ValueLabels = p.values === 'hide' ? 'hide' : 'show';
    data.push({
      type: 'heatmap', z: [[p.bias]], x: [base], y: [base], xaxis: axes[1].x, yaxis: axes[1].y, ...scale, showscale: false,
      hovertemplate: 'b = %{z}<extra></extra>', ...valueText(bias, cell, values),
    });
    layout.xaxis2 = { ...(layout.xaxis2 as object), showticklabels: false };
    layout.yaxis2 = { ...(layout.yaxis2 as object), showticklabels: false };
  }
  return { data, layout: { ...themedLayout(theme, p.title), ...layout }, config: CONFIG };
}
