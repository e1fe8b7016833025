import { type Plane, type PoolBackwardPayload, type PoolPayload, type ValueLabels, focusOf, indexBaseOf, poolBackwardFormula, poolFormula } from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure, Linking } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, MAX_CELL, MIN_LINKED_CELL, ROW_HEIGHT, type Room, type Shape, colouring, highlight, rowsOf, themedLayout, valueText, widthOf } from './common';
import { type Axes, type PanelSpec, fitPanels, panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

const range = (n: number, base: number): number[] => Array.from({ length: n }, (_, i) => i + base);

function panelTrace(plane: Plane, axes: Axes, cell: number, colours: object, hover: string, base: number, values?: ValueLabels): Trace {
  return {
    type: 'heatmap', z: rowsOf(plane), x: range(plane.shape[1], base), y: range(plane.shape[0], base), xaxis: axes.x, yaxis: axes.y,
    ...colours, showscale: false, hovertemplate: `${hover}<extra></extra>`, ...valueText(plane, cell, values),
  };
}

/** The lines between pooling windows: the tiling of the notes ("the blocks do not slide"). */
function tilingLines(axes: Axes, shape: readonly number[], size: readonly number[], colour: string, base: number): Shape[] {
  const [h, w] = shape;
  const line = { color: colour, width: 2 };
  const [lo, xEnd, yEnd] = [base - 0.5, w + base - 0.5, h + base - 0.5];
  const lines: Shape[] = [];
  for (let r = size[0]; r < h; r += size[0]) lines.push({ type: 'line', xref: axes.x, yref: axes.y, x0: lo, x1: xEnd, y0: r + lo, y1: r + lo, line, layer: 'above' });
  for (let c = size[1]; c < w; c += size[1]) lines.push({ type: 'line', xref: axes.x, yref: axes.y, x0: c + lo, x1: c + lo, y0: lo, y1: yEnd, line, layer: 'above' });
  return lines;
}

/**
 * A ring in each window's maximum: a dark circle with a light one inside it, readable on every
 * colour, round so that it is not taken for the square frame of the highlighted window, and
 * touching the cell's edges so that the middle of the cell, where its value is written, stays free.
 */
function argmaxRings(axes: Axes, input: Plane, argmax: number[] | undefined, cell: number, base: number): Trace[] {
  if (!argmax) return [];
  const w = input.shape[1];
  const at = { x: argmax.map((i) => (i % w) + base), y: argmax.map((i) => Math.floor(i / w) + base) };
  const ring = (size: number, color: string, width: number): Trace => ({
    type: 'scatter', mode: 'markers', xaxis: axes.x, yaxis: axes.y, hoverinfo: 'skip', ...at,
    marker: { symbol: 'circle-open', size, color, line: { color, width } },
  });
  const [dark, light] = cell >= 20 ? [2.5, 1.5] : [1.5, 1];
  const outer = Math.max(2, cell - dark);
  return [ring(outer, '#000000', dark), ring(Math.max(1, outer - dark - light), '#ffffff', light)];
}

function windowFocus(axes: Axes[], size: readonly number[], r: number, c: number, base: number): Shape[] {
  return [...highlight(axes[0], r * size[0], c * size[1], (r + 1) * size[0] - 1, (c + 1) * size[1] - 1, base), ...highlight(axes[1], r, c, r, c, base)];
}

/** Pooling panels side by side or, when their cells would get too small, the last one (or two) wrapped into rows below. */
function fitPooling(specs: PanelSpec[], room: Room): { specs: PanelSpec[]; cell: number } {
  const arrangements = [specs, specs.map((s, i) => (i === specs.length - 1 ? { ...s, row: 1 } : s))];
  if (specs.length === 3) arrangements.push(specs.map((s, i) => ({ ...s, row: i })));
  return fitPanels(arrangements, { width: widthOf(room), max: MAX_CELL, min: MIN_LINKED_CELL, rowHeight: ROW_HEIGHT });
}

/** The window a hover selects: the cell itself in a pooled panel, the window holding it in an input-sized one. */
function windowAt(p: PoolPayload | PoolBackwardPayload, pooled: boolean, x: number, y: number, base: number): [number, number] {
  const [r, c] = [Math.round(y) - base, Math.round(x) - base];
  return pooled ? [r, c] : [Math.floor(r / p.size[0]), Math.floor(c / p.size[1])];
}

/** The pooling view: x tiled into windows with each maximum ringed, and the pooled map drawn with cells one window wide. */
export function poolFigure(p: PoolPayload, theme: Theme, room: Room = {}): Built {
  const [h, w] = p.input.shape;
  const [oh, ow] = p.output.shape;
  const base = indexBaseOf(p);
  const scale = p.size[0] === p.size[1] ? p.size[0] : 1;
  const { specs, cell } = fitPooling(
    [
      { rows: h, cols: w, title: `input x (${h}x${w}), windows ${p.size.join('x')}`, base },
      { rows: oh, cols: ow, title: `${p.mode} pooled (${oh}x${ow})`, base, scale },
    ],
    room,
  );
  const { axes, layout } = panelLayout(specs, cell, theme);
  const colours = colouring([...p.input.data, ...p.output.data]);
  const data = [
    panelTrace(p.input, axes[0], cell, colours, 'x(%{y},%{x}) = %{z}', base, p.values),
    panelTrace(p.output, axes[1], cell * scale, colours, 'y(%{y},%{x}) = %{z}', base, p.values),
    ...argmaxRings(axes[0], p.input, p.argmax, cell, base),
  ];
  const fixed = tilingLines(axes[0], p.input.shape, p.size, theme.foreground, base);
  const [fr, fc] = focusOf(p);
  const linking: Linking = {
    count: oh * ow,
    initial: fr * ow + fc,
    noun: 'window',
    positionAt(curve, x, y) {
      if (curve !== 0 && curve !== 1) return undefined;
      const [r, c] = windowAt(p, curve === 1, x, y, base);
      return r >= 0 && r < oh && c >= 0 && c < ow ? r * ow + c : undefined;
    },
    focus(position) {
      const [r, c] = [Math.floor(position / ow), position % ow];
      return { shapes: [...fixed, ...windowFocus(axes, p.size, r, c, base)], caption: poolFormula(p, r, c).join('\n'), label: `${r + base},${c + base}` };
    },
  };
  return { data, layout: { ...themedLayout(theme, p.title), ...layout, shapes: linking.focus(linking.initial).shapes }, config: CONFIG, linking };
}

/** δ back through pooling: x with its maxima ringed, δˡ⁺¹ (one cell per window), and δˡ routed into the tiling. */
export function poolBackwardFigure(p: PoolBackwardPayload, theme: Theme, room: Room = {}): Built {
  const [h, w] = p.input.shape;
  const [oh, ow] = p.delta.shape;
  const base = indexBaseOf(p);
  const scale = p.size[0] === p.size[1] ? p.size[0] : 1;
  const { specs, cell } = fitPooling(
    [
      { rows: h, cols: w, title: `input x (${h}x${w})`, base },
      { rows: oh, cols: ow, title: `δˡ⁺¹ (${oh}x${ow})`, base, scale },
      { rows: h, cols: w, title: p.mode === 'max' ? 'δˡ: all to each maximum' : `δˡ: 1/${p.size[0] * p.size[1]} to each cell`, base },
    ],
    room,
  );
  const { axes, layout } = panelLayout(specs, cell, theme);
  const signed = colouring([...p.delta.data, ...p.output.data], 'diverging');
  const data = [
    panelTrace(p.input, axes[0], cell, colouring(p.input.data), 'x(%{y},%{x}) = %{z}', base, p.values),
    panelTrace(p.delta, axes[1], cell * scale, signed, 'δˡ⁺¹(%{y},%{x}) = %{z}', base, p.values),
    panelTrace(p.output, axes[2], cell, signed, 'δˡ(%{y},%{x}) = %{z}', base, p.values),
    // δˡ needs no rings: with max pooling its non-zero cells are the maxima.
    ...argmaxRings(axes[0], p.input, p.argmax, cell, base),
  ];
  const fixed = [...tilingLines(axes[0], p.input.shape, p.size, theme.foreground, base), ...tilingLines(axes[2], p.input.shape, p.size, theme.foreground, base)];
  const [fr, fc] = focusOf(p);
  const linking: Linking = {
    count: oh * ow,
    initial: fr * ow + fc,
    noun: 'window',
    positionAt(curve, x, y) {
      if (curve !== 0 && curve !== 1 && curve !== 2) return undefined;
      const [r, c] = windowAt(p, curve === 1, x, y, base);
      return r >= 0 && r < oh && c >= 0 && c < ow ? r * ow + c : undefined;
    },
    focus(position) {
      const [r, c] = [Math.floor(position / ow), position % ow];
      const window = highlight(axes[2], r * p.size[0], c * p.size[1], (r + 1) * p.size[0] - 1, (c + 1) * p.size[1] - 1, base);
      return { shapes: [...fixed, ...windowFocus(axes, p.size, r, c, base), ...window], caption: poolBackwardFormula(p, r, c).join('\n'), label: `${r + base},${c + base}` };
    },
  };
  return { data, layout: { ...themedLayout(theme, p.title), ...layout, shapes: linking.focus(linking.initial).shapes }, config: CONFIG, linking };
}
