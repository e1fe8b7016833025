import type { KernelPayload, MatrixPayload, SignedPayload } from '../contract';
import { type Room, barBeside, emptyScene, widthOf } from './build';
import { describePayload } from './describe';
import { indexBaseOf, writesValues } from './labels';
import { MAX_CELL, type PanelOptions, type PanelSpec, ROW_HEIGHT, cellToFit, heatPanel, placePanels, scaleOf } from './panels';
import type { Scene } from './scene';

/** Cells with written values get at least this many pixels, where the width allows. */
const CELL_WITH_VALUES = 22;

/**
 * The cell of a heatmap's panels in the room: the largest that fits (up to 40 pixels, a row at most
 * 520 pixels tall), and with values written at least 22 pixels wherever the width allows (the
 * height cap gives way to readable values).
 */
function cellSize(specs: PanelSpec[], room: Room, values: boolean, opts: PanelOptions): number {
  const width = widthOf(room);
  const cell = cellToFit(specs, { width, max: MAX_CELL, rowHeight: ROW_HEIGHT }, opts);
  if (!values) return cell;
  return Math.max(cell, cellToFit(specs, { width, max: CELL_WITH_VALUES, rowHeight: Infinity }, opts));
}

/** A matrix (viridis, or diverging for signed data) or δ (always diverging), with a colour bar when tall enough. */
export function matrixScene(p: MatrixPayload | SignedPayload, room: Room): Scene {
  const [rows, cols] = p.shape;
  const base = indexBaseOf(p);
  const specs: PanelSpec[] = [{ rows, cols, title: '', base }];
  const margin = { t: 40 };
  // The room for a colour bar is kept while fitting; a panel too short for one gives it back.
  const cell = cellSize(specs, room, writesValues(p, p.values), { colorbar: true, margin });
  const placed = placePanels(specs, cell, { colorbar: rows * cell >= 100, margin });
  const scale = scaleOf(p.data, p.kind === 'signed' ? 'diverging' : p.scale);
  const panel = heatPanel(placed.boxes[0], {
    title: p.title,
    rows,
    cols,
    values: p.data,
    scale,
    base,
    symbol: p.kind === 'signed' ? p.symbol : '',
    write: p.values,
  });
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.panels.push(panel);
  s.bars.push(...barBeside(panel, scale));
  return s;
}

/** A kernel w labelled from 1 (w11 …, or from 0 with indexBase 0) with its bias b beside it, on one diverging scale. */
export function kernelScene(p: KernelPayload, room: Room): Scene {
  const [rows, cols] = p.shape;
  const base = indexBaseOf(p);
  const specs: PanelSpec[] = [{ rows, cols, title: `${p.symbol} (${rows}x${cols})`, base }];
  if (p.bias !== undefined) specs.push({ rows: 1, cols: 1, title: 'b', base });
  const gap = 36;
  const cell = cellSize(specs, room, writesValues(p, p.values), { gap, colorbar: true });
  const placed = placePanels(specs, cell, { gap, colorbar: rows * cell >= 100 });
  const scale = scaleOf(p.bias === undefined ? p.data : [...p.data, p.bias], 'diverging');
  const joined = rows - 1 + base <= 9 && cols - 1 + base <= 9;
  const names = p.data.map((_, i) => {
    const [r, c] = [Math.floor(i / cols) + base, (i % cols) + base];
    return joined ? `${p.symbol}${r}${c}` : `${p.symbol}${r},${c}`;
  });
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  const kernel = heatPanel(placed.boxes[0], { rows, cols, values: p.data, scale, base, symbol: p.symbol, names, write: p.values });
  s.panels.push(kernel);
  if (p.bias !== undefined) {
    const bias = heatPanel(placed.boxes[1], {
      rows: 1,
      cols: 1,
      values: [p.bias],
      scale,
      base,
      symbol: 'b',
      names: ['b'],
      write: p.values === 'hide' ? 'hide' : 'show',
    });
    s.panels.push({ ...bias, ticks: { rows: [], cols: [] } });
  }
  // The bar sits right of the last panel.
  const last = s.panels[s.panels.length - 1];
  s.bars.push(
    ...barBeside({ ...kernel, x: last.x + (last.cols - kernel.cols) * kernel.cell }, scale).map((b) => ({
      ...b,
      x: Math.max(b.x, last.x + last.cols * last.cell + 14),
    })),
  );
  return s;
}
