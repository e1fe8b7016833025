import { type GridPayload, formatValue, valueRange } from 'convlab/contract';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, colouring, themedLayout } from './common';
import { panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

/** Where each map sits in the mosaic, in cells: one row per batch item, or c maps wrapped into rows. */
function tiling(p: GridPayload): { cols: number; rows: number; gapRows: number; gapCols: number; cell: number } {
  const [n, c, h, w] = p.shape;
  const cols = n === 1 ? Math.min(c, p.columns ?? Math.ceil(Math.sqrt(c))) : c;
  const rows = Math.ceil((n * c) / cols);
  let cell = 4;
  for (let pass = 0; pass < 2; pass++) {
    const gapRows = Math.max(1, Math.ceil(15 / cell));
    const gapCols = Math.max(1, Math.ceil(8 / cell));
    cell = Math.max(2, Math.min(24, Math.floor(Math.min(900 / (cols * (w + gapCols)), 720 / (rows * (h + gapRows))))));
  }
  return { cols, rows, gapRows: Math.max(1, Math.ceil(15 / cell)), gapCols: Math.max(1, Math.ceil(8 / cell)), cell };
}

/**
 * Feature maps as small multiples in ONE heatmap trace: the maps are laid into a mosaic separated by
 * empty (null) cells, so 20 maps draw as fast as one. Shared scale: the true values and one colour
 * bar. Per-map scale: each map is normalised to its own range ([0, 1], or [−1, 1] when diverging)
 * and the hover text gives the true value.
 */
export function gridFigure(p: GridPayload, theme: Theme): Built {
  const [n, c, h, w] = p.shape;
  const { cols, rows, gapRows, gapCols, cell } = tiling(p);
  const width = cols * (w + gapCols) - gapCols;
  const height = rows * (h + gapRows);
  const z: Array<Array<number | null>> = Array.from({ length: height }, () => new Array<number | null>(width).fill(null));
  const text: string[][] = Array.from({ length: height }, () => new Array<string>(width).fill(''));
  const perMap = p.scale === 'per-map';
  const shared = colouring(p.data, p.colours);
  const diverging = shared.colorscale !== 'Viridis';
  const annotations: unknown[] = [];
  for (let m = 0; m < n * c; m++) {
    const [top, left] = [Math.floor(m / cols) * (h + gapRows) + gapRows, (m % cols) * (w + gapCols)];
    const name = n === 1 ? `c${m}` : `n${Math.floor(m / c)} c${m % c}`;
    const map = p.data.slice(m * h * w, (m + 1) * h * w);
    const { min, max } = valueRange(map);
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    const norm = (v: number): number => (!perMap ? v : diverging ? v / bound : max === min ? 0.5 : (v - min) / (max - min));
    for (let r = 0; r < h; r++) {
      for (let col = 0; col < w; col++) {
        const v = map[r * w + col];
        z[top + r][left + col] = norm(v);
        text[top + r][left + col] = `${name} (${r},${col}): ${formatValue(v)}`;
      }
    }
    annotations.push({
      text: name, showarrow: false, xref: 'x', yref: 'y', x: left - 0.5, y: top - 0.5, xanchor: 'left', yanchor: 'bottom',
      font: { size: 10, color: theme.foreground },
    });
  }
  const { axes, layout } = panelLayout([{ rows: height, cols: width, title: '' }], cell, theme, { colorbar: !perMap, margin: { l: 12, t: 36, b: 12 } });
  const colours = perMap ? { colorscale: shared.colorscale, zmin: diverging ? -1 : 0, zmax: 1, showscale: false } : shared;
  for (const axis of ['xaxis', 'yaxis']) layout[axis] = { ...(layout[axis] as object), showticklabels: false };
  layout.annotations = annotations;
  const subtitle = perMap ? ' · a scale per map' : '';
  return {
    data: [{
      type: 'heatmap', z, text, xaxis: axes[0].x, yaxis: axes[0].y, ...colours, hoverongaps: false,
      hovertemplate: '%{text}<extra></extra>',
      colorbar: { thickness: 12, len: 1, y: 1, yanchor: 'top', outlinewidth: 0, tickfont: { size: 10, color: theme.foreground } },
    }],
    layout: { ...themedLayout(theme, `${p.title}${subtitle}`), ...layout },
    config: CONFIG,
  };
}
