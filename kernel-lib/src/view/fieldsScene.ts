import type { FieldsPayload, Maps } from '../contract';
import { type Room, emptyScene, widthOf } from './build';
import { describePayload } from './describe';
import { type Field, type LayerSteps, type ReceptiveSize, neuronFields, receptiveSizes } from './fields';
import { formatValue } from './geometry';
import { type Block, cellFor, flowBlocks } from './inspectLayout';
import { type Mosaic, mosaicAt, mosaicCell, mosaicNames, mosaicOf, mosaicValues } from './inspectMosaic';
import { indexBaseOf } from './labels';
import { heatPanel, scaleOf } from './panels';
import type { Box, Frame, Linking, Scene } from './scene';

/** Pixels of a dense layer's bars at their longest, and their colours (positive, negative). */
export const BAR_LENGTH = 64;
const BAR_POSITIVE = '#6baed6';
const BAR_NEGATIVE = '#fd8d3c';
/** Most frames one field is drawn with. */
export const MAX_FRAMES = 1024;

const columnMaps = (p: FieldsPayload): Maps[] => [p.input, ...p.layers.map((l) => l.activation)];
const columnSteps = (p: FieldsPayload): LayerSteps[] => p.layers.map((l) => l.steps);

/** The name of a column: the input, or layer l with its name. */
export const fieldsColumnName = (p: FieldsPayload, k: number): string => (k === 0 ? 'the input' : `layer ${k - 1} ${p.layers[k - 1].name}`);

/** Consecutive runs of sorted indices: [0, 1, 2, 5] → [[0, 2], [5, 5]]. */
export function runsOf(xs: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const x of xs) {
    const last = out[out.length - 1];
    if (last && x === last[1] + 1) last[1] = x;
    else out.push([x, x]);
  }
  return out;
}

/**
 * r and j of column k in words: 'r 16, j 4' (rows and cols alike), 'r 5x3, j 1x2'; where the closed
 * forms end, why: the first dense layer or transposed convolution at or below the column.
 */
export function sizeText(g: ReceptiveSize | null, layers: readonly LayerSteps[] = [], k = layers.length): string {
  if (g !== null) {
    const pair = ([a, b]: readonly number[]) => (a === b ? `${a}` : `${a}x${b}`);
    return `r ${pair(g.r)}, j ${pair(g.j)}`;
  }
  const cause = layers.slice(0, k).find((l) => l === 'all' || l.some((s) => s.transposed));
  return cause === 'all' || cause === undefined ? 'r: the whole input (dense)' : 'r, j: no one size after a transposed convolution';
}

/** A field in words, in the payload's numbering: 'rows 5–20, cols 9–24 of every channel'; a dilation's holes as runs. */
export function fieldText(f: Field, m: Maps, base: number, dense = false): string {
  const runs = (xs: number[]) => runsOf(xs).map(([a, b]) => (a === b ? `${a + base}` : `${a + base}–${b + base}`));
  const h = m.shape[1];
  const rows = f.rows.length === 1 ? `row ${runs(f.rows)}` : `rows ${runs(f.rows).join(', ')}`;
  const cols = f.cols.length === 1 ? `col ${runs(f.cols)}` : `cols ${runs(f.cols).join(', ')}`;
  const where = dense ? (h === f.rows.length ? 'all neurons' : rows.replace('row', 'neuron')) : `${rows}, ${cols}`;
  const c = m.shape[0];
  const channels =
    c === 1
      ? ''
      : f.channels.length === c
        ? ' of every channel'
        : ` of channel${f.channels.length > 1 ? 's' : ''} ${runs(f.channels).join(', ')}`;
  const n = f.channels.length * f.rows.length * f.cols.length;
  return `${where}${channels} (${n} cell${n === 1 ? '' : 's'})`;
}

/** Frames of a field in a mosaic panel: one around the panel when it is everything, else one per channel and run of rows and cols. */
function fieldFrames(panel: number, m: Mosaic, f: Field): Frame[] {
  const everything = f.channels.length === m.c && f.rows.length === m.h && f.cols.length === m.w;
  if (everything && m.c > 1) return [{ panel, r0: 0, c0: 0, r1: m.rows - 1, c1: m.cols - 1, style: 'focus' }];
  // A field with more holes than MAX_FRAMES frames can draw gets one frame per channel around all of it.
  let [rows, cols] = [runsOf(f.rows), runsOf(f.cols)];
  if (f.channels.length * rows.length * cols.length > MAX_FRAMES)
    [rows, cols] = [[[f.rows[0], f.rows[f.rows.length - 1]]], [[f.cols[0], f.cols[f.cols.length - 1]]]];
  return f.channels.flatMap((ch) =>
    rows.flatMap(([r0, r1]) =>
      cols.map(([c0, c1]): Frame => {
        const [a, b] = [mosaicCell(m, ch, r0, c0), mosaicCell(m, ch, r1, c1)];
        return { panel, r0: a[0], c0: a[1], r1: b[0], c1: b[1], style: 'focus' };
      }),
    ),
  );
}

/** Bars beside a dense layer's column of cells: length ∝ |a|/max|a|, one colour per sign. */
function bars(box: { x: number; y: number; cell: number }, data: readonly number[]): Box[] {
  const top = Math.max(1e-12, ...data.map(Math.abs));
  return data.map((v, i) => ({
    x: box.x + box.cell + 4,
    y: box.y + i * box.cell + (box.cell > 4 ? 1 : 0),
    width: (Math.abs(v) / top) * BAR_LENGTH,
    height: Math.max(0.5, box.cell - (box.cell > 4 ? 2 : 0)),
    fill: v < 0 ? BAR_NEGATIVE : BAR_POSITIVE,
  }));
}

const isDense = (p: FieldsPayload, k: number): boolean => k > 0 && p.layers[k - 1].steps === 'all';

/**
 * The receptive-field view: one block per column (the input, then every layer) with its maps as
 * one mosaic (a dense layer's outputs as a column of cells with bars beside it) and its
 * receptive-field size r and jump j in the input (Distill's closed forms). Position: a neuron of
 * any column; the view frames it, its receptive field in every column below and its projective
 * field in every column above, exactly (clipped at the borders; a dilation's holes left open).
 */
export function fieldsScene(p: FieldsPayload, room: Room, position?: number): Scene {
  const width = widthOf(room);
  const base = indexBaseOf(p);
  const all = columnMaps(p);
  const sizes = receptiveSizes(columnSteps(p));
  const target = Math.max(120, Math.min(360, (width - 24) / 3 - 32));
  const mosaics = all.map((m, k) => mosaicOf(m.shape, isDense(p, k) ? 1 : undefined));
  const cells = mosaics.map((m, k) =>
    isDense(p, k)
      ? Math.max(2, Math.min(14, Math.floor(320 / m.rows)))
      : cellFor(m.cols, Math.min(width - 60, Math.max(target, m.cols * 3)), 14),
  );
  const blocks: Block[] = all.map((maps, k) => ({
    title: k === 0 ? 'input' : `layer ${k - 1}: ${p.layers[k - 1].name}`,
    items: [
      {
        rows: mosaics[k].rows,
        cols: mosaics[k].cols,
        cell: cells[k],
        title: `a (${maps.shape.join('x')})`,
        lines: [sizeText(sizes[k], columnSteps(p), k)],
      },
    ],
  }));
  const flowed = flowBlocks(blocks, width, 48, 150);
  const s = emptyScene(Math.max(flowed.width, width), flowed.height, describePayload(p));
  const note = 'hover or pin a neuron: its receptive field in every layer below, its projective field in every layer above';
  s.labels.push({ x: 8, y: 38, size: 11, anchor: 'start', tone: 'muted', text: note }, ...flowed.labels);
  all.forEach((maps, k) => {
    const box = flowed.boxes[k][0];
    const m = mosaics[k];
    s.panels.push({
      ...heatPanel(box, {
        rows: m.rows,
        cols: m.cols,
        values: mosaicValues(m, maps.data),
        scale: scaleOf(maps.data),
        base: 0,
        symbol: 'a',
        names: mosaicNames(m, base, 'a'),
        write: maps.shape[0] === 1 && !isDense(p, k) ? 'auto' : false,
      }),
      ticks: { rows: [], cols: [] },
    });
    if (isDense(p, k)) s.boxes.push(...bars(box, maps.data));
  });
  s.linking = fieldsLinking(p, mosaics, base);
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}

/** The neuron shown first: the payload's focus, else the centre of the last column that a window step makes. */
export function fieldsFocus(p: FieldsPayload): [number, number, number, number] {
  if (p.focus) return p.focus;
  let k = p.layers.length;
  while (k > 0 && !(Array.isArray(p.layers[k - 1].steps) && p.layers[k - 1].steps.length > 0)) k--;
  const [, h, w] = columnMaps(p)[k].shape;
  return [k, 0, Math.floor((h - 1) / 2), Math.floor((w - 1) / 2)];
}

/** Positions: every neuron of every column, column by column, channel-major (panel k is column k). */
function fieldsLinking(p: FieldsPayload, mosaics: Mosaic[], base: number): Linking {
  const all = columnMaps(p);
  const steps = columnSteps(p);
  const sizes = receptiveSizes(steps);
  const shapes = all.map((m) => m.shape);
  const counts = all.map((m) => m.data.length);
  const offsets = counts.map((_, k) => counts.slice(0, k).reduce((a, b) => a + b, 0));
  const count = offsets[offsets.length - 1] + counts[counts.length - 1];
  const neuron = (at: number): [number, number, number, number] => {
    let k = all.length - 1;
    while (offsets[k] > at) k--;
    const [, h, w] = shapes[k];
    const i = at - offsets[k];
    return [k, Math.floor(i / (h * w)), Math.floor((i % (h * w)) / w), i % w];
  };
  const positionOf = ([k, ch, r, c]: readonly number[]): number => offsets[k] + (ch * shapes[k][1] + r) * shapes[k][2] + c;
  return {
    count,
    position: positionOf(fieldsFocus(p)),
    noun: 'neuron',
    positionAt(panel, R, C) {
      const at = mosaics[panel] ? mosaicAt(mosaics[panel], R, C) : undefined;
      return at ? positionOf([panel, ...at]) : undefined;
    },
    focus(position) {
      const [k, ch, r, c] = neuron(Math.min(count - 1, Math.max(0, position)));
      const fields = neuronFields(steps, shapes, [k, ch, r, c]);
      const frames = fields.flatMap((f, m) => (f ? fieldFrames(m, mosaics[m], f) : []));
      const i = (ch * shapes[k][1] + r) * shapes[k][2] + c;
      const dense = isDense(p, k);
      const where = dense ? `neuron ${r + base}` : `${shapes[k][0] > 1 ? `channel ${ch + base}, ` : ''}cell (${r + base},${c + base})`;
      const sum = [`following ${fieldsColumnName(p, k)}, ${where}: a = ${formatValue(all[k].data[i])}; ${sizeText(sizes[k], steps, k)}`];
      fields.forEach((f, m) => {
        if (m === k) return;
        const text = f ? fieldText(f, all[m], base, isDense(p, m)) : 'nothing';
        sum.push(
          m < k ? `receptive field in ${fieldsColumnName(p, m)}: ${text}` : `projective field in ${fieldsColumnName(p, m)}: ${text}`,
        );
      });
      const label = `${k === 0 ? 'input' : `layer ${k - 1}`} ${dense ? `n${r + base}` : `c${ch + base} (${r + base},${c + base})`}`;
      return { frames, sum, label };
    },
  };
}
