import {
  type LivePayload,
  type Payload,
  type Plane,
  type PoolBackwardPayload,
  type PoolPayload,
  differences,
  rotated,
} from '../contract';
import type { Rgb } from './colormap';
import { type Item, cellFor, colourOf, columnOf, heatmap, rowOf, toPng } from './layout';
import type { Raster } from './raster';

const INK: Rgb = [33, 33, 33];
const PAPER: Rgb = [255, 255, 255];
const PALETTE: Rgb[] = [[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189], [140, 86, 75], [227, 119, 194], [127, 127, 127]];

const planeAt = (shape: readonly number[], data: number[], index: number): Plane => {
  const [h, w] = shape.slice(-2);
  return { shape: [h, w], data: data.slice(index * h * w, (index + 1) * h * w) };
};

function grid(shape: readonly number[], data: number[], perMap: boolean, colours: 'sequential' | 'diverging' | undefined, columns: number): Item {
  const [n, c, h, w] = shape;
  const cols = n === 1 ? columns : c;
  const rows = Math.ceil((n * c) / cols);
  const cell = Math.max(1, Math.min(16, cellFor(cols * (w + 1), rows * (h + 1))));
  const shared = colourOf(data, colours);
  const lines: Item[] = [];
  for (let r = 0; r < rows; r++) {
    const maps: Item[] = [];
    for (let i = r * cols; i < Math.min(n * c, (r + 1) * cols); i++) {
      const plane = planeAt(shape, data, i);
      maps.push(heatmap(plane, cell, perMap ? colourOf(plane.data, colours) : shared));
    }
    lines.push(rowOf(maps, 4));
  }
  return columnOf(lines, 4);
}

/** Tiling lines between pooling windows and a dot on each window's maximum. */
function poolMarks(p: PoolPayload | PoolBackwardPayload, cell: number) {
  const [h, w] = p.input.shape;
  return (raster: Raster, x: number, y: number): void => {
    for (let r = p.size[0]; r < h; r += p.size[0]) raster.fill(x, y + r * cell - 1, w * cell, 2, INK);
    for (let c = p.size[1]; c < w; c += p.size[1]) raster.fill(x + c * cell - 1, y, 2, h * cell, INK);
    const dot = Math.max(2, Math.floor(cell / 3));
    for (const index of p.argmax ?? []) {
      const [r, c] = [Math.floor(index / w), index % w];
      const [cx, cy] = [x + c * cell + (cell - dot) / 2, y + r * cell + (cell - dot) / 2];
      raster.fill(cx - 1, cy - 1, dot + 2, dot + 2, PAPER);
      raster.fill(cx, cy, dot, dot, INK);
    }
  };
}

function curves(p: LivePayload, panel: 'loss' | 'accuracy', w: number, h: number): Item {
  const series = p.series.filter((s) => s.panel === panel);
  const all = series.flatMap((s) => s.values);
  const lo = panel === 'accuracy' ? 0 : Math.min(0, ...all);
  const hi = panel === 'accuracy' ? 1 : Math.max(lo + 1e-12, ...all);
  const n = Math.max(2, ...series.map((s) => s.values.length));
  return {
    w,
    h,
    draw(raster, x, y) {
      raster.outline(x, y, w, h, [190, 190, 190]);
      for (const s of series) {
        const colour = PALETTE[p.series.indexOf(s) % PALETTE.length];
        const at = (i: number): [number, number] => [x + 4 + ((w - 8) * i) / (n - 1), y + h - 4 - ((h - 8) * (s.values[i] - lo)) / (hi - lo)];
        for (let i = 1; i < s.values.length; i++) raster.line(...at(i - 1), ...at(i), colour);
        if (s.values.length === 1) raster.fill(...at(0), 3, 3, colour);
      }
    },
  };
}

function live(p: LivePayload): Item {
  const bar: Item = {
    w: 612,
    h: 14,
    draw(raster, x, y) {
      raster.fill(x, y, 612, 14, [224, 224, 224]);
      raster.fill(x, y, Math.round((612 * p.step) / p.total), 14, PALETTE[0]);
    },
  };
  const parts: Item[] = [bar, rowOf([curves(p, 'loss', 300, 150), curves(p, 'accuracy', 300, 150)])];
  if (p.kernels) {
    const [k, kh, kw] = p.kernels.shape;
    parts.push(grid([1, k, kh, kw], p.kernels.data, false, 'diverging', Math.min(k, 16)));
  }
  return columnOf(parts, 10);
}

function item(p: Payload): Item {
  switch (p.kind) {
    case 'matrix':
    case 'signed':
      return heatmap(p, cellFor(p.shape[1], p.shape[0]), colourOf(p.data, p.kind === 'signed' ? 'diverging' : p.scale));
    case 'kernel': {
      const cell = cellFor(p.shape[1] + 2, p.shape[0]);
      const colour = colourOf([...p.data, p.bias ?? 0], 'diverging');
      const parts = [heatmap(p, cell, colour)];
      if (p.bias !== undefined) parts.push(heatmap({ shape: [1, 1], data: [p.bias] }, cell, colour));
      return rowOf(parts, cell);
    }
    case 'grid':
      return grid(p.shape, p.data, p.scale === 'per-map', p.colours, p.columns ?? Math.ceil(Math.sqrt(p.shape[1])));
    case 'conv': {
      const cell = cellFor(p.input.shape[1] + p.kernel.shape[1] + p.output.shape[1] + 4, p.input.shape[0]);
      const [kh, kw] = p.kernel.shape;
      const window = (raster: Raster, x: number, y: number) => raster.outline(x, y, kw * cell, kh * cell, INK, 2);
      return rowOf(
        [heatmap(p.input, cell, colourOf(p.input.data), window), heatmap(p.kernel, cell, colourOf(p.kernel.data, 'diverging')), heatmap(p.output, cell, colourOf(p.output.data))],
        2 * cell,
      );
    }
    case 'conv-backward': {
      const cell = cellFor(p.delta.shape[1] + p.kernel.shape[1] + p.output.shape[1] + 4, p.output.shape[0]);
      const parts = [p.delta, rotated(p.kernel), p.output].map((plane) => heatmap(plane, cell, colourOf(plane.data, 'diverging')));
      return rowOf(parts, 2 * cell);
    }
    case 'pool': {
      const cell = cellFor(p.input.shape[1] + p.output.shape[1] + 2, p.input.shape[0]);
      return rowOf([heatmap(p.input, cell, colourOf(p.input.data), poolMarks(p, cell)), heatmap(p.output, cell * p.size[0], colourOf(p.output.data))], 2 * cell);
    }
    case 'pool-backward': {
      const cell = cellFor(2 * p.input.shape[1] + p.delta.shape[1] + 4, p.input.shape[0]);
      const signed = colourOf([...p.delta.data, ...p.output.data], 'diverging');
      return rowOf(
        [
          heatmap(p.input, cell, colourOf(p.input.data), poolMarks(p, cell)),
          heatmap(p.delta, cell * p.size[0], signed),
          heatmap(p.output, cell, signed, poolMarks({ ...p, argmax: undefined }, cell)),
        ],
        2 * cell,
      );
    }
    case 'compare': {
      const cell = cellFor(p.items.length * (p.shape[1] + 1), 2 * p.shape[0] + 1);
      const shared = colourOf(p.items.flatMap((it) => it.data));
      const { diffs } = differences(p);
      const diffColour = colourOf(diffs.flat(), 'diverging');
      return columnOf([
        rowOf(p.items.map((it) => heatmap({ shape: p.shape, data: it.data }, cell, shared)), cell),
        rowOf([{ w: p.shape[1] * cell, h: 0, draw: () => undefined }, ...diffs.map((d) => heatmap({ shape: p.shape, data: d }, cell, diffColour))], cell),
      ], cell);
    }
    case 'live':
      return live(p);
  }
}

/** The PNG fallback of a payload: the same panels as the interactive view, without text. */
export function payloadPng(p: Payload): string {
  return toPng(item(p));
}

