import { LIVE_PANELS, type LivePanel, type LivePayload, formatValue, liveRange, panelSummary, progressText, seriesRole } from '../contract';
import type { Rgb } from './colormap';
import { LINE_HEIGHT, fitText, textWidth } from './font';
import { INK, type Item, MUTED, columnOf, label, mapGrid, rowOf, titled } from './layout';

/** Training solid blue, validation dashed orange with dots (as the interactive view); further curves of a role the next colours. */
const PALETTE: Rgb[] = [[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75], [227, 119, 194], [127, 127, 127]];
const BAR: Rgb = [44, 160, 44];
const TRACK: Rgb = [224, 224, 224];
const FRAME: Rgb = [190, 190, 190];
const GRID: Rgb = [232, 232, 232];
const WIDTH = 640;
const GAP = 24;
/** Room left of a panel's box for its axis values. */
const AXIS = 40;
const BOX = 150;

/** The progress: the status on the left and "step / total (p%)" on the right of one line, then the bar as wide as the picture. */
function progress(p: LivePayload): Item {
  const right = progressText(p);
  const status = p.status ? fitText(p.status, WIDTH - textWidth(right) - 12) : '';
  return {
    w: WIDTH,
    h: LINE_HEIGHT + 12,
    draw(raster, x, y) {
      raster.text(x, y, status, INK);
      raster.text(x + WIDTH - textWidth(right), y, right, INK);
      raster.fill(x, y + LINE_HEIGHT, WIDTH, 10, TRACK);
      raster.fill(x, y + LINE_HEIGHT, Math.round((WIDTH * p.step) / p.total), 10, BAR);
    },
  };
}

function colourOf(p: LivePayload, index: number): { colour: Rgb; dashed: boolean } {
  const s = p.series[index];
  const role = seriesRole(s);
  const k = p.series.slice(0, index).filter((o) => o.panel === s.panel && seriesRole(o) === role).length;
  return { colour: k === 0 ? PALETTE[role === 'training' ? 0 : 1] : PALETTE[(2 + k) % PALETTE.length], dashed: role === 'validation' };
}

/** "—— training   - -•- validation", right-aligned, when there are validation curves. */
function legend(p: LivePayload): Item | undefined {
  if (!p.series.some((s) => seriesRole(s) === 'validation')) return undefined;
  const entries: Array<[string, boolean, Rgb]> = [['training', false, PALETTE[0]], ['validation', true, PALETTE[1]]];
  return {
    w: WIDTH,
    h: LINE_HEIGHT,
    draw(raster, x, y) {
      let left = x + WIDTH - entries.reduce((sum, [name]) => sum + 28 + textWidth(name) + 16, -16);
      for (const [name, dashed, colour] of entries) {
        raster.polyline([[left, y + 5], [left + 22, y + 5]], colour, dashed ? [5, 3] : undefined);
        if (dashed) raster.fill(left + 10, y + 4, 3, 3, colour);
        raster.text(left + 28, y + 1, name, INK);
        left += 28 + textWidth(name) + 16;
      }
    },
  };
}

/** Round values from `lo` to `hi`, 4 to 6 intervals apart (1, 2 or 5 times a power of ten). */
export function niceTicks(lo: number, hi: number): number[] {
  const rough = (hi - lo) / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + 1e-9 * step; k++) ticks.push(Number((k * step).toFixed(digits)));
  return ticks;
}

/** One panel: its header with the latest values, the curves in a box with the range written at its left, and the x range under it. */
function panel(p: LivePayload, which: LivePanel, w: number): Item {
  const [lo, hi] = liveRange(p, which);
  const n = Math.max(2, ...p.series.map((s) => s.values.length));
  const box = { w: w - AXIS, h: BOX };
  const body: Item = {
    w,
    h: BOX + LINE_HEIGHT + 2,
    draw(raster, x, y) {
      const [bx, by] = [x + AXIS, y];
      const at = (i: number, v: number): [number, number] => [bx + 4 + ((box.w - 8) * i) / (n - 1), by + box.h - 1 - ((box.h - 2) * (v - lo)) / (hi - lo)];
      for (const tick of niceTicks(lo, hi)) {
        const [, ty] = at(0, tick);
        const text = formatValue(tick);
        raster.fill(bx, ty, box.w, 1, GRID);
        raster.text(bx - 4 - textWidth(text), Math.min(by + box.h - 7, Math.max(by, ty - 3)), text, MUTED);
      }
      raster.outline(bx, by, box.w, box.h, FRAME);
      p.series.forEach((s, index) => {
        if (s.panel !== which) return;
        const { colour, dashed } = colourOf(p, index);
        const points = s.values.map((v, i) => at(i, v));
        const clip = [bx + 1, by + 1, box.w - 2, box.h - 2];
        raster.polyline(points, colour, dashed ? [5, 3] : undefined, clip);
        const inside = points.filter(([, py]) => py >= by && py <= by + box.h);
        if (dashed || points.length === 1) inside.forEach(([px, py]) => raster.fill(px - 1, py - 1, 3, 3, colour));
      });
      const last = String(n);
      raster.text(bx, by + box.h + 3, '1', MUTED);
      raster.text(bx + box.w - textWidth(last), by + box.h + 3, last, MUTED);
      raster.text(bx + (box.w - textWidth(p.xLabel)) / 2, by + box.h + 3, fitText(p.xLabel, box.w - 40), MUTED);
    },
  };
  return titled(panelSummary(p, which), body);
}

/**
 * The PNG of a live view, the picture GitHub and nbconvert show of a finished run: the title, the
 * status and progress, the bar, the legend, the loss and accuracy panels on the ranges the
 * interactive view uses (`liveRange`), with their latest values, and the current kernels.
 */
export function livePicture(p: LivePayload): Item {
  const half = (WIDTH - GAP) / 2;
  const parts: Item[] = [label(p.title, WIDTH), progress(p)];
  const key = legend(p);
  if (key) parts.push(key);
  parts.push(rowOf(LIVE_PANELS.map((which) => panel(p, which, half)), GAP));
  if (p.kernels) {
    const [k, kh, kw] = p.kernels.shape;
    const across = Math.min(k, Math.max(1, Math.floor(WIDTH / (8 * (kw + 1)))));
    parts.push(titled(`current kernels (${k}x${kh}x${kw})`, mapGrid([1, k, kh, kw], p.kernels.data, { columns: Math.ceil(k / Math.ceil(k / across)), colours: 'diverging' })));
  }
  return columnOf(parts, 8);
}
