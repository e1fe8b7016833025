import type { InspectPayload, Maps } from '../contract';
import { type Room, emptyScene, widthOf } from './build';
import { describePayload } from './describe';
import { formatValue } from './geometry';
import { type Region, followNeuron } from './inspectField';
import { type Block, type BlockItem, cellFor, flowBlocks } from './inspectLayout';
import { type Mosaic, mosaicAt, mosaicCell, mosaicNames, mosaicOf, mosaicValues } from './inspectMosaic';
import { indexBaseOf } from './labels';
import { heatPanel, scaleOf } from './panels';
import type { Frame, Linking, Panel, Scene } from './scene';

/** What a panel of the inspector shows: a column's activation or δ (linked), or something else. */
interface Role {
  column: number;
  kind: 'a' | 'delta' | 'other';
  mosaic?: Mosaic;
}

const fmt = (v: number | null): string => (v === null ? '—' : v === 0 ? '0' : v.toExponential(1));

/** The name of a column: the input, or layer l with its name. */
export const columnName = (p: InspectPayload, k: number): string => (k === 0 ? 'the input' : `layer ${k - 1} ${p.layers[k - 1].name}`);

/** The maps of every column: the input's, then each layer's activation. */
const columnMaps = (p: InspectPayload): Maps[] => [p.input, ...p.layers.map((l) => l.activation)];

/** Frames of a region in a mosaic panel: one around the whole panel when it is everything, else one per channel. */
function regionFrames(panel: number, m: Mosaic, g: Region): Frame[] {
  const everything = g.channels === 'all' && g.r0 === 0 && g.c0 === 0 && g.r1 === m.h - 1 && g.c1 === m.w - 1;
  if (everything && m.c > 1) return [{ panel, r0: 0, c0: 0, r1: m.rows - 1, c1: m.cols - 1, style: 'focus' }];
  const channels = g.channels === 'all' ? Array.from({ length: m.c }, (_, ch) => ch) : g.channels;
  return channels.map((ch) => {
    const [a, b] = [mosaicCell(m, ch, g.r0, g.c0), mosaicCell(m, ch, g.r1, g.c1)];
    return { panel, r0: a[0], c0: a[1], r1: b[0], c1: b[1], style: 'focus' as const };
  });
}

/** A region in words, in the payload's numbering: 'rows 5–20, cols 9–24 of every channel'. */
function regionText(g: Region, m: Maps, base: number): string {
  const span = (a: number, b: number) => (a === b ? `${a + base}` : `${a + base}–${b + base}`);
  const [rows, cols] = [g.r0 === g.r1 ? 'row' : 'rows', g.c0 === g.c1 ? 'col' : 'cols'];
  const ch =
    g.channels === 'all'
      ? m.shape[0] === 1
        ? ''
        : ' of every channel'
      : ` of channel${g.channels.length > 1 ? 's' : ''} ${g.channels.map((c) => c + base).join(', ')}`;
  return `${rows} ${span(g.r0, g.r1)}, ${cols} ${span(g.c0, g.c1)}${ch}`;
}

/**
 * The inspector: one block per column (the input, then every layer) holding its activations a
 * (top), its δ on a diverging scale centred at 0 with the rule that produced it, ∂C/∂w and ∂C/∂b,
 * and its gradient checks as heatmaps of the relative residual (analytic − numeric)/max|numeric|
 * at the checked cells, on one scale for all layers (a wrong layer stands out), each with its
 * relative error. Position: a neuron of any column (hover an a or δ cell); the view frames it,
 * its receptive field in every column below, and the δ cells it gathers from in every column above.
 */
export function inspectScene(p: InspectPayload, room: Room, position?: number): Scene {
  const width = widthOf(room);
  const base = indexBaseOf(p);
  const all = columnMaps(p);
  const target = Math.max(150, Math.min(420, (width - 24) / 3 - 32));
  const tolerance = p.tolerance ?? 1e-6;
  const residuals = p.layers.flatMap((l) => l.check?.rows.flatMap((r) => r.residual) ?? []);
  const checkScale = { kind: 'diverging' as const, min: 0, max: Math.max(tolerance, ...residuals.map(Math.abs)) };
  checkScale.min = -checkScale.max;
  const blocks: Block[] = [];
  const contents: Array<Array<{ role: Role; panel: (box: { x: number; y: number; cell: number }) => Panel }>> = [];
  all.forEach((maps, k) => {
    const layer = k === 0 ? undefined : p.layers[k - 1];
    const m = mosaicOf(maps.shape);
    const cellA = cellFor(m.cols, Math.min(width - 60, Math.max(target, m.cols * 3)), 14);
    const write = maps.shape[0] === 1 ? 'auto' : false;
    const items: BlockItem[] = [];
    const parts: (typeof contents)[number] = [];
    const mosaicPanel =
      (kind: 'a' | 'delta', data: number[], symbol: string, diverging: boolean) => (box: { x: number; y: number; cell: number }) => ({
        ...heatPanel(box, {
          rows: m.rows,
          cols: m.cols,
          values: mosaicValues(m, data),
          scale: scaleOf(data, diverging ? 'diverging' : undefined),
          base: 0,
          symbol,
          names: mosaicNames(m, base, symbol),
          write,
        }),
        ticks: { rows: [], cols: [] },
      });
    items.push({ rows: m.rows, cols: m.cols, cell: cellA, title: `a (${maps.shape.join('x')})` });
    parts.push({ role: { column: k, kind: 'a', mosaic: m }, panel: mosaicPanel('a', maps.data, 'a', false) });
    if (layer) {
      items.push({ rows: m.rows, cols: m.cols, cell: cellA, title: `δ by ${layer.deltaRule}` });
      parts.push({ role: { column: k, kind: 'delta', mosaic: m }, panel: mosaicPanel('delta', layer.delta.data, 'δ', true) });
      const grads: Array<[string, Maps | undefined]> = [
        ['∂C/∂w', layer.weightGrad],
        ['∂C/∂b', layer.biasGrad && { shape: [1, 1, layer.biasGrad.length], data: layer.biasGrad }],
      ];
      for (const [symbol, g] of grads) {
        if (!g) continue;
        const gm = mosaicOf(g.shape);
        items.push({
          rows: gm.rows,
          cols: gm.cols,
          cell: cellFor(gm.cols, target, 10),
          title: `${symbol} (${g.shape[0] === 1 ? g.shape.slice(1).join('x') : g.shape.join('x')})${symbol === '∂C/∂w' && layer.weightNote ? `, ${layer.weightNote}` : ''}`,
        });
        parts.push({
          role: { column: k, kind: 'other' },
          panel: (box) => ({
            ...heatPanel(box, {
              rows: gm.rows,
              cols: gm.cols,
              values: mosaicValues(gm, g.data),
              scale: scaleOf(g.data, 'diverging'),
              base: 0,
              symbol,
              names: mosaicNames(gm, base, symbol),
              write: false,
            }),
            ticks: { rows: [], cols: [] },
          }),
        });
      }
      const check = layer.check;
      if (check && check.rows.length > 0) {
        const cols = Math.max(1, ...check.rows.map((r) => r.residual.length));
        const values = check.rows.flatMap((r) => Array.from({ length: cols }, (_, i) => (i < r.residual.length ? r.residual[i] : null)));
        const names = check.rows.flatMap((r) =>
          Array.from({ length: cols }, (_, i) => `${r.label}, checked cell ${i + base}: (analytic − numeric)/max|numeric|`),
        );
        const lines = [...check.rows.map((r) => `${r.label}: ${fmt(r.error)}`), check.ok ? 'ok' : 'WRONG: over the tolerance'];
        items.push({
          rows: check.rows.length,
          cols,
          cell: Math.max(6, cellFor(cols, target * 0.8, 10)),
          title: 'checks: residuals, relative errors',
          lines,
        });
        parts.push({
          role: { column: k, kind: 'other' },
          panel: (box) => ({
            ...heatPanel(box, { rows: check.rows.length, cols, values, scale: checkScale, base: 0, symbol: '', names, write: false }),
            ticks: { rows: [], cols: [] },
          }),
        });
      }
    }
    blocks.push({ title: k === 0 ? 'input' : `layer ${k - 1}: ${layer?.name}`, items });
    contents.push(parts);
  });
  const eps = p.eps === undefined ? '' : `central differences with ε = ${String(p.eps)}, `;
  const note = `gradient checks: ${eps}tolerance ${String(tolerance)}; each layer on its own and in the network; hover or pin a neuron to follow it`;
  const flowed = flowBlocks(blocks, width, 48, 150);
  const s = emptyScene(Math.max(flowed.width, width), flowed.height, describePayload(p));
  s.labels.push({ x: 8, y: 38, size: 11, anchor: 'start', tone: 'muted', text: note }, ...flowed.labels);
  const roles: Role[] = [];
  contents.forEach((parts, b) =>
    parts.forEach((part, i) => {
      s.panels.push(part.panel(flowed.boxes[b][i]));
      roles.push(part.role);
    }),
  );
  s.linking = inspectLinking(p, roles, base);
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}

/** Positions: every neuron of every column, column by column, channel-major. */
function inspectLinking(p: InspectPayload, roles: Role[], base: number): Linking {
  const all = columnMaps(p);
  const sizes = all.map((m) => m.data.length);
  const offsets = sizes.map((_, k) => sizes.slice(0, k).reduce((a, b) => a + b, 0));
  const count = offsets[offsets.length - 1] + sizes[sizes.length - 1];
  const neuron = (at: number): [number, number, number, number] => {
    let k = all.length - 1;
    while (offsets[k] > at) k--;
    const [, h, w] = all[k].shape;
    const i = at - offsets[k];
    return [k, Math.floor(i / (h * w)), Math.floor((i % (h * w)) / w), i % w];
  };
  const positionOf = ([k, ch, r, c]: readonly number[]): number => offsets[k] + (ch * all[k].shape[1] + r) * all[k].shape[2] + c;
  const fields = p.layers.map((l) => l.field);
  const shapes = all.map((m) => m.shape);
  return {
    count,
    position: positionOf(p.focus ?? [0, 0, 0, 0]),
    noun: 'neuron',
    positionAt(panel, R, C) {
      const role = roles[panel];
      const at = role?.mosaic && role.kind !== 'other' ? mosaicAt(role.mosaic, R, C) : undefined;
      return at ? positionOf([role.column, ...at]) : undefined;
    },
    focus(position) {
      const [k, ch, r, c] = neuron(Math.min(count - 1, Math.max(0, position)));
      const regions = followNeuron(fields, shapes, [k, ch, r, c]);
      const frames: Frame[] = [];
      roles.forEach((role, panel) => {
        const g = regions[role.column];
        if (!g || !role.mosaic || role.kind === 'other') return;
        if (role.kind === 'a' && role.column > k) return; // above, only the δ it gathers from
        frames.push(...regionFrames(panel, role.mosaic, g));
      });
      const i = (ch * all[k].shape[1] + r) * all[k].shape[2] + c;
      const delta = k === 0 ? '' : `, δ = ${formatValue(p.layers[k - 1].delta.data[i])}`;
      const sum = [
        `following ${columnName(p, k)}${all[k].shape[0] > 1 ? `, channel ${ch + base}` : ''}, cell (${r + base},${c + base}): a = ${formatValue(all[k].data[i])}${delta}`,
      ];
      regions.forEach((g, m) => {
        if (m === k || !g) return;
        sum.push(
          m < k
            ? `sees in ${columnName(p, m)}: ${regionText(g, all[m], base)}`
            : `gathers δ from ${columnName(p, m)}: ${regionText(g, all[m], base)}`,
        );
      });
      return { frames, sum, label: `${k === 0 ? 'input' : `layer ${k - 1}`} c${ch + base} (${r + base},${c + base})` };
    },
  };
}
