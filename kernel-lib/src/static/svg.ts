import { type Focus, type Label, type Panel, type Plot, type Scene, colourAt, formatValue } from '../view';

/**
 * The static backend: a view's Scene as a defensive SVG string, which the PNG fallback renders and
 * the HTML fallback inlines. Only plain elements (rect, path, line, circle, polyline, text, and g
 * to give runs of text their font size, colour and anchor once) with inline colours: no <style>,
 * <use>, foreignObject, script, links or ids; every text is escaped.
 * (The PNG alone may draw each panel's cells as one embedded image: `cellsImage`, given by display/cellsImage.ts.)
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const INK = '#212121';
const MUTED = '#6e6e6e';
const TONES: Record<Label['tone'], string> = { title: INK, ink: INK, muted: MUTED, notice: '#8a5a00' };
/** Lines of a written-out sum under the picture, in the monospace font. */
const SUM_LINE = 15;
const SUM_FONT = 12;

export const n = (v: number): string => String(Math.round(v * 100) / 100);
const ANCHOR = { start: 'start', middle: 'middle', end: 'end' } as const;

function text(x: number, y: number, t: string, size: number, fill: string, anchor: keyof typeof ANCHOR = 'start', extra = ''): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}" fill="${fill}" text-anchor="${ANCHOR[anchor]}"${extra}>${escapeXml(t)}</text>`;
}

/** Black or white, whichever reads better on a cell colour (by its luminance). */
function inkOn(colour: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 ? '#000000' : '#ffffff';
}

/** Texts that share a font size, colour and anchor, written as one group: the values of a map are most of a picture's text. */
function textGroup(items: Array<[number, number, string]>, size: number, fill: string, anchor: keyof typeof ANCHOR): string {
  if (items.length === 0) return '';
  const texts = items.map(([x, y, t]) => `<text x="${n(x)}" y="${n(y)}">${escapeXml(t)}</text>`).join('');
  return `<g font-size="${size}" fill="${fill}" text-anchor="${ANCHOR[anchor]}">${texts}</g>`;
}

/** The cells of a panel: runs of one colour along each row merged, then one path per colour. */
function cells(p: Panel): string {
  const byColour = new Map<string, string[]>();
  for (let r = 0; r < p.rows; r++) {
    let c = 0;
    while (c < p.cols) {
      const colour = p.colours[r * p.cols + c];
      let end = c + 1;
      while (end < p.cols && p.colours[r * p.cols + end] === colour) end++;
      if (colour !== null) {
        const run = byColour.get(colour) ?? [];
        run.push(`M${n(p.x + c * p.cell)} ${n(p.y + r * p.cell)}h${n((end - c) * p.cell)}v${n(p.cell)}h${n(-(end - c) * p.cell)}z`);
        byColour.set(colour, run);
      }
      c = end;
    }
  }
  return [...byColour].map(([colour, d]) => `<path fill="${colour}" d="${d.join('')}"/>`).join('');
}

/** How many runs of one colour `cells` writes for a panel. */
function colourRuns(p: Panel): number {
  let runs = 0;
  for (let r = 0; r < p.rows; r++)
    for (let c = 0; c < p.cols; c++) {
      const colour = p.colours[r * p.cols + c];
      if (colour !== null && (c === 0 || p.colours[r * p.cols + c - 1] !== colour)) runs++;
    }
  return runs;
}

/** The values written in a panel's cells, row-major (as selecting the picture's text copies them), in runs of one ink. */
function values(p: Panel): string {
  if (!p.labels) return '';
  const runs: Array<{ ink: string; items: Array<[number, number, string]> }> = [];
  const { text: labels, size } = p.labels;
  labels.forEach((t, i) => {
    const colour = p.colours[i];
    if (!t || colour === null) return;
    const [r, c] = [Math.floor(i / p.cols), i % p.cols];
    const ink = inkOn(colour);
    if (runs.at(-1)?.ink !== ink) runs.push({ ink, items: [] });
    runs.at(-1)!.items.push([p.x + (c + 0.5) * p.cell, p.y + (r + 0.5) * p.cell + size * 0.36, t]);
  });
  return runs.map(({ ink, items }) => textGroup(items, size, ink, 'middle')).join('');
}

function ticks(p: Panel): string {
  const rows = p.ticks.rows.map((v): [number, number, string] => [p.x - 4, p.y + (v - p.rowBase + 0.5) * p.cell + 3.5, String(v)]);
  const cols = p.ticks.cols.map((v): [number, number, string] => [
    p.x + (v - p.colBase + 0.5) * p.cell,
    p.y + p.rows * p.cell + 13,
    String(v),
  ]);
  return textGroup(rows, 10, MUTED, 'end') + textGroup(cols, 10, MUTED, 'middle');
}

function frames(s: Scene, focus?: Focus): string {
  return [...s.frames, ...(focus?.frames ?? [])]
    .map((f) => {
      const p = s.panels[f.panel];
      const [x, y, w, h] = [p.x + f.c0 * p.cell, p.y + f.r0 * p.cell, (f.c1 - f.c0 + 1) * p.cell, (f.r1 - f.r0 + 1) * p.cell];
      if (f.style === 'grey') return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="#808080" fill-opacity="0.75"/>`;
      if (f.style === 'dotted')
        return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="${INK}" stroke-width="1" stroke-dasharray="2 2"/>`;
      return (
        `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="#000000" stroke-width="4"/>` +
        `<rect x="${n(x + 2.5)}" y="${n(y + 2.5)}" width="${n(Math.max(0, w - 5))}" height="${n(Math.max(0, h - 5))}" fill="none" stroke="#ffffff" stroke-width="1.5"/>`
      );
    })
    .join('');
}

function marks(s: Scene): string {
  const rules = s.rules.map((r) => {
    const p = s.panels[r.panel];
    return `<line x1="${n(p.x + r.c0 * p.cell)}" y1="${n(p.y + r.r0 * p.cell)}" x2="${n(p.x + r.c1 * p.cell)}" y2="${n(p.y + r.r1 * p.cell)}" stroke="${INK}" stroke-width="2"/>`;
  });
  const rings = s.rings.map((g) => {
    const p = s.panels[g.panel];
    const [cx, cy, radius] = [p.x + (g.c + 0.5) * p.cell, p.y + (g.r + 0.5) * p.cell, p.cell / 2 - 1.25];
    return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(Math.max(1, radius))}" fill="none" stroke="#000000" stroke-width="2"/><circle cx="${n(cx)}" cy="${n(cy)}" r="${n(Math.max(0.5, radius - 1.75))}" fill="none" stroke="#ffffff" stroke-width="1.5"/>`;
  });
  return rules.join('') + rings.join('');
}

function bars(s: Scene): string {
  return s.bars
    .map((b) => {
      const steps = 48;
      const out: string[] = [];
      for (let i = 0; i < steps; i++) {
        const v = b.scale.max - ((i + 0.5) / steps) * (b.scale.max - b.scale.min);
        out.push(
          `<rect x="${n(b.x)}" y="${n(b.y + (i * b.height) / steps)}" width="${n(b.width)}" height="${n(b.height / steps + 0.5)}" fill="${colourAt(b.scale, v)}"/>`,
        );
      }
      for (const t of b.ticks)
        out.push(
          text(b.x + b.width + 4, b.y + ((b.scale.max - t) / (b.scale.max - b.scale.min)) * b.height + 3.5, formatValue(t), 10, MUTED),
        );
      return out.join('');
    })
    .join('');
}

function plot(s: Scene, pl: Plot, index: number): string {
  const [x0, x1] = pl.xRange;
  const [y0, y1] = pl.yRange;
  const at = (x: number, y: number): [number, number] => [
    pl.x + ((x - x0) / (x1 - x0)) * pl.width,
    pl.y + pl.height - ((y - y0) / (y1 - y0)) * pl.height,
  ];
  const out: string[] = [];
  for (const t of pl.yTicks) {
    const [, y] = at(x0, t);
    out.push(
      `<line x1="${n(pl.x)}" y1="${n(y)}" x2="${n(pl.x + pl.width)}" y2="${n(y)}" stroke="#e8e8e8" stroke-width="1"/>`,
      text(pl.x - 4, y + 3.5, formatValue(t), 10, MUTED, 'end'),
    );
  }
  for (const t of pl.xTicks) out.push(text(at(t, y0)[0], pl.y + pl.height + 13, String(t), 10, MUTED, 'middle'));
  out.push(text(pl.x + pl.width / 2, pl.y + pl.height + 28, pl.xLabel, 10, MUTED, 'middle'));
  out.push(
    `<rect x="${n(pl.x)}" y="${n(pl.y)}" width="${n(pl.width)}" height="${n(pl.height)}" fill="none" stroke="#bebebe" stroke-width="1"/>`,
  );
  const clip = (v: number): number => Math.min(pl.y + pl.height, Math.max(pl.y, v));
  for (const c of s.curves.filter((cv) => cv.plot === index)) {
    const points = c.ys.map((v, i) => at(i + 1, v)).map(([x, y]) => [x, clip(y)]);
    const dash = c.dashed ? ' stroke-dasharray="6 4"' : '';
    if (points.length > 1)
      out.push(
        `<polyline fill="none" stroke="${c.colour}" stroke-width="2"${dash} points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}"/>`,
      );
    if (c.dots) out.push(...points.map(([x, y]) => `<circle cx="${n(x)}" cy="${n(y)}" r="2.5" fill="${c.colour}"/>`));
  }
  return out.join('');
}

function legend(s: Scene): string {
  if (!s.legend) return '';
  const entries = s.curves.filter((c) => c.showLegend);
  let x = s.legend.x;
  const out: string[] = [];
  for (const c of [...entries].reverse()) {
    const width = c.legend.length * 6.5 + 34;
    x -= width;
    const dash = c.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(
      `<line x1="${n(x)}" y1="${n(s.legend.y + 7)}" x2="${n(x + 24)}" y2="${n(s.legend.y + 7)}" stroke="${c.colour}" stroke-width="2"${dash}/>`,
      text(x + 28, s.legend.y + 11, c.legend, 11, INK),
    );
  }
  return out.join('');
}

/**
 * The SVG of a scene on white, with the payload's notice (e.g. "downsampled …") and the sum of a
 * linked view at its position written under the picture in the monospace font: the static
 * pictures carry them themselves (`sum: false` leaves the sum to the page around the picture).
 * `cellsImage` draws each panel's cells as one element of its own (the PNG's unsmoothed picture of the cells).
 *
 * @example
 * sceneSvg(describeView(payload)).startsWith('<svg'); // true
 */
export function sceneSvg(s: Scene, options: SvgOptions = {}): string {
  return svgWithin(s, options, Infinity) as string;
}

/**
 * The SVG that the HTML fallback inlines (no sum: the page writes it), or undefined as soon as it
 * would be longer than `maxLength` characters (a big map: left to the PNG, and not built in vain).
 */
export function inlineSvg(s: Scene, maxLength: number): string | undefined {
  return svgWithin(s, { sum: false }, maxLength);
}

export interface SvgOptions {
  notice?: string;
  sum?: boolean;
  cellsImage?: (panel: Panel) => string;
}

function svgWithin(s: Scene, { notice, sum: withSum = true, cellsImage }: SvgOptions, maxLength: number): string | undefined {
  const sum = [...(notice ? [notice] : []), ...(withSum ? (s.focus?.sum ?? []) : [])];
  const sumTop = s.height + 4;
  const height = Math.ceil(s.height + (sum.length ? sum.length * SUM_LINE + 12 : 0));
  const width = Math.ceil(Math.max(s.width, ...sum.map((line) => 16 + line.length * SUM_FONT * 0.61)));
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">`;
  const body = [head, `<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  let length = body[0].length + body[1].length;
  // The panels' cells are the bulk of a big picture: stop before them when even their shortest
  // writing (12 characters a run of one colour) is too long, or as soon as they are.
  if (length + 12 * s.panels.reduce((sum, p) => sum + colourRuns(p), 0) > maxLength) return undefined;
  for (const p of s.panels) {
    body.push((cellsImage ? cellsImage(p) : cells(p)) + values(p) + ticks(p));
    length += body[body.length - 1].length;
    if (length > maxLength) return undefined;
  }
  body.push(
    marks(s),
    frames(s, s.focus),
    bars(s),
    ...s.boxes.map(
      (b) => `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(Math.max(0, b.width))}" height="${n(b.height)}" fill="${b.fill}"/>`,
    ),
    ...s.plots.map((pl, i) => plot(s, pl, i)),
    legend(s),
    ...s.labels.map((l) => text(l.x, l.y, l.text, l.size, TONES[l.tone], l.anchor)),
    ...sum.map((line, i) =>
      text(8, sumTop + (i + 1) * SUM_LINE, line, SUM_FONT, INK, 'start', ' font-family="DejaVu Sans Mono" xml:space="preserve"'),
    ),
    '</svg>',
  );
  const svg = body.join('');
  return svg.length > maxLength ? undefined : svg;
}
