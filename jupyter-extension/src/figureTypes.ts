import type { Stepping } from 'convlab/view';
import type { Config, Layout, Trace } from 'plotly.js-cartesian-dist-min';

/** The types of the plotly figures the extension draws, apart from the code that builds them. */

/** A shape of layout.shapes (a rectangle or line in one panel's data coordinates, or in paper coordinates). */
export type Shape = Record<string, unknown>;

/** What the figure may use: the pixels the output has across (default DEFAULT_WIDTH). */
export interface Room {
  width?: number;
  /** The step of a stepped view (a replay) to draw. */
  position?: number;
}

/** What one position of a linked view highlights, and the sum it writes out. */
export interface Focus {
  /** Every layout shape to show (the view's fixed shapes and the highlight). */
  shapes: Shape[];
  /** The sum with its actual numbers, one line per kernel row. */
  caption: string;
  /** The position, in the payload's numbering, e.g. "2,3" (also set as data-convlab-focus for tests). */
  label: string;
}

/** How hovering and stepping move the highlight of a linked view. Pure: the widget wires it to events. */
export interface Linking {
  count: number;
  /** The position shown first: the payload's `focus` (the `at` of the display call). */
  initial: number;
  /** What a position is called in the step control, e.g. 'output cell'. */
  noun: string;
  /** Positions per row when they are the cells of one matrix (arrow up/down move by it); else the arrows move by one. */
  columns?: number;
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
  /** A stepped view (a replay): drawn again, with another position, for each step. */
  stepping?: Stepping;
}
