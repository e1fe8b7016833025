import { type Payload, type PoolBackwardPayload, type PoolPayload, focusOf, formatValue, panelName, rotated } from '../contract';
import { comparePicture } from './comparePicture';
import { textWidth } from './font';
import { type Decoration, INK, type Item, PAPER, both, captioned, cellFor, colourOf, heatmap, highlight, mapGrid, rowOf, toPng } from './layout';
import { livePicture } from './livePicture';

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

const dims = (shape: readonly number[]): string => shape.join('x');

/** The first of `titles` that fits in `width` pixels (the last one otherwise). */
const fitting = (titles: string[], width: number): string => titles.find((t) => textWidth(t) <= width) ?? titles[titles.length - 1];

function item(p: Payload): Item {
  switch (p.kind) {
    case 'matrix':
    case 'signed':
      return heatmap(p, cellFor(p.shape[1], p.shape[0]), colourOf(p.data, p.kind === 'signed' ? 'diverging' : p.scale));
    case 'kernel': {
      const cell = cellFor(p.shape[1] + 2, p.shape[0]);
      const colour = colourOf([...p.data, p.bias ?? 0], 'diverging');
      const parts = [captioned(`${p.symbol} (${dims(p.shape)})`, heatmap(p, cell, colour), cell)];
      if (p.bias !== undefined) parts.push(captioned('b', heatmap({ shape: [1, 1], data: [p.bias] }, cell, colour)));
      return rowOf(parts, cell);
    }
    case 'grid':
      return mapGrid(p.shape, p.data, { columns: p.columns ?? Math.ceil(Math.sqrt(p.shape[1])), perMap: p.scale === 'per-map', colours: p.colours, name: (i) => panelName(p, i) });
    case 'conv': {
      const cell = cellFor(p.input.shape[1] + p.kernel.shape[1] + p.output.shape[1] + 4, p.input.shape[0]);
      const [kh, kw] = p.kernel.shape;
      const [r, c] = focusOf(p);
      return rowOf(
        [
          captioned(`input x (${dims(p.input.shape)})`, heatmap(p.input, cell, colourOf(p.input.data), highlight(cell, p.input.shape, r, c, r + kh - 1, c + kw - 1))),
          captioned(fitting([`kernel w, b = ${formatValue(p.bias)}`, `w, b = ${formatValue(p.bias)}`, 'w'], kw * cell + 2 * cell), heatmap(p.kernel, cell, colourOf(p.kernel.data, 'diverging'), highlight(cell, p.kernel.shape, 0, 0, kh - 1, kw - 1)), 2 * cell),
          captioned(`output a (${dims(p.output.shape)})`, heatmap(p.output, cell, colourOf(p.output.data), highlight(cell, p.output.shape, r, c, r, c))),
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
          captioned(`δˡ⁺¹ (${dims(p.delta.shape)})`, heatmap(p.delta, cell, signed, highlight(cell, p.delta.shape, i - kh + 1, j - kw + 1, i, j)), 2 * cell),
          captioned('rot180(w)', heatmap(rot, cell, colourOf(rot.data, 'diverging'), highlight(cell, rot.shape, 0, 0, kh - 1, kw - 1)), 2 * cell),
          captioned(`δˡ (${dims(p.output.shape)})`, heatmap(p.output, cell, signed, highlight(cell, p.output.shape, i, j, i, j))),
        ],
        2 * cell,
      );
    }
    case 'pool': {
      const cell = cellFor(p.input.shape[1] + p.output.shape[1] + 2, p.input.shape[0]);
      const focus = windowMarks(p, cell);
      return rowOf(
        [
          captioned(`input x (${dims(p.input.shape)}), windows ${dims(p.size)}`, heatmap(p.input, cell, colourOf(p.input.data), both(poolMarks(p, cell), focus.window)), 2 * cell),
          captioned(`${p.mode} pooled (${dims(p.output.shape)})`, heatmap(p.output, cell * p.size[0], colourOf(p.output.data), focus.pooled)),
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
          captioned(`input x (${dims(p.input.shape)})`, heatmap(p.input, cell, colourOf(p.input.data), both(poolMarks(p, cell), focus.window)), 2 * cell),
          captioned(`δˡ⁺¹ (${dims(p.delta.shape)})`, heatmap(p.delta, cell * p.size[0], signed, focus.pooled), 2 * cell),
          captioned(p.mode === 'max' ? 'δˡ: all to each maximum' : `δˡ: 1/${p.size[0] * p.size[1]} to each cell`, heatmap(p.output, cell, signed, both(poolMarks({ ...p, argmax: undefined }, cell), focus.window))),
        ],
        2 * cell,
      );
    }
    case 'compare':
      return comparePicture(p);
    case 'live':
      return livePicture(p);
  }
}

/** The PNG fallback of a payload: the same panels as the interactive view, named under each panel (one-panel matrices by the caption beside the picture), linked views at their first position. */
export function payloadPng(p: Payload): string {
  return toPng(item(p));
}

