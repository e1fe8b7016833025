import { type Payload, describePayload } from 'convlab/contract';
import type { Config, Layout, Trace } from 'plotly.js-cartesian-dist-min';
import { type Room, type Shape, widthOf } from './figures/common';
import { compareFigure } from './figures/compare';
import { convBackwardFigure, convFigure } from './figures/conv';
import { gridFigure } from './figures/grid';
import { liveFigure } from './figures/live';
import { kernelFigure, matrixFigure } from './figures/matrix';
import { poolBackwardFigure, poolFigure } from './figures/pool';
import type { Theme } from './theme';

export { plotlyText, MAX_SIDE_WITH_VALUES, DEFAULT_WIDTH } from './figures/common';
export type { Room } from './figures/common';

/** What one position of a linked view highlights, and the sum it writes out. */
export interface Focus {
  /** Every layout shape to show (the view's fixed shapes and the highlight). */
  shapes: Shape[];
  /** The sum with its actual numbers, one line per kernel row. */
  caption: string;
  /** The position, 1-based, e.g. "2,3" (also set as data-convlab-focus for tests). */
  label: string;
}

/** How hovering and stepping move the highlight of a linked view. Pure: the widget wires it to events. */
export interface Linking {
  /** Number of positions (output cells, or pooling windows). */
  count: number;
  /** The position shown first: the payload's `focus` (the `at` of the display call). */
  initial: number;
  /** What a position is called in the step control, e.g. 'output cell'. */
  noun: string;
  /** The position a hover over trace `curve` at data coordinates (x, y) selects, if that trace is linked. */
  positionAt(curve: number, x: number, y: number): number | undefined;
  focus(position: number): Focus;
}

/** What plotly draws for one payload, plus its text alternative and, for linked views, the linking. */
export interface Figure {
  data: Trace[];
  layout: Layout;
  config: Config;
  /** aria-label: kind, title, shape, min and max. */
  label: string;
  linking?: Linking;
}

type Built = Omit<Figure, 'label'>;

/**
 * Builds the plotly figure of a validated payload to fit `room.width` pixels: cells shrink (down to
 * a minimum, below which panels wrap into rows), grids choose their columns, long titles wrap.
 * Pure: no DOM, testable in Node.
 */
export function buildFigure(payload: Payload, theme: Theme, room: Room = {}): Figure {
  let built: Built;
  switch (payload.kind) {
    case 'matrix':
    case 'signed':
      built = matrixFigure(payload, theme, room);
      break;
    case 'kernel':
      built = kernelFigure(payload, theme, room);
      break;
    case 'grid':
      built = gridFigure(payload, theme, room);
      break;
    case 'conv':
      built = convFigure(payload, theme, room);
      break;
    case 'conv-backward':
      built = convBackwardFigure(payload, theme, room);
      break;
    case 'pool':
      built = poolFigure(payload, theme, room);
      break;
    case 'pool-backward':
      built = poolBackwardFigure(payload, theme, room);
      break;
    case 'compare':
      built = compareFigure(payload, theme, room);
      break;
    case 'live':
      built = liveFigure(payload, theme, room);
      break;
  }
  return { ...built, layout: roomForTitle(built.layout, widthOf(room)), label: describePayload(payload) };
}

/** Pixels per character of a title (14 px font), and per extra line when it wraps. */
const TITLE_CHAR = 7.5;
const TITLE_LINE = 18;

/** Characters a title shows: each escape (&lt; &gt; &amp;) is one. */
const shown = (text: string): number => text.replace(/&(lt|gt|amp);/g, '_').length;

/** Words into lines of at most `chars` shown characters (a longer word gets a line of its own). */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && shown(lines[last]) + 1 + shown(word) <= chars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * Makes room for a title longer than the plot is wide (a tiny kernel with a long caption): the
 * figure widens, up to the width the output has (the extra goes to the right margin, so the panels
 * keep their sizes); what still does not fit wraps onto more lines, which the top margin makes room for.
 */
function roomForTitle(layout: Layout, room: number): Layout {
  const title = layout.title as { text?: string } | undefined;
  const text = title?.text ?? '';
  const width = layout.width as number | undefined;
  const margin = layout.margin as { l: number; r: number; t: number } | undefined;
  if (width === undefined || !margin) return layout;
  const needed = Math.ceil(shown(text) * TITLE_CHAR) + margin.l + 16;
  if (width >= needed) return layout;
  const widened = Math.max(width, Math.min(needed, room));
  const out: Layout = { ...layout, width: widened, margin: { ...margin, r: margin.r + widened - width } };
  if (widened >= needed) return out;
  const lines = wrap(text, Math.max(8, Math.floor((widened - margin.l - 16) / TITLE_CHAR)));
  const extra = TITLE_LINE * (lines.length - 1);
  return { ...out, title: { ...title, text: lines.join('<br>') }, height: (layout.height as number) + extra, margin: { ...(out.margin as object), t: margin.t + extra } };
}
