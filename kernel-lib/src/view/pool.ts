import type { PoolBackwardPayload, PoolPayload } from '../contract';
import { type Room, emptyScene, widthOf } from './build';
import { frameOf } from './conv';
import { describePayload } from './describe';
import { poolBackwardFormula, poolFormula } from './formulas';
import { type Spacing, convTaps, poolShares, spacingOf, unreadCells } from './windows';
import { cellName, focusOf, indexBaseOf } from './labels';
import { MAX_CELL, MIN_LINKED_CELL, type PanelSpec, ROW_HEIGHT, fitPanels, heatPanel, placePanels, scaleOf } from './panels';
import type { Frame, Linking, Ring, Rule, Scene } from './scene';

/** The lines between pooling windows of a panel: the tiling of the notes ("the blocks do not slide"). */
function tiling(panel: number, [h, w]: readonly number[], size: readonly number[]): Rule[] {
  const rules: Rule[] = [];
  for (let r = size[0]; r < h; r += size[0]) rules.push({ panel, r0: r, c0: 0, r1: r, c1: w });
  for (let c = size[1]; c < w; c += size[1]) rules.push({ panel, r0: 0, c0: c, r1: h, c1: c });
  return rules;
}

/** A ring in each window's maximum (round, so it is not taken for the square frame of the window). */
function rings(panel: number, w: number, argmax: number[] | undefined): Ring[] {
  return (argmax ?? []).map((i) => ({ panel, r: Math.floor(i / w), c: i % w }));
}

/** Pooling panels side by side or, when their cells would get too small, the last one (or two) wrapped into rows below. */
function fitPooling(specs: PanelSpec[], room: Room): { specs: PanelSpec[]; cell: number } {
  const arrangements = [specs, specs.map((s, i) => (i === specs.length - 1 ? { ...s, row: 1 } : s))];
  if (specs.length === 3) arrangements.push(specs.map((s, i) => ({ ...s, row: i })));
  return fitPanels(arrangements, { width: widthOf(room), max: MAX_CELL, min: MIN_LINKED_CELL, rowHeight: ROW_HEIGHT });
}

/** Positions are windows: a hover on a pooled panel selects its cell, on an input-sized panel the window holding the cell. */
function windowLinking(
  p: PoolPayload | PoolBackwardPayload,
  pooled: number[],
  tiled: number[],
  out: readonly number[],
  frames: (r: number, c: number) => Frame[],
  sum: (r: number, c: number) => string[],
): Linking {
  const [oh, ow] = out;
  const base = indexBaseOf(p);
  const [fr, fc] = focusOf(p);
  return {
    count: oh * ow,
    position: fr * ow + fc,
    noun: 'window',
    columns: ow,
    positionAt(panel, r, c) {
      const at = pooled.includes(panel)
        ? [r, c]
        : tiled.includes(panel)
          ? [Math.floor(r / p.size[0]), Math.floor(c / p.size[1])]
          : undefined;
      return at && at[0] >= 0 && at[0] < oh && at[1] >= 0 && at[1] < ow ? at[0] * ow + at[1] : undefined;
    },
    focus(position) {
      const [r, c] = [Math.floor(position / ow), position % ow];
      return { frames: frames(r, c), sum: sum(r, c), label: `${r + base},${c + base}` };
    },
  };
}

const windowFrame = (panel: number, p: PoolPayload | PoolBackwardPayload, r: number, c: number): Frame[] =>
  frameOf(panel, p.input.shape, r * p.size[0], c * p.size[1], (r + 1) * p.size[0] - 1, (c + 1) * p.size[1] - 1);

/** The pooling view: x tiled into windows with each maximum ringed, and the pooled map drawn with cells one window wide. */
export function poolScene(p: PoolPayload, room: Room, position?: number): Scene {
  if (isSpacedPool(p)) return spacedPoolScene(p, room, position);
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
  const placed = placePanels(specs, cell);
  const colours = scaleOf([...p.input.data, ...p.output.data]);
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  s.panels.push(
    heatPanel(placed.boxes[0], { rows: h, cols: w, values: p.input.data, scale: colours, base, symbol: 'x', write: p.values }),
    heatPanel(placed.boxes[1], { rows: oh, cols: ow, values: p.output.data, scale: colours, base, symbol: 'y', write: p.values }),
  );
  s.rules.push(...tiling(0, p.input.shape, p.size));
  s.rings.push(...rings(0, w, p.argmax));
  s.linking = windowLinking(
    p,
    [1],
    [0],
    p.output.shape,
    (r, c) => [...windowFrame(0, p, r, c), ...frameOf(1, p.output.shape, r, c, r, c)],
    (r, c) => poolFormula(p, r, c),
  );
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}

/** δ back through pooling: x with its maxima ringed, δˡ⁺¹ (one cell per window), and δˡ routed into the tiling. */
export function poolBackwardScene(p: PoolBackwardPayload, room: Room, position?: number): Scene {
  if (isSpacedPool(p)) return spacedPoolBackwardScene(p, room, position);
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
  const placed = placePanels(specs, cell);
  const signed = scaleOf([...p.delta.data, ...p.output.data], 'diverging');
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  s.panels.push(
    heatPanel(placed.boxes[0], {
      rows: h,
      cols: w,
      values: p.input.data,
      scale: scaleOf(p.input.data),
      base,
      symbol: 'x',
      write: p.values,
    }),
    heatPanel(placed.boxes[1], { rows: oh, cols: ow, values: p.delta.data, scale: signed, base, symbol: 'δˡ⁺¹', write: p.values }),
    heatPanel(placed.boxes[2], { rows: h, cols: w, values: p.output.data, scale: signed, base, symbol: 'δˡ', write: p.values }),
  );
  s.rules.push(...tiling(0, p.input.shape, p.size), ...tiling(2, p.input.shape, p.size));
  // δˡ needs no rings: with max pooling its non-zero cells are the maxima.
  s.rings.push(...rings(0, w, p.argmax));
  s.linking = windowLinking(
    p,
    [1],
    [0, 2],
    [oh, ow],
    (r, c) => [...windowFrame(0, p, r, c), ...frameOf(1, [oh, ow], r, c, r, c), ...windowFrame(2, p, r, c)],
    (r, c) => poolBackwardFormula(p, r, c),
  );
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}

/** A pool payload's windows: its stride (default the size), dilation and padding, as a conv's. */
export function poolSpacing(p: Pick<PoolPayload, 'size' | 'stride' | 'dilation' | 'padding'>): Spacing {
  return spacingOf({ ...p, stride: p.stride ?? [p.size[0], p.size[1]] });
}

/** Whether a pooling payload has a spacing (stride, dilation, padding or ceil mode) rather than the notes' tiling. */
export const isSpacedPool = (p: Pick<PoolPayload, 'stride' | 'dilation' | 'padding' | 'ceilMode'>): boolean =>
  [p.stride, p.dilation, p.padding, p.ceilMode].some((v) => v !== undefined);

/**
 * x's plane inside its padding and out to the end of ceil mode's last partial window: `rows` x
 * `cols` cells, x at (top, left); a plane of x's shape laid onto it (null outside x) with each
 * cell's name ('padding', 'beyond x…', or `name` for the cells of x).
 */
function paddedGrid(p: PoolPayload | PoolBackwardPayload, out: readonly number[], spacing: Spacing) {
  const [h, w] = p.input.shape;
  const [[top, bottom], [left, right]] = spacing.padding;
  const last = [0, 1].map((a) => (out[a] - 1) * spacing.stride[a] - spacing.padding[a][0] + (p.size[a] - 1) * spacing.dilation[a]);
  const rows = top + h + Math.max(bottom, last[0] - (h - 1));
  const cols = left + w + Math.max(right, last[1] - (w - 1));
  const lay = (data: readonly number[], name: (i: number, j: number) => string, padding: string) => {
    const values: Array<number | null> = [];
    const names: string[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const [i, j] = [r - top, c - left];
        const inside = i >= 0 && i < h && j >= 0 && j < w;
        values.push(inside ? data[i * w + j] : null);
        names.push(inside ? name(i, j) : i < h + bottom && j < w + right ? padding : "beyond x and its padding (ceil mode's last window)");
      }
    }
    return { values, names };
  };
  return { rows, cols, top, left, lay };
}

/** The dotted outline of x inside its padding, and grey frames on the cells no window reads. */
function spacedMarks(
  panel: number,
  p: PoolPayload | PoolBackwardPayload,
  out: readonly number[],
  spacing: Spacing,
  top: number,
  left: number,
): Frame[] {
  const [h, w] = p.input.shape;
  return [
    { panel, r0: top, c0: left, r1: top + h - 1, c1: left + w - 1, style: 'dotted' },
    ...unreadCells(p.input.shape, p.size, spacing, out).map(([r, c]): Frame => ({
      panel,
      r0: r + top,
      c0: c + left,
      r1: r + top,
      c1: c + left,
      style: 'grey',
    })),
  ];
}

/**
 * The pooling view for any stride, padding, dilation and ceil mode: x inside its padding (dotted
 * outline), extended to the end of ceil mode's last partial window (those cells empty, marked
 * 'beyond x'), each window framed (tap by tap when dilated), the maxima ringed, unread cells greyed.
 */
function spacedPoolScene(p: PoolPayload, room: Room, position?: number): Scene {
  const [h, w] = p.input.shape;
  const [oh, ow] = p.output.shape;
  const base = indexBaseOf(p);
  const spacing = poolSpacing(p);
  const { rows, cols, top, left, lay } = paddedGrid(p, p.output.shape, spacing);
  const { specs, cell } = fitPooling(
    [
      { rows, cols, title: `input x (${h}x${w}), windows ${p.size.join('x')}`, base: base - top, colBase: base - left },
      { rows: oh, cols: ow, title: `${p.mode} pooled (${oh}x${ow})`, base },
    ],
    room,
  );
  const placed = placePanels(specs, cell);
  const colours = scaleOf([...p.input.data, ...p.output.data]);
  const { values, names } = lay(p.input.data, (i, j) => `x${cellName(i, j, base)}`, 'padding');
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  s.panels.push(
    heatPanel(placed.boxes[0], {
      rows,
      cols,
      values,
      scale: colours,
      base: base - top,
      colBase: base - left,
      symbol: 'x',
      names,
      write: p.values,
      writeShape: p.input.shape,
    }),
    heatPanel(placed.boxes[1], { rows: oh, cols: ow, values: p.output.data, scale: colours, base, symbol: 'y', write: p.values }),
  );
  s.frames.push(...spacedMarks(0, p, p.output.shape, spacing, top, left));
  s.rings.push(...(p.argmax ?? []).map((i) => ({ panel: 0, r: Math.floor(i / w) + top, c: (i % w) + left })));
  const dense = spacing.dilation[0] === 1 && spacing.dilation[1] === 1;
  const frames = (r: number, c: number): Frame[] => {
    const taps = convTaps(p.input.shape, p.size, spacing, r, c).map((t) => [t.from[0] + top, t.from[1] + left] as const);
    const window = dense
      ? frameOf(0, [rows, cols], taps[0][0], taps[0][1], taps[taps.length - 1][0], taps[taps.length - 1][1])
      : taps.flatMap(([i, j]) => frameOf(0, [rows, cols], i, j, i, j));
    return [...window, ...frameOf(1, p.output.shape, r, c, r, c)];
  };
  const [fr, fc] = focusOf(p);
  s.linking = {
    count: oh * ow,
    position: fr * ow + fc,
    noun: 'window',
    columns: ow,
    positionAt: (panel, r, c) => (panel === 1 && r >= 0 && r < oh && c >= 0 && c < ow ? r * ow + c : undefined),
    focus: (at) => {
      const [r, c] = [Math.floor(at / ow), at % ow];
      return { frames: frames(r, c), sum: poolFormula(p, r, c), label: `${r + base},${c + base}` };
    },
  };
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}

/**
 * δ back through pooling with any stride, padding, dilation and ceil mode, position by position of
 * δˡ: x and δˡ on the same padded grid (δ sent to padding is dropped), δˡ⁺¹ between them. Hovering
 * a cell of x or δˡ frames it and every window that reads it in δˡ⁺¹ — solid where it sends δ back
 * (the window's maximum; every reader with avg), dotted where it does not — and writes the sum.
 */
function spacedPoolBackwardScene(p: PoolBackwardPayload, room: Room, position?: number): Scene {
  const [h, w] = p.input.shape;
  const [oh, ow] = p.delta.shape;
  const base = indexBaseOf(p);
  const spacing = poolSpacing(p);
  const { rows, cols, top, left, lay } = paddedGrid(p, p.delta.shape, spacing);
  const { specs, cell } = fitPooling(
    [
      { rows, cols, title: `input x (${h}x${w}), windows ${p.size.join('x')}`, base: base - top, colBase: base - left },
      { rows: oh, cols: ow, title: `δˡ⁺¹ (${oh}x${ow})`, base },
      {
        rows,
        cols,
        title: p.mode === 'max' ? `δˡ (${h}x${w}): all of δ to each window's maximum` : `δˡ (${h}x${w}): δ/n to each cell a window reads`,
        base: base - top,
        colBase: base - left,
      },
    ],
    room,
  );
  const placed = placePanels(specs, cell);
  const signed = scaleOf([...p.delta.data, ...p.output.data], 'diverging');
  const x = lay(p.input.data, (i, j) => `x${cellName(i, j, base)}`, 'padding');
  const d = lay(p.output.data, (i, j) => `δˡ${cellName(i, j, base)}`, 'padding (its δ is dropped)');
  const grid = { rows, cols, base: base - top, colBase: base - left, write: p.values, writeShape: p.input.shape };
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  s.panels.push(
    heatPanel(placed.boxes[0], { ...grid, values: x.values, names: x.names, scale: scaleOf(p.input.data), symbol: 'x' }),
    heatPanel(placed.boxes[1], { rows: oh, cols: ow, values: p.delta.data, scale: signed, base, symbol: 'δˡ⁺¹', write: p.values }),
    heatPanel(placed.boxes[2], { ...grid, values: d.values, names: d.names, scale: signed, symbol: 'δˡ' }),
  );
  s.frames.push(...spacedMarks(0, p, p.delta.shape, spacing, top, left), ...spacedMarks(2, p, p.delta.shape, spacing, top, left));
  s.rings.push(...(p.argmax ?? []).map((i) => ({ panel: 0, r: Math.floor(i / w) + top, c: (i % w) + left })));
  const [fr, fc] = focusOf(p);
  s.linking = {
    count: h * w,
    position: fr * w + fc,
    noun: 'cell',
    columns: w,
    positionAt(panel, r, c) {
      const [i, j] = [r - top, c - left];
      return panel !== 1 && i >= 0 && i < h && j >= 0 && j < w ? i * w + j : undefined;
    },
    focus(at) {
      const [i, j] = [Math.floor(at / w), at % w];
      const windows = poolShares(p, spacing, i, j).map((sh): Frame => ({
        panel: 1,
        r0: sh.window[0],
        c0: sh.window[1],
        r1: sh.window[0],
        c1: sh.window[1],
        style: sh.weight > 0 ? 'focus' : 'dotted',
      }));
      const cellFrames = [0, 2].flatMap((panel) => frameOf(panel, [rows, cols], i + top, j + left, i + top, j + left));
      return { frames: [...cellFrames, ...windows], sum: poolBackwardFormula(p, i, j), label: `${i + base},${j + base}` };
    },
  };
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}
