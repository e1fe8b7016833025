import { inspectText, replayText } from './inspectText';
import { fieldsText } from './fieldsText';
import type { LivePayload, Payload, Plane } from '../contract';
import {
  type Scene,
  compareDifferences,
  convBackwardFormula,
  convFormula,
  describePayload,
  drawingText,
  differenceCaption,
  differenceTitle,
  focusOf,
  formatValue,
  liveRange,
  panelName,
  poolBackwardFormula,
  poolFormula,
  stampFormula,
  symbolicConvFormula,
  progressText,
  rotated,
  exploreView,
  exploreRelation,
  exploreCalls,
  callLines,
} from '../view';

export { formatValue };

/** The plain-text fallback of a matrix: a header line, then the values in aligned columns (at most 16x16). */
export function matrixText(title: string, rows: number, cols: number, data: ArrayLike<number>, maxRows = 16, maxCols = 16): string {
  const header = `${title} [${rows}x${cols}]`;
  const cells: string[][] = [];
  for (let r = 0; r < Math.min(rows, maxRows); r++) {
    const line: string[] = [];
    for (let c = 0; c < Math.min(cols, maxCols); c++) line.push(formatValue(data[r * cols + c]));
    if (cols > maxCols) line.push('…');
    cells.push(line);
  }
  const width = Math.max(1, ...cells.flat().map((s) => s.length));
  const body = cells.map((line) => line.map((s) => s.padStart(width)).join(' '));
  if (rows > maxRows) body.push('…');
  return [header, ...body].join('\n');
}

const block = (name: string, plane: Plane): string => matrixText(name, plane.shape[0], plane.shape[1], plane.data);

/** A conv payload's input or kernel: one block, or one per channel ("input x, channel 1"). */
function channelBlocks(p: { channels?: number; indexBase?: 0 | 1 }, name: string, plane: Plane): string[] {
  const depth = p.channels ?? 1;
  if (depth === 1) return [block(name, plane)];
  const n = plane.shape[0] * plane.shape[1];
  const base = p.indexBase ?? 1;
  return Array.from({ length: depth }, (_, k) =>
    block(`${name}, channel ${k + base}`, { shape: plane.shape, data: plane.data.slice(k * n, (k + 1) * n) }),
  );
}

/** The sum a linked view writes out at its first position (its `focus`), or undefined for other views. */
export function focusFormula(p: Payload): string | undefined {
  if (p.kind === 'conv-transpose') return stampFormula(p, ...focusOf(p)).join('\n');
  if (p.kind !== 'conv' && p.kind !== 'conv-backward' && p.kind !== 'pool' && p.kind !== 'pool-backward') return undefined;
  const [r, c] = focusOf(p);
  switch (p.kind) {
    case 'conv':
      return [...(p.symbols ? symbolicConvFormula(p, r, c) : []), ...convFormula(p, r, c)].join('\n');
    case 'conv-backward':
      return convBackwardFormula(p, r, c).join('\n');
    case 'pool':
      return poolFormula(p, r, c).join('\n');
    case 'pool-backward':
      return poolBackwardFormula(p, r, c).join('\n');
  }
}

function sections(p: Payload): string[] {
  switch (p.kind) {
    case 'matrix':
    case 'signed':
      return [block(p.title, p)];
    case 'kernel':
      return [block(p.title, p), ...(p.bias === undefined ? [] : [`bias b = ${formatValue(p.bias)}`])];
    case 'grid': {
      const [n, c, h, w] = p.shape;
      const shown = Math.min(n * c, 2);
      const maps = Array.from({ length: shown }, (_, i) =>
        matrixText(`map ${panelName(p, i)}`, h, w, p.data.slice(i * h * w, (i + 1) * h * w), 8, 8),
      );
      return n * c > shown ? [...maps, `… and ${n * c - shown} more maps`] : maps;
    }
    case 'conv':
      return [
        ...channelBlocks(p, 'input x', p.input),
        ...channelBlocks(p, 'kernel w', p.kernel),
        `bias b = ${formatValue(p.bias)}`,
        block(`output a = ${p.activation}(z)`, p.output),
        focusFormula(p) ?? '',
      ];
    case 'conv-backward':
      return [
        block('δˡ⁺¹', p.delta),
        block('rot180(w)', rotated(p.kernel)),
        block('δˡ = δˡ⁺¹ ⋆full rot180(w)', p.output),
        focusFormula(p) ?? '',
      ];
    case 'conv-transpose':
      return [block('input x', p.input), block('kernel w', p.kernel), block('y = Σ of the stamps', p.output), focusFormula(p) ?? ''];
    case 'pool':
      return [block('input x', p.input), block(`${p.mode} pooled y`, p.output), focusFormula(p) ?? ''];
    case 'pool-backward':
      return [block('δˡ⁺¹', p.delta), block('δˡ routed back', p.output), focusFormula(p) ?? ''];
    case 'compare': {
      const d = compareDifferences(p);
      const items = p.items.map((it) => block(it.label, { shape: p.shape, data: it.data }));
      const diffBlocks = d.planes.map((pl, i) =>
        block(differenceTitle(`${p.items[i + 1].label} − ${p.items[0].label}`, pl), { shape: p.shape, data: pl.data }),
      );
      return [...items, ...diffBlocks, differenceCaption(d)];
    }
    case 'live':
      return [liveText(p)];
    case 'inspect':
      return inspectText(p);
    case 'replay':
      return replayText(p);
    case 'drawing':
      return [drawingText(p)];
    case 'fields':
      return fieldsText(p);
    case 'explore': {
      const view = exploreView(p);
      return [
        ...(view ? sections(view) : []),
        exploreRelation(p.settings).join('\n'),
        callLines(exploreCalls(p.settings, p.bias)).join('\n'),
      ];
    }
  }
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** A curve in one line of block characters on its panel's range, the last `width` values. */
function sparkline(values: readonly number[], [lo, hi]: readonly number[], width = 24): string {
  return values
    .slice(-width)
    .map((v) => SPARKS[Math.max(0, Math.min(SPARKS.length - 1, Math.round(((v - lo) / (hi - lo)) * (SPARKS.length - 1))))])
    .join('');
}

/** The status line, a 40-character bar with its label, and per curve its latest value, a sparkline and its best value. */
function liveText(p: LivePayload): string {
  const done = Math.floor((40 * p.step) / p.total);
  const lines = [...(p.status ? [p.status] : []), `[${'#'.repeat(done)}${'.'.repeat(40 - done)}] ${progressText(p)}`];
  const width = Math.max(0, ...p.series.map((s) => s.name.length));
  for (const s of p.series) {
    if (s.values.length === 0) {
      lines.push(`${s.name.padEnd(width)}  –`);
      continue;
    }
    const best = s.panel === 'loss' ? Math.min(...s.values) : Math.max(...s.values);
    const last = formatValue(s.values[s.values.length - 1]);
    lines.push(
      `${s.name.padEnd(width)}  ${last.padEnd(10)} ${sparkline(s.values, liveRange(p, s.panel))}  ${s.panel === 'loss' ? 'min' : 'max'} ${formatValue(best)}, ${s.values.length} point${s.values.length === 1 ? '' : 's'}`,
    );
  }
  return lines.join('\n');
}

/**
 * The text/plain fallback of any view: its description (and notice), then its matrices and, for a
 * linked view, the sum its scene writes at its position.
 */
export function payloadText(p: Payload, scene?: Scene): string {
  const body = sections(p);
  if (scene?.focus && p.kind !== 'explore') body[body.length - 1] = scene.focus.sum.join('\n');
  return [scene?.alt ?? describePayload(p), ...(p.notice ? [p.notice] : []), ...body].join('\n\n');
}
