import type { GridPayload } from '../contract';
import { type Room, barBeside, emptyScene, widthOf } from './build';
import { describePayload } from './describe';
import { cellName, indexBaseOf, panelName } from './labels';
import { fitText, heatPanel, placePanels, scaleOf } from './panels';
import { valueRange } from './range';
import type { Scene } from './scene';

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

/** Margins of the mosaic (right: a colour bar needs 80 pixels). */
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

/**
 * Feature maps as small multiples in ONE mosaic panel, the maps separated by empty cells (so 20 maps
 * draw as fast as one), each named by its channel's label or c1, c2, … over its top-left corner.
 * Shared scale: the true values and one colour bar. Per-map scale: each map shaded on its own range
 * ([0, 1], or [−1, 1] when diverging); the values and hover text stay the true ones.
 */
export function gridScene(p: GridPayload, room: Room): Scene {
  const [n, c, h, w] = p.shape;
  const base = indexBaseOf(p);
  const { cols, rows, gapRows, gapCols, cell } = gridTiling(p, widthOf(room));
  const [width, height] = [cols * (w + gapCols) - gapCols, rows * (h + gapRows)];
  const values: Array<number | null> = new Array<number | null>(width * height).fill(null);
  const shade = values.slice();
  const names = new Array<string>(width * height).fill('');
  const perMap = p.scale === 'per-map';
  const shared = scaleOf(p.data, p.colours);
  const diverging = shared.kind === 'diverging';
  const spots: Array<{ top: number; left: number; name: string }> = [];
  for (let m = 0; m < n * c; m++) {
    const [top, left] = [Math.floor(m / cols) * (h + gapRows) + gapRows, (m % cols) * (w + gapCols)];
    const name = panelName(p, m);
    const { min, max } = valueRange(p.data.slice(m * h * w, (m + 1) * h * w));
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    const norm = (v: number): number => (!perMap ? v : diverging ? v / bound : max === min ? 0.5 : (v - min) / (max - min));
    for (let r = 0; r < h; r++) {
      for (let col = 0; col < w; col++) {
        const v = p.data[m * h * w + r * w + col];
        const at = (top + r) * width + left + col;
        values[at] = v;
        shade[at] = norm(v);
        names[at] = `${name} ${cellName(r, col, base)}`;
      }
    }
    spots.push({ top, left, name });
  }
  const { l, t, b } = margins(!perMap);
  const placed = placePanels([{ rows: height, cols: width, title: '' }], cell, { colorbar: !perMap, margin: { l, t, b } });
  const scale = perMap ? { kind: shared.kind, min: diverging ? -1 : 0, max: 1 } : shared;
  const panel = {
    ...heatPanel(placed.boxes[0], {
      title: p.title,
      rows: height,
      cols: width,
      values,
      shade,
      scale,
      base: 0,
      symbol: '',
      names,
      write: false,
    }),
    ticks: { rows: [], cols: [] },
    tiles: spots.map(({ top, left, name }) => ({ name, top, left, rows: h, cols: w })),
  };
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.panels.push(panel);
  for (const { top, left, name } of spots) {
    s.labels.push({
      x: panel.x + left * cell,
      y: panel.y + top * cell - 3,
      size: 10,
      anchor: 'start',
      tone: 'ink',
      ...fitText(name, (w + gapCols) * cell - 4, 6),
    });
  }
  if (!perMap) s.bars.push(...barBeside(panel, shared));
  return s;
}
