/**
 * The description of what a view draws: the one answer to "what is on the picture", given by
 * `describeView` and painted by the backends (plotly in the page, SVG → PNG for the static
 * fallbacks, text). Plain data in pixels (the scene's top-left is 0, 0; y grows downwards), except
 * `Linking.focus`, a pure function of the position. Colours are '#rrggbb'; text is plain text.
 */

/** What a colour encodes: viridis over [min, max], or reversed RdBu (blue < 0 < red) over [−bound, bound]. */
export interface ScaleSpec {
  kind: 'sequential' | 'diverging';
  min: number;
  max: number;
}

/** Values written into cells: one label per cell ('' for none) in one font size. */
export interface CellLabels {
  text: string[];
  size: number;
}

/** One map of a mosaic panel (a grid's feature maps): its name and its cells' place in the panel. */
export interface Tile {
  name: string;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** A heatmap panel: `rows` x `cols` square cells of `cell` pixels with their top-left at (x, y). */
export interface Panel {
  /** What the panel is, in full ('' for none): its drawn title may be cut to fit; the text fallback writes this. */
  title: string;
  /** A mosaic's maps (the gaps between them are empty cells). */
  tiles?: Tile[];
  x: number;
  y: number;
  rows: number;
  cols: number;
  cell: number;
  /** The number of the first row and of the first column (axis labels, hover). */
  rowBase: number;
  colBase: number;
  /** Row-major: the value shown, null for an empty cell (padding, the gap between maps). */
  values: Array<number | null>;
  /** Row-major: what the colour is computed from (the value, or its per-map normalised form). */
  shade: Array<number | null>;
  /** Row-major cell colours, null for empty cells. */
  colours: Array<string | null>;
  scale: ScaleSpec;
  labels?: CellLabels;
  /** Tick labels of the axes: which row and column numbers are written (in the panel's numbering). */
  ticks: { rows: number[]; cols: number[] };
  /** How a hover names a cell: `${symbol}(r,c) = v`; `names` overrides it per cell (maps of a grid). */
  symbol: string;
  names?: string[];
}

/** Text at (x, y): its baseline-left ('start'), middle or end; `full` is the whole text when it was cut. */
export interface Label {
  x: number;
  y: number;
  text: string;
  size: number;
  anchor: 'start' | 'middle' | 'end';
  /** 'title' and 'ink' in the foreground colour, 'muted' dimmer, 'notice' in amber. */
  tone: 'title' | 'ink' | 'muted' | 'notice';
  full?: string;
}

/**
 * A frame around cells [r0..r1] x [c0..c1] of a panel (0-based, already clipped): 'focus' is a dark
 * frame with a light one inside (readable on every colour), 'dotted' a thin line, 'grey' a veil
 * over cells that take no part.
 */
export interface Frame {
  panel: number;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  style: 'focus' | 'dotted' | 'grey';
}

/** A ring in cell (r, c) of a panel, touching its edges: the maximum of a pooling window. */
export interface Ring {
  panel: number;
  r: number;
  c: number;
}

/** A line along cell edges of a panel, from edge (r0, c0) to (r1, c1) (edge k is the top or left of row or column k). */
export interface Rule {
  panel: number;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** A colour bar for a scale: a vertical ramp at (x, y) with its tick values written beside it. */
export interface ColourBar {
  x: number;
  y: number;
  width: number;
  height: number;
  scale: ScaleSpec;
  ticks: number[];
}

/** A chart area of curves (the live view's loss and accuracy), with data ranges and ticks. */
export interface Plot {
  x: number;
  y: number;
  width: number;
  height: number;
  xRange: [number, number];
  yRange: [number, number];
  xTicks: number[];
  yTicks: number[];
  xLabel: string;
}

/** A curve of a plot: y values at x = 1, 2, …; validation curves dashed with dots. */
export interface Curve {
  plot: number;
  name: string;
  legend: string;
  showLegend: boolean;
  ys: number[];
  colour: string;
  dashed: boolean;
  dots: boolean;
}

/** A filled rectangle in pixels (the progress bar and its track, a colour bar's steps). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
}

/** The marks that follow the position of a linked view. */
export interface Focus {
  frames: Frame[];
  /** The sum with its actual numbers, one line per kernel row. */
  sum: string[];
  /** The position in the payload's numbering, e.g. "2,3". */
  label: string;
}

/** How the position of a linked view moves: the count, the first, and what each one shows. */
export interface Linking {
  count: number;
  position: number;
  /** What a position is called, e.g. 'output cell'. */
  noun: string;
  /** Positions per row when they are the cells of one matrix (the arrow keys move up and down by it). */
  columns?: number;
  /** The position a hover over cell (r, c) of panel `panel` selects, if that panel is linked. */
  positionAt(panel: number, r: number, c: number): number | undefined;
  focus(position: number): Focus;
}

/** A view drawn one step at a time (a replay): another step is another description (describeView's `position`). */
export interface Stepping {
  count: number;
  position: number;
  /** What a step is called, e.g. 'step'; and the one shown, e.g. 'step 40 (epoch 1)'. */
  noun: string;
  label: string;
}

/** Everything a view draws. */
export interface Scene {
  width: number;
  height: number;
  /** Text alternative: kind, title, shape, min and max (aria-label, the HTML caption). */
  alt: string;
  labels: Label[];
  panels: Panel[];
  /** Frames that stay (padding outlines, a compare's worst cell); a linked view adds `focus.frames`. */
  frames: Frame[];
  rings: Ring[];
  rules: Rule[];
  bars: ColourBar[];
  boxes: Box[];
  plots: Plot[];
  curves: Curve[];
  /** Where the legend of the curves goes (its right end, at the top of the text line), if any. */
  legend?: { x: number; y: number };
  linking?: Linking;
  /** The marks and sum at the position shown (the linking's position), for linked views. */
  focus?: Focus;
  stepping?: Stepping;
}
