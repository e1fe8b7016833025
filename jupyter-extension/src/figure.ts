import { type Payload, describePayload } from 'convlab/contract';
import type { Config, Layout, Trace } from 'plotly.js-cartesian-dist-min';
import type { Shape } from './figures/common';
import { compareFigure } from './figures/compare';
import { convBackwardFigure, convFigure } from './figures/conv';
import { gridFigure } from './figures/grid';
import { liveFigure } from './figures/live';
import { kernelFigure, matrixFigure } from './figures/matrix';
import { poolBackwardFigure, poolFigure } from './figures/pool';
import type { Theme } from './theme';

export { plotlyText, MAX_SIDE_WITH_VALUES } from './figures/common';

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

/** Builds the plotly figure of a validated payload. Pure: no DOM, testable in Node. */
export function buildFigure(payload: Payload, theme: Theme): Figure {
  let built: Built;
  switch (payload.kind) {
    case 'matrix':
    case 'signed':
      built = matrixFigure(payload, theme);
      break;
    case 'kernel':
      built = kernelFigure(payload, theme);
      break;
    case 'grid':
      built = gridFigure(payload, theme);
      break;
    case 'conv':
      built = convFigure(payload, theme);
      break;
    case 'conv-backward':
      built = convBackwardFigure(payload, theme);
      break;
    case 'pool':
      built = poolFigure(payload, theme);
      break;
    case 'pool-backward':
      built = poolBackwardFigure(payload, theme);
      break;
    case 'compare':
      built = compareFigure(payload, theme);
      break;
    case 'live':
      built = liveFigure(payload, theme);
      break;
  }
  return { ...built, layout: roomForTitle(built.layout), label: describePayload(payload) };
}

/**
 * Widens a figure whose title is longer than the plot is wide (a tiny kernel with a long caption):
 * the extra width goes to the right margin, so the panels keep their pixel sizes.
 */
function roomForTitle(layout: Layout): Layout {
  const title = (layout.title as { text?: string } | undefined)?.text ?? '';
  const width = layout.width as number | undefined;
  const margin = layout.margin as { l: number; r: number } | undefined;
  const needed = Math.ceil(title.length * 7.5) + (margin?.l ?? 0) + 16;
  if (width === undefined || !margin || width >= needed) return layout;
  return { ...layout, width: needed, margin: { ...margin, r: margin.r + needed - width } };
}
