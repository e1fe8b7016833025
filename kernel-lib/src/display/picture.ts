import {
  type LivePayload,
  type Payload,
  type Plane,
  type PoolBackwardPayload,
  type PoolPayload,
  differences,
  focusOf,
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

/** Draws on top of a heatmap placed at (x, y). */
type Decoration = (raster: Raster, x: number, y: number) => void;

const both = (...marks: Decoration[]): Decoration => (raster, x, y) => marks.forEach((mark) => mark(raster, x, y));

/**
 * The highlight of cells [r0..r1] x [c0..c1] (clipped to rows x cols), as the interactive view
 * draws it: a dark frame with a light one inside, readable on every colour of both scales.
 */
function highlight(cell: number, [rows, cols]: readonly number[], r0: number, c0: number, r1: number, c1: number): Decoration {
  const [top, left, bottom, right] = [Math.max(0, r0), Math.max(0, c0), Math.min(rows - 1, r1), Math.min(cols - 1, c1)];
  return (raster, x, y) => {
    if (top > bottom || left > right) return;
    const [fx, fy, fw, fh] = [x + left * cell, y + top * cell, (right - left + 1) * cell, (bottom - top + 1) * cell];
    raster.outline(fx - 1, fy - 1, fw + 2, fh + 2, INK, 3);
    raster.outline(fx + 2, fy + 2, fw - 4, fh - 4, PAPER, 1);
  };
}

/** Tiling lines between pooling windows and a ring in each window's maximum, touching its edges (dark, light inside). */
function poolMarks(p: PoolPayload | PoolBackwardPayload, cell: number): Decoration {
  const [h, w] = p.input.shape;
  return (raster, x, y) => {
    for (let r = p.size[0]; r < h; r += p.size[0]) raster.fill(x, y + r * cell - 1, w * cell, 2, INK);
    for (let c = p.size[1]; c < w; c += p.size[1]) raster.fill(x + c * cell - 1, y, 2, h * cell, INK);
    const [r, t] = [cell / 2, Math.max(1, cell / 10)];
    for (const index of p.argmax ?? []) {
      const [cx, cy] = [x + (index % w) * cell + r, y + Math.floor(index / w) * cell + r];
      raster.ring(cx, cy, r, r - t, INK);
      raster.ring(cx, cy, r - t, r - t - 1, PAPER);
    }
  };
}

/** The pooling window (r, c) of the input and its one cell in the pooled map. */
function windowMarks(p: PoolPayload | PoolBackwardPayload, cell: number): { window: Decoration; pooled: Decoration } {
  const [r, c] = focusOf(p);
  const [sh, sw] = p.size;
  return {
    window: highlight(cell, p.input.shape, r * sh, c * sw, (r + 1) * sh - 1, (c + 1) * sw - 1),
    pooled: highlight(cell * sh, [Math.floor(p.input.shape[0] / sh), Math.floor(p.input.shape[1] / sw)], r, c, r, c),
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
      const [r, c] = focusOf(p);
      return rowOf(
        [
          heatmap(p.input, cell, colourOf(p.input.data), highlight(cell, p.input.shape, r, c, r + kh - 1, c + kw - 1)),
          heatmap(p.kernel, cell, colourOf(p.kernel.data, 'diverging'), highlight(cell, p.kernel.shape, 0, 0, kh - 1, kw - 1)),
          heatmap(p.output, cell, colourOf(p.output.data), highlight(cell, p.output.shape, r, c, r, c)),
        ],
        2 * cell,
      );
    }
    case 'conv-backward': {
      const cell = cellFor(p.delta.shape[1] + p.kernel.shape[1] + p.output.shape[1] + 4, p.output.shape[0]);
      const [kh, kw] = p.kernel.shape;
      const [i, j] = focusOf(p);
      const signed = colourOf([...p.delta.data, ...p.output.data], 'diverging');
      const rot = rotated(p.kernel);
      return rowOf(
        [
          // The δˡ⁺¹ cells that δˡ(i, j) gathers: its window over the zero-padded δˡ⁺¹, clipped to δˡ⁺¹.
          heatmap(p.delta, cell, signed, highlight(cell, p.delta.shape, i - kh + 1, j - kw + 1, i, j)),
          heatmap(rot, cell, colourOf(rot.data, 'diverging'), highlight(cell, rot.shape, 0, 0, kh - 1, kw - 1)),
          heatmap(p.output, cell, signed, highlight(cell, p.output.shape, i, j, i, j)),
        ],
        2 * cell,
      );
    }
    case 'pool': {
      const cell = cellFor(p.input.shape[1] + p.output.shape[1] + 2, p.input.shape[0]);
      const focus = windowMarks(p, cell);
      return rowOf(
        [
          heatmap(p.input, cell, colourOf(p.input.data), both(poolMarks(p, cell), focus.window)),
          heatmap(p.output, cell * p.size[0], colourOf(p.output.data), focus.pooled),
        ],
        2 * cell,
      );
    }
    case 'pool-backward': {
      const cell = cellFor(2 * p.input.shape[1] + p.delta.shape[1] + 4, p.input.shape[0]);
      const signed = colourOf([...p.delta.data, ...p.output.data], 'diverging');
      const focus = windowMarks(p, cell);
      return rowOf(
        [
          heatmap(p.input, cell, colourOf(p.input.data), both(poolMarks(p, cell), focus.window)),
          heatmap(p.delta, cell * p.size[0], signed, focus.pooled),
          heatmap(p.output, cell, signed, both(poolMarks({ ...p, argmax: undefined }, cell), focus.window)),
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

/** The PNG fallback of a payload: the same panels as the interactive view, linked views at their first position, without text. */
export function payloadPng(p: Payload): string {
  return toPng(item(p));
}

