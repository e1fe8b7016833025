import { type LivePayload, valueRange } from 'convlab/contract';
import type { Layout, Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, DIVERGING, type Room, plotlyText, themedLayout, widthOf } from './common';

type Built = Omit<Figure, 'label'>;

/** Widest a live view gets; in a narrower output it takes the width there is. */
const MAX_WIDTH = 760;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

/** The kernels [k, kh, kw] laid side by side (wrapping every 16) in one mosaic with empty cells between. */
function mosaic(k: number, kh: number, kw: number, data: number[], across: number): { z: Array<Array<number | null>>; rows: number; cols: number } {
  const per = Math.min(k, across);
  const rows = Math.ceil(k / per) * (kh + 1) - 1;
  const cols = per * (kw + 1) - 1;
  const z = Array.from({ length: rows }, () => new Array<number | null>(cols).fill(null));
  for (let m = 0; m < k; m++) {
    const [top, left] = [Math.floor(m / per) * (kh + 1), (m % per) * (kw + 1)];
    for (let r = 0; r < kh; r++) for (let c = 0; c < kw; c++) z[top + r][left + c] = data[m * kh * kw + r * kw + c];
  }
  return { z, rows, cols };
}

/**
 * Training progress: a progress bar, the loss and accuracy curves against 1, 2, … and the current
 * kernels on one diverging scale. Fixed pixel sizes for a given width, so that each update replaces
 * the figure without the output jumping; a narrow output gets a narrower figure and fewer kernels a row.
 */
export function liveFigure(p: LivePayload, theme: Theme, room: Room = {}): Built {
  const figureWidth = Math.min(MAX_WIDTH, widthOf(room));
  const curvesTop = 64;
  const curvesHeight = 200;
  const across = p.kernels ? Math.max(1, Math.min(16, Math.floor((figureWidth - 80) / (3 * (p.kernels.shape[2] + 1))))) : 16;
  const kernels = p.kernels ? mosaic(...p.kernels.shape, p.kernels.data, across) : undefined;
  const kernelCell = kernels ? Math.max(3, Math.min(14, Math.floor((figureWidth - 80) / kernels.cols))) : 0;
  const kernelHeight = kernels ? kernels.rows * kernelCell + 24 : 0;
  const plotHeight = curvesTop + curvesHeight + 40 + kernelHeight;
  const frac = (px: number): number => 1 - px / plotHeight;
  const axis = { color: theme.foreground, gridcolor: theme.grid, zeroline: false, fixedrange: true, tickfont: { size: 10 } };
  const layout: Layout = {
    ...themedLayout(theme, p.title),
    width: figureWidth,
    height: plotHeight + 40,
    margin: { l: 50, r: 20, t: 40, b: 0 },
    showlegend: true,
    legend: { orientation: 'h', x: 1, xanchor: 'right', y: frac(curvesTop - 6), yanchor: 'bottom', font: { size: 10 } },
    xaxis: { ...axis, domain: [0, 0.84], range: [0, p.total], showgrid: false, showticklabels: false, anchor: 'y' },
    yaxis: { ...axis, domain: [frac(16), frac(0)], range: [-0.5, 0.5], showticklabels: false, showgrid: false, anchor: 'x' },
    shapes: [{ type: 'rect', xref: 'x', yref: 'y', x0: 0, x1: p.total, y0: -0.5, y1: 0.5, fillcolor: theme.grid, line: { width: 0 }, layer: 'below' }],
    xaxis2: { ...axis, domain: [0, 0.46], anchor: 'y2', title: { text: plotlyText(p.xLabel), font: { size: 10 } } },
    yaxis2: { ...axis, domain: [frac(curvesTop + curvesHeight), frac(curvesTop)], anchor: 'x2', rangemode: 'tozero', title: { text: 'loss', font: { size: 11 } } },
    xaxis3: { ...axis, domain: [0.56, 1], anchor: 'y3', title: { text: plotlyText(p.xLabel), font: { size: 10 } } },
    yaxis3: { ...axis, domain: [frac(curvesTop + curvesHeight), frac(curvesTop)], anchor: 'x3', range: [0, 1.02], title: { text: 'accuracy', font: { size: 11 } } },
    annotations: [{
      text: `${p.step} / ${p.total} (${Math.round((100 * p.step) / p.total)}%)`, showarrow: false, xref: 'paper', yref: 'y',
      x: 1, y: 0, xanchor: 'right', font: { size: 12, color: theme.foreground },
    }],
  };
  const data: Trace[] = [
    { type: 'bar', orientation: 'h', x: [p.step], y: [0], xaxis: 'x', yaxis: 'y', marker: { color: PALETTE[2] }, hoverinfo: 'skip', showlegend: false, width: 1 },
    ...p.series.map((s, i) => ({
      type: 'scatter', mode: s.values.length > 1 ? 'lines' : 'markers', name: plotlyText(s.name),
      x: s.values.map((_, k) => k + 1), y: s.values, xaxis: s.panel === 'loss' ? 'x2' : 'x3', yaxis: s.panel === 'loss' ? 'y2' : 'y3',
      line: { color: PALETTE[i % PALETTE.length], width: 2, dash: s.name.startsWith('validation') ? 'dash' : 'solid' },
      marker: { color: PALETTE[i % PALETTE.length] },
      hovertemplate: `${plotlyText(s.name)} %{x}: %{y}<extra></extra>`,
    })),
  ];
  if (kernels && p.kernels) {
    const { min, max } = valueRange(p.kernels.data);
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    const top = curvesTop + curvesHeight + 64;
    const width = (kernels.cols * kernelCell) / (figureWidth - 70);
    layout.xaxis4 = { ...axis, domain: [0, width], range: [-0.5, kernels.cols - 0.5], anchor: 'y4', visible: false };
    layout.yaxis4 = { ...axis, domain: [frac(top + kernels.rows * kernelCell), frac(top)], range: [kernels.rows - 0.5, -0.5], anchor: 'x4', visible: false };
    (layout.annotations as unknown[]).push({ text: `current kernels (${p.kernels.shape.join('x')})`, showarrow: false, xref: 'paper', yref: 'paper', x: 0, y: frac(top), yanchor: 'bottom', xanchor: 'left', font: { size: 11, color: theme.foreground } });
    data.push({ type: 'heatmap', z: kernels.z, xaxis: 'x4', yaxis: 'y4', colorscale: DIVERGING, zmin: -bound, zmax: bound, showscale: false, hoverongaps: false, hovertemplate: '%{z}<extra></extra>', showlegend: false });
  }
  return { data, layout, config: CONFIG };
}
