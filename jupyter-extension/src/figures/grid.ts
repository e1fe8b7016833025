import { type GridPayload, cellName, formatValue, indexBaseOf, panelName, valueRange } from 'convlab/contract';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, type Room, colouring, plotlyText, themedLayout, widthOf } from './common';
import { panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

/** Where the maps sit in the mosaic: columns and rows of maps, empty cells between them, and the cell size in pixels. */
export interface Tiling {
  cols: number;
  rows: number;
  gapRows: number;
  gapCols: number;
  cell: number;
}

/** Largest cell of a map, and most pixels the mosaic is tall. */
const MAX_CELL = 24;
const MAX_HEIGHT = 720;

/** Margins of the mosaic (left and right: a colour bar needs 80 pixels). */
const margins = (colorbar: boolean) => ({ l: 12, r: colorbar ? 80 : 16, t: 36, b: 12 });

/**
 * The tiling of `count` maps of h x w in `cols` columns within `width` pixels: the largest cell
 * (≤ 24 pixels, the mosaic ≤ 720 pixels tall), with at least 15 pixels between rows of maps (room
 * for their labels) and 8 between columns.
 */
export function tilingFor(count: number, h: number, w: number, cols: number, width: number, colorbar: boolean): Tiling {
  const rows = Math.ceil(count / cols);
  const { l, r } = margins(colorbar);
  const gaps = (cell: number) => ({ gapRows: Math.max(1, Math.ceil(15 / cell)), gapCols: Math.max(1, Math.ceil(8 / cell)) });
  let cell = 4;
  for (let pass = 0; pass < 2; pass++) {
    const { gapRows, gapCols } = gaps(cell);
    const across = (width - l - r) / (cols * (w + gapCols) - gapCols);
    cell = Math.max(2, Math.min(MAX_CELL, Math.floor(Math.min(across, MAX_HEIGHT / (rows * (h + gapRows))))));
  }
  return { cols, rows, cell, ...gaps(cell) };
}

/**
 * The tiling of a grid payload: one row per batch item; for one item, `columns` maps a row when
 * given, else the number of columns that gives the largest maps in the width (more columns on a tie).
 */
export function gridTiling(p: GridPayload, width: number): Tiling {
  const [n, c, h, w] = p.shape;
  const colorbar = p.scale !== 'per-map';
  if (n > 1) return tilingFor(n * c, h, w, c, width, colorbar);
  if (p.columns !== undefined) return tilingFor(c, h, w, Math.min(c, p.columns), width, colorbar);
  let best = tilingFor(c, h, w, 1, width, colorbar);
  for (let cols = 2; cols <= c; cols++) {
    const tiling = tilingFor(c, h, w, cols, width, colorbar);
    if (tiling.cell >= best.cell) best = tiling;
  }
  return best;
}

/** A panel label cut to the pixels it has (about 6 a character), the whole label on hover. */
function labelFor(text: string, width: number): { text: string; hovertext?: string } {
  const room = Math.max(3, Math.floor(width / 6));
  if (text.length <= room) return { text: plotlyText(text) };
  return { text: plotlyText(`${text.slice(0, room - 1)}…`), hovertext: plotlyText(text) };
}

/**
 * Feature maps as small multiples in ONE heatmap trace: the maps are laid into a mosaic separated by
 * empty (null) cells, so 20 maps draw as fast as one. Shared scale: the true values and one colour
 * bar. Per-map scale: each map is normalised to its own range ([0, 1], or [−1, 1] when diverging)
 * and the hover text gives the true value. Each map is named by its channel's label, or c1, c2, …
 */
export function gridFigure(p: GridPayload, theme: Theme, room: Room = {}): Built {
  const [n, c, h, w] = p.shape;
  const base = indexBaseOf(p);
  const { cols, rows, gapRows, gapCols, cell } = gridTiling(p, widthOf(room));
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
    const name = panelName(p, m);
    const hoverName = plotlyText(name);
    const map = p.data.slice(m * h * w, (m + 1) * h * w);
    const { min, max } = valueRange(map);
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    const norm = (v: number): number => (!perMap ? v : diverging ? v / bound : max === min ? 0.5 : (v - min) / (max - min));
    for (let r = 0; r < h; r++) {
      for (let col = 0; col < w; col++) {
        const v = map[r * w + col];
        z[top + r][left + col] = norm(v);
        text[top + r][left + col] = `${hoverName} ${cellName(r, col, base)}: ${formatValue(v)}`;
      }
    }
    annotations.push({
      ...labelFor(name, (w + gapCols) * cell - 4), showarrow: false, xref: 'x', yref: 'y', x: left - 0.5, y: top - 0.5, xanchor: 'left', yanchor: 'bottom',
      font: { size: 10, color: theme.foreground },
    });
  }
  const { l, t, b } = margins(!perMap);
  const { axes, layout } = panelLayout([{ rows: height, cols: width, title: '' }], cell, theme, { colorbar: !perMap, margin: { l, t, b } });
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
