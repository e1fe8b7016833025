import { inspectText, replayText } from './inspectText';
import { fieldsText } from './fieldsText';
import type { LivePayload, Payload } from '../contract';
import {
  type Panel,
  type Scene,
  compareDifferences,
  describePayload,
  describeView,
  drawingText,
  differenceCaption,
  formatValue,
  liveRange,
  progressText,
  exploreRelation,
  exploreCalls,
  callLines,
} from '../view';

export { formatValue };

/**
 * The plain-text fallback of a matrix: a header line, then the values in aligned columns (at most
 * 16x16), '·' for an empty cell (padding, a gap).
 */
export function matrixText(title: string, rows: number, cols: number, data: ArrayLike<number | null>, maxRows = 16, maxCols = 16): string {
  const header = title.includes(`(${rows}x${cols})`) ? title : `${title} [${rows}x${cols}]`;
  const cells: string[][] = [];
  for (let r = 0; r < Math.min(rows, maxRows); r++) {
    const line: string[] = [];
    for (let c = 0; c < Math.min(cols, maxCols); c++) {
      const v = data[r * cols + c];
      line.push(v === null ? '·' : formatValue(v));
    }
    if (cols > maxCols) line.push('…');
    cells.push(line);
  }
  const width = Math.max(1, ...cells.flat().map((s) => s.length));
  const body = cells.map((line) => line.map((s) => s.padStart(width)).join(' '));
  if (rows > maxRows) body.push('…');
  return [header, ...body].join('\n');
}

/** A mosaic's maps shown in text (the rest counted), and the rows and columns written of each. */
const TEXT_TILES = 2;
const TILE_SIDE = 8;

/** What a panel of the description shows, as text: its title and values; a mosaic's first maps. */
function panelText(panel: Panel): string[] {
  if (!panel.tiles) return [matrixText(panel.title || panel.symbol, panel.rows, panel.cols, panel.values)];
  const maps = panel.tiles.slice(0, TEXT_TILES).map((t) => {
    const values = Array.from(
      { length: t.rows * t.cols },
      (_, i) => panel.values[(t.top + Math.floor(i / t.cols)) * panel.cols + t.left + (i % t.cols)],
    );
    return matrixText(`map ${t.name}`, t.rows, t.cols, values, TILE_SIDE, TILE_SIDE);
  });
  const more = panel.tiles.length - maps.length;
  return more > 0 ? [...maps, `… and ${more} more maps`] : maps;
}

/** Views whose text is a summary of their own (curves, a network's layers, a drawing), not their panels' values. */
function summary(p: Payload): string[] | undefined {
  switch (p.kind) {
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
    default:
      return undefined;
  }
}

/** What a view's text adds under its panels and its sum: a comparison's verdict, an explorer's shapes and calls. */
function closing(p: Payload): string[] {
  if (p.kind === 'compare') return [differenceCaption(compareDifferences(p))];
  if (p.kind === 'explore') return [exploreRelation(p.settings).join('\n'), callLines(exploreCalls(p.settings, p.bias)).join('\n')];
  return [];
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
 * The text/plain fallback of any view, written from its description (`describeView`, built here when
 * not given): the text alternative (and notice), then every panel's title and values as drawn
 * (padding and inserted zeros included), the sum at a linked view's position and what the view
 * adds (a verdict, shapes and calls). A view that summarises (curves, a network) writes its summary.
 */
export function payloadText(p: Payload, scene?: Scene): string {
  const notice = p.notice ? [p.notice] : [];
  const sum = (v?: Scene): string[] => (v?.focus ? [v.focus.sum.join('\n')] : []);
  const own = summary(p);
  if (own) return [scene?.alt ?? describePayload(p), ...notice, ...own, ...sum(scene)].join('\n\n');
  const s = scene ?? describeView(p);
  return [s.alt, ...notice, ...s.panels.flatMap(panelText), ...sum(s), ...closing(p)].join('\n\n');
}
