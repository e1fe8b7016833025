import type { LivePayload, LiveSeries } from '../contract';
import { type Room, emptyScene, widthOf } from './build';
import { ticksOf } from './colour';
import { describePayload } from './describe';
import { LIVE_PANELS, liveRange, panelSummary, progressText, seriesRole } from './live';
import { fitText, heatPanel, scaleOf } from './panels';
import type { Curve, Scene } from './scene';

/** Widest a live view gets; in a narrower output it takes the width there is. */
const MAX_WIDTH = 760;
const MARGIN = { l: 56, r: 16, t: 40 };
/** Training curves solid blue, validation curves dashed orange with dots, in both panels; further curves of a role take the next colours. */
export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const BAR_COLOUR = '#2ca02c';
const TRACK = '#e0e0e0';
const LINE = 20;
const BAR = 14;
const HEADER = 22;
const PANEL = 180;
/** Below a panel: its tick labels and axis title. */
const AXIS = 44;
const MIN_PANEL = 230;
const PANEL_GAP = 64;
/** Pixels per character of 12 px text. */
const CHAR = 6.8;

/** Colour, dash and legend entry of each curve: by role (training, validation), the same in both panels. */
function curves(series: LiveSeries[]): Array<Omit<Curve, 'plot' | 'ys' | 'name'>> {
  const seen = new Set<string>();
  const count = new Map<string, number>();
  return series.map((s) => {
    const role = seriesRole(s);
    const key = `${s.panel}/${role}`;
    const k = count.get(key) ?? 0;
    count.set(key, k + 1);
    const legend = k === 0 ? role : s.name;
    const showLegend = !seen.has(legend);
    seen.add(legend);
    const dashed = role === 'validation';
    return {
      colour: k === 0 ? PALETTE[role === 'training' ? 0 : 1] : PALETTE[(2 + k) % PALETTE.length],
      dashed,
      dots: dashed || s.values.length === 1,
      legend,
      showLegend,
    };
  });
}

/**
 * Training progress: the title, a status line with the progress label, a progress bar as wide as the
 * curves, the loss and accuracy plots (side by side, or stacked in a narrow output) with their latest
 * values in their headers, and the current kernels on one diverging scale. Rows have fixed pixel
 * heights for a given width, so that an update replaces the figure without the output jumping.
 */
export function liveScene(p: LivePayload, room: Room): Scene {
  const width = Math.min(MAX_WIDTH, widthOf(room));
  const plotWidth = width - MARGIN.l - MARGIN.r;
  const sideBySide = plotWidth >= 2 * MIN_PANEL + PANEL_GAP;
  const styles = curves(p.series);
  const legend = styles.filter((s) => s.showLegend).length > 1;
  const panelsTop = LINE + BAR + (legend ? 28 : 12);
  const panelWidth = sideBySide ? (plotWidth - PANEL_GAP) / 2 : plotWidth;
  const panelAt = (i: number) => ({
    left: sideBySide ? i * (panelWidth + PANEL_GAP) : 0,
    top: panelsTop + (sideBySide ? 0 : i * (HEADER + PANEL + AXIS)),
  });
  const kernelsTop = panelAt(sideBySide ? 0 : 1).top + HEADER + PANEL + AXIS;
  let mosaic: { rows: number; cols: number; values: Array<number | null>; cell: number } | undefined;
  if (p.kernels) {
    const [k, kh, kw] = p.kernels.shape;
    const across = Math.ceil(k / Math.ceil(k / Math.max(1, Math.min(16, Math.floor(plotWidth / (10 * (kw + 1)))))));
    const [rows, cols] = [Math.ceil(k / across) * (kh + 1) - 1, across * (kw + 1) - 1];
    const values = new Array<number | null>(rows * cols).fill(null);
    for (let m = 0; m < k; m++) {
      const [top, left] = [Math.floor(m / across) * (kh + 1), (m % across) * (kw + 1)];
      for (let r = 0; r < kh; r++)
        for (let c = 0; c < kw; c++) values[(top + r) * cols + left + c] = p.kernels.data[m * kh * kw + r * kw + c];
    }
    mosaic = { rows, cols, values, cell: Math.max(2, Math.min(14, Math.floor(plotWidth / cols))) };
  }
  const plotHeight = mosaic ? kernelsTop + HEADER + mosaic.rows * mosaic.cell : kernelsTop - AXIS + 36;
  const s = emptyScene(width, plotHeight + MARGIN.t + 8, describePayload(p));
  const [x0, y0] = [MARGIN.l, MARGIN.t];
  const progress = progressText(p);
  s.labels.push({ x: x0 + plotWidth, y: y0 + LINE - 4, text: progress, size: 12, anchor: 'end', tone: 'ink' });
  if (p.status)
    s.labels.push({
      x: x0,
      y: y0 + LINE - 4,
      size: 12,
      anchor: 'start',
      tone: 'ink',
      ...fitText(p.status, plotWidth - (progress.length + 2) * CHAR, CHAR),
    });
  s.boxes.push(
    { x: x0, y: y0 + LINE, width: plotWidth, height: BAR, fill: TRACK },
    { x: x0, y: y0 + LINE, width: (plotWidth * p.step) / p.total, height: BAR, fill: BAR_COLOUR },
  );
  if (legend) s.legend = { x: x0 + plotWidth, y: y0 + LINE + BAR + 4 };
  const n = Math.max(1, ...p.series.map((c) => c.values.length));
  LIVE_PANELS.forEach((panel, i) => {
    const { left, top } = panelAt(i);
    const yRange = liveRange(p, panel);
    const xTicks = n <= 12 ? Array.from({ length: Math.max(2, n) }, (_, k) => k + 1) : ticksOf(1, n, 6).filter(Number.isInteger);
    s.plots.push({
      x: x0 + left,
      y: y0 + top + HEADER,
      width: panelWidth,
      height: PANEL,
      xRange: [0.7, Math.max(2, n) + 0.3],
      yRange,
      xTicks,
      yTicks: ticksOf(yRange[0], yRange[1], 6),
      xLabel: p.xLabel,
    });
    s.labels.push({
      x: x0 + left,
      y: y0 + top + HEADER - 5,
      size: 12,
      anchor: 'start',
      tone: 'ink',
      ...fitText(panelSummary(p, panel), panelWidth, CHAR),
    });
  });
  p.series.forEach((c, i) => s.curves.push({ plot: c.panel === 'loss' ? 0 : 1, name: c.name, ys: c.values, ...styles[i] }));
  if (mosaic && p.kernels) {
    const box = { x: x0, y: y0 + kernelsTop + HEADER, cell: mosaic.cell };
    s.labels.push({ x: x0, y: box.y - 5, text: `current kernels (${p.kernels.shape.join('x')})`, size: 11, anchor: 'start', tone: 'ink' });
    const panel = heatPanel(box, {
      rows: mosaic.rows,
      cols: mosaic.cols,
      values: mosaic.values,
      scale: scaleOf(p.kernels.data, 'diverging'),
      base: 0,
      symbol: '',
      write: false,
    });
    s.panels.push({ ...panel, ticks: { rows: [], cols: [] } });
  }
  return s;
}
