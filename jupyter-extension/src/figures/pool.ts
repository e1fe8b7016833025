import { type Plane, type PoolBackwardPayload, type PoolPayload, poolBackwardFormula, poolFormula } from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure, Linking } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, type Shape, cellFor, colouring, highlight, rowsOf, themedLayout, valueText } from './common';
import { type Axes, panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

function panelTrace(plane: Plane, axes: Axes, cell: number, colours: object, hover: string): Trace {
  return {
    type: 'heatmap', z: rowsOf(plane), x: range(plane.shape[1]), y: range(plane.shape[0]), xaxis: axes.x, yaxis: axes.y,
    ...colours, showscale: false, hovertemplate: `${hover}<extra></extra>`, ...valueText(plane, cell),
  };
}

/** The lines between pooling windows: the tiling of the notes ("the blocks do not slide"). */
function tilingLines(axes: Axes, shape: readonly number[], size: readonly number[], colour: string): Shape[] {
  const [h, w] = shape;
  const line = { color: colour, width: 2 };
  const lines: Shape[] = [];
  for (let r = size[0]; r < h; r += size[0]) lines.push({ type: 'line', xref: axes.x, yref: axes.y, x0: 0.5, x1: w + 0.5, y0: r + 0.5, y1: r + 0.5, line, layer: 'above' });
  for (let c = size[1]; c < w; c += size[1]) lines.push({ type: 'line', xref: axes.x, yref: axes.y, x0: c + 0.5, x1: c + 0.5, y0: 0.5, y1: h + 0.5, line, layer: 'above' });
  return lines;
}

/** A black dot with a white rim (readable on every colour) on each window's maximum. */
function argmaxMarks(axes: Axes, input: Plane, argmax: number[] | undefined, cell: number): Trace[] {
  if (!argmax) return [];
  const w = input.shape[1];
  return [{
    type: 'scatter', mode: 'markers', xaxis: axes.x, yaxis: axes.y, hoverinfo: 'skip',
    // In the cell's top-left corner, so that a value written in the cell stays readable.
    x: argmax.map((i) => (i % w) + 1 - 0.27), y: argmax.map((i) => Math.floor(i / w) + 1 - 0.27),
    marker: { symbol: 'circle', size: Math.max(5, Math.min(12, cell * 0.3)), color: '#000000', line: { color: '#ffffff', width: 1.5 } },
  }];
}

function windowFocus(axes: Axes[], size: readonly number[], r: number, c: number, pooledPanel: number): Shape[] {
  const shapes = [...highlight(axes[0], r * size[0], c * size[1], (r + 1) * size[0] - 1, (c + 1) * size[1] - 1, 1)];
  shapes.push(...highlight(axes[pooledPanel], r, c, r, c, 1));
  return shapes;
}

/** The pooling view: x tiled into windows with each maximum ringed, and the pooled map drawn with cells one window wide. */
export function poolFigure(p: PoolPayload, theme: Theme): Built {
  const [h, w] = p.input.shape;
  const [oh, ow] = p.output.shape;
  const cell = cellFor(2 * w + 2, h);
  const big = p.size[0] === p.size[1] ? cell * p.size[0] : cell;
  const { axes, layout } = panelLayout(
    [
      { rows: h, cols: w, title: `input x (${h}x${w}), windows ${p.size.join('x')}`, base: 1 },
      { rows: oh, cols: ow, title: `${p.mode} pooled (${oh}x${ow})`, base: 1, cell: big },
    ],
    cell,
    theme,
  );
  const colours = colouring([...p.input.data, ...p.output.data]);
  const data = [
    panelTrace(p.input, axes[0], cell, colours, 'x(%{y},%{x}) = %{z}'),
    panelTrace(p.output, axes[1], big, colours, 'y(%{y},%{x}) = %{z}'),
    ...argmaxMarks(axes[0], p.input, p.argmax, cell),
  ];
  const fixed = tilingLines(axes[0], p.input.shape, p.size, theme.foreground);
  const linking: Linking = {
    count: oh * ow,
    noun: 'window',
    positionAt(curve, x, y) {
      const [r, c] = curve === 1 ? [Math.round(y) - 1, Math.round(x) - 1] : curve === 0 ? [Math.floor((Math.round(y) - 1) / p.size[0]), Math.floor((Math.round(x) - 1) / p.size[1])] : [-1, -1];
      return r >= 0 && r < oh && c >= 0 && c < ow ? r * ow + c : undefined;
    },
    focus(position) {
      const [r, c] = [Math.floor(position / ow), position % ow];
      return { shapes: [...fixed, ...windowFocus(axes, p.size, r, c, 1)], caption: poolFormula(p, r, c).join('\n'), label: `${r + 1},${c + 1}` };
    },
  };
  return { data, layout: { ...themedLayout(theme, p.title), ...layout, shapes: linking.focus(0).shapes }, config: CONFIG, linking };
}

/** δ back through pooling: x with its maxima, δˡ⁺¹ (one cell per window), and δˡ routed into the tiling. */
export function poolBackwardFigure(p: PoolBackwardPayload, theme: Theme): Built {
  const [h, w] = p.input.shape;
  const [oh, ow] = p.delta.shape;
  const cell = cellFor(3 * w + 3, h);
  const big = p.size[0] === p.size[1] ? cell * p.size[0] : cell;
  const { axes, layout } = panelLayout(
    [
      { rows: h, cols: w, title: `input x (${h}x${w})`, base: 1 },
      { rows: oh, cols: ow, title: `δˡ⁺¹ (${oh}x${ow})`, base: 1, cell: big },
      { rows: h, cols: w, title: p.mode === 'max' ? 'δˡ: all to each maximum' : `δˡ: 1/${p.size[0] * p.size[1]} to each cell`, base: 1 },
    ],
    cell,
    theme,
  );
  const signed = colouring([...p.delta.data, ...p.output.data], 'diverging');
  const data = [
    panelTrace(p.input, axes[0], cell, colouring(p.input.data), 'x(%{y},%{x}) = %{z}'),
    panelTrace(p.delta, axes[1], big, signed, 'δˡ⁺¹(%{y},%{x}) = %{z}'),
    panelTrace(p.output, axes[2], cell, signed, 'δˡ(%{y},%{x}) = %{z}'),
    ...argmaxMarks(axes[0], p.input, p.argmax, cell),
    ...argmaxMarks(axes[2], p.input, p.argmax, cell),
  ];
  const fixed = [...tilingLines(axes[0], p.input.shape, p.size, theme.foreground), ...tilingLines(axes[2], p.input.shape, p.size, theme.foreground)];
  const linking: Linking = {
    count: oh * ow,
    noun: 'window',
    positionAt(curve, x, y) {
      const inWindows = curve === 0 || curve === 2;
      const [r, c] = curve === 1 ? [Math.round(y) - 1, Math.round(x) - 1] : inWindows ? [Math.floor((Math.round(y) - 1) / p.size[0]), Math.floor((Math.round(x) - 1) / p.size[1])] : [-1, -1];
      return r >= 0 && r < oh && c >= 0 && c < ow ? r * ow + c : undefined;
    },
    focus(position) {
      const [r, c] = [Math.floor(position / ow), position % ow];
      const shapes = [...fixed, ...windowFocus(axes, p.size, r, c, 1), ...highlight(axes[2], r * p.size[0], c * p.size[1], (r + 1) * p.size[0] - 1, (c + 1) * p.size[1] - 1, 1)];
      return { shapes, caption: poolBackwardFormula(p, r, c).join('\n'), label: `${r + 1},${c + 1}` };
    },
  };
  return { data, layout: { ...themedLayout(theme, p.title), ...layout, shapes: linking.focus(0).shapes }, config: CONFIG, linking };
}
