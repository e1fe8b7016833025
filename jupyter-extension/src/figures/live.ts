import { type LivePanel, type LivePayload, type LiveSeries, liveRange, panelSummary, progressText, seriesRole, valueRange } from 'convlab/contract';
import type { Layout, Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, DIVERGING, type Room, plotlyText, themedLayout, widthOf } from './common';

type Built = Omit<Figure, 'label'>;

/** Widest a live view gets; in a narrower output it takes the width there is. */
const MAX_WIDTH = 760;
const MARGIN = { l: 56, r: 16, t: 40, b: 8 };
/** Training curves solid blue, validation curves dashed orange with dots, in both panels; further curves of a role take the next colours. */
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const BAR_COLOUR = '#2ca02c';
/** Pixel rows of the plot area, from its top. */
const LINE = 20;
const BAR = 14;
const HEADER = 22;
const PANEL = 180;
/** Below a panel: its tick labels and axis title. */
const AXIS = 44;
/** Narrowest a curve panel gets side by side; in a narrower output the panels stack. */
const MIN_PANEL = 230;
const PANEL_GAP = 64;
/** Pixels per character of 12 px text, for fitting the status line and the panel headers. */
const CHAR = 6.8;

/** Text cut to `chars` characters with an ellipsis, the whole of it on hover. */
function fitted(text: string, chars: number): { text: string; hovertext?: string } {
  if (text.length <= chars) return { text: plotlyText(text) };
  return { text: plotlyText(`${text.slice(0, Math.max(1, chars - 1))}…`), hovertext: plotlyText(text) };
}

/** The kernels [k, kh, kw] in `rows` rows of one mosaic, with an empty cell between neighbours. */
function mosaic(k: number, kh: number, kw: number, data: number[], across: number): { z: Array<Array<number | null>>; rows: number; cols: number } {
  const rows = Math.ceil(k / across) * (kh + 1) - 1;
  const cols = across * (kw + 1) - 1;
  const z = Array.from({ length: rows }, () => new Array<number | null>(cols).fill(null));
  for (let m = 0; m < k; m++) {
    const [top, left] = [Math.floor(m / across) * (kh + 1), (m % across) * (kw + 1)];
    for (let r = 0; r < kh; r++) for (let c = 0; c < kw; c++) z[top + r][left + c] = data[m * kh * kw + r * kw + c];
  }
  return { z, rows, cols };
}

/** Colour, dash and legend entry of each curve: by role (training, validation), the same in both panels. */
function curveStyles(series: LiveSeries[]): Array<{ colour: string; dashed: boolean; legend: string; showlegend: boolean }> {
  const seen = new Set<string>();
  const count = new Map<string, number>();
  return series.map((s) => {
    const role = seriesRole(s);
    const key = `${s.panel}/${role}`;
    const k = count.get(key) ?? 0;
    count.set(key, k + 1);
    const legend = k === 0 ? role : s.name;
    const first = !seen.has(legend);
    seen.add(legend);
    return { colour: k === 0 ? PALETTE[role === 'training' ? 0 : 1] : PALETTE[(2 + k) % PALETTE.length], dashed: role === 'validation', legend, showlegend: first };
  });
}

/**
 * Training progress: the title, a status line with the progress label, a progress bar as wide as the
 * curves, the loss and accuracy panels (side by side, or stacked in a narrow output) with their latest
 * values in their headers, and the current kernels on one diverging scale. Rows have fixed pixel
 * heights for a given width, so that an update replaces the figure without the output jumping.
 */
export function liveFigure(p: LivePayload, theme: Theme, room: Room = {}): Built {
  const width = Math.min(MAX_WIDTH, widthOf(room));
  const plotWidth = width - MARGIN.l - MARGIN.r;
  const sideBySide = plotWidth >= 2 * MIN_PANEL + PANEL_GAP;
  const styles = curveStyles(p.series);
  const legend = styles.filter((s) => s.showlegend).length > 1;
  const panelsTop = LINE + BAR + (legend ? 28 : 12);
  const panelWidth = sideBySide ? (plotWidth - PANEL_GAP) / 2 : plotWidth;
  const panelAt = (i: number) => ({ left: sideBySide ? i * (panelWidth + PANEL_GAP) : 0, top: panelsTop + (sideBySide ? 0 : i * (HEADER + PANEL + AXIS)) });
  const kernelsTop = panelAt(sideBySide ? 0 : 1).top + HEADER + PANEL + AXIS;

  let kernels: ReturnType<typeof mosaic> | undefined;
  let cell = 0;
  if (p.kernels) {
    const [k, , kw] = p.kernels.shape;
    const rows = Math.ceil(k / Math.max(1, Math.min(16, Math.floor(plotWidth / (10 * (kw + 1))))));
    kernels = mosaic(...p.kernels.shape, p.kernels.data, Math.ceil(k / rows));
    cell = Math.max(2, Math.min(14, Math.floor(plotWidth / kernels.cols)));
  }
  const plotHeight = kernels ? kernelsTop + HEADER + kernels.rows * cell : kernelsTop - AXIS + 36;
  const y = (px: number): number => 1 - px / plotHeight;
  const x = (px: number): number => px / plotWidth;
  const axis = { color: theme.foreground, gridcolor: theme.grid, zeroline: false, fixedrange: true, tickfont: { size: 10 } };
  const text = (t: { text: string; hovertext?: string }, at: Record<string, unknown>, size = 12) => ({
    ...t, showarrow: false, xref: 'paper', yref: 'paper', yanchor: 'bottom', font: { size, color: theme.foreground }, ...at,
  });
  const progress = progressText(p);
  const statusRoom = Math.floor((plotWidth - (progress.length + 2) * CHAR) / CHAR);
  const layout: Layout = {
    ...themedLayout(theme, p.title),
    width,
    height: plotHeight + MARGIN.t + MARGIN.b,
    margin: MARGIN,
    showlegend: legend,
    legend: { orientation: 'h', x: 1, xanchor: 'right', y: y(LINE + BAR + 4), yanchor: 'top', font: { size: 11 }, bgcolor: 'rgba(0,0,0,0)' },
    xaxis: { ...axis, domain: [0, 1], range: [0, p.total], visible: false, anchor: 'y' },
    yaxis: { ...axis, domain: [y(LINE + BAR), y(LINE)], range: [-0.5, 0.5], visible: false, anchor: 'x' },
    shapes: [{ type: 'rect', xref: 'x', yref: 'y', x0: 0, x1: p.total, y0: -0.5, y1: 0.5, fillcolor: theme.grid, line: { width: 0 }, layer: 'below' }],
    annotations: [
      text({ text: plotlyText(progress) }, { x: 1, xanchor: 'right', y: y(LINE), yshift: 2 }),
      ...(p.status ? [text(fitted(p.status, statusRoom), { x: 0, xanchor: 'left', y: y(LINE), yshift: 2 })] : []),
    ],
  };
  const n = Math.max(1, ...p.series.map((s) => s.values.length));
  (['loss', 'accuracy'] as LivePanel[]).forEach((panel, i) => {
    const { left, top } = panelAt(i);
    const id = String(i + 2);
    layout[`xaxis${id}`] = {
      ...axis, domain: [x(left), x(left + panelWidth)], anchor: `y${id}`, range: [0.7, Math.max(2, n) + 0.3], showgrid: false,
      ...(n <= 12 ? { tickmode: 'linear', tick0: 1, dtick: 1 } : { tickformat: 'd' }),
      title: { text: plotlyText(p.xLabel), font: { size: 10 }, standoff: 4 },
    };
    layout[`yaxis${id}`] = { ...axis, domain: [y(top + HEADER + PANEL), y(top + HEADER)], anchor: `x${id}`, range: liveRange(p, panel), nticks: 6 };
    (layout.annotations as unknown[]).push(text(fitted(panelSummary(p, panel), Math.floor(panelWidth / CHAR)), { x: x(left), xanchor: 'left', y: y(top + HEADER), yshift: 4 }));
  });
  const data: Trace[] = [
    { type: 'bar', orientation: 'h', x: [p.step], y: [0], xaxis: 'x', yaxis: 'y', marker: { color: BAR_COLOUR }, hoverinfo: 'skip', showlegend: false, width: 1 },
    ...p.series.map((s, i): Trace => {
      const style = styles[i];
      return {
        type: 'scatter', mode: s.values.length === 1 || style.dashed ? 'lines+markers' : 'lines', name: plotlyText(style.legend), legendgroup: style.legend,
        showlegend: style.showlegend, x: s.values.map((_, k) => k + 1), y: s.values, xaxis: s.panel === 'loss' ? 'x2' : 'x3', yaxis: s.panel === 'loss' ? 'y2' : 'y3',
        line: { color: style.colour, width: 2, dash: style.dashed ? 'dash' : 'solid' }, marker: { color: style.colour, size: 5 },
        hovertemplate: `${plotlyText(s.name)}, ${plotlyText(p.xLabel)} %{x}: %{y}<extra></extra>`,
      };
    }),
  ];
  if (kernels && p.kernels) {
    const { min, max } = valueRange(p.kernels.data);
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    layout.xaxis4 = { ...axis, domain: [0, x(kernels.cols * cell)], range: [-0.5, kernels.cols - 0.5], anchor: 'y4', visible: false };
    layout.yaxis4 = { ...axis, domain: [y(kernelsTop + HEADER + kernels.rows * cell), y(kernelsTop + HEADER)], range: [kernels.rows - 0.5, -0.5], anchor: 'x4', visible: false };
    (layout.annotations as unknown[]).push(text({ text: `current kernels (${p.kernels.shape.join('x')})` }, { x: 0, xanchor: 'left', y: y(kernelsTop + HEADER), yshift: 4 }, 11));
    data.push({ type: 'heatmap', z: kernels.z, xaxis: 'x4', yaxis: 'y4', colorscale: DIVERGING, zmin: -bound, zmax: bound, showscale: false, hoverongaps: false, hovertemplate: '%{z}<extra></extra>', showlegend: false });
  }
  return { data, layout, config: CONFIG };
}
