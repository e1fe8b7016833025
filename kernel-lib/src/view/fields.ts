import type { FieldStep } from '../contract';

/**
 * Exact receptive and projective fields: the cells of a column (maps [c, h, w]) that one neuron
 * depends on, or that depend on it. A layer connects channels, rows and columns independently
 * (output (k, r, c) reads input (ch, i, j) iff ch is in k's group, row i is a tap of r and column j
 * a tap of c), so a field is every combination of its sorted channels, rows and cols, exactly,
 * with the holes a dilation leaves and the cells clipped at the borders.
 */
export interface Field {
  channels: number[];
  rows: number[];
  cols: number[];
}

/** How a layer's output reads its input: window steps in order, [] cell to cell, 'all' every input (dense). */
export type LayerSteps = FieldStep[] | 'all';

const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Taps o·s − p + t·d (t < k) of cell o along axis a. */
const taps = (s: FieldStep, a: 0 | 1, o: number): number[] =>
  range(s.size[a]).map((t) => o * s.stride[a] - s.padding[a] + t * s.dilation[a]);
/** The cells whose taps hit i along axis a: (i + p − t·d)/s, whole numbers, in increasing order. */
const tappedBy = (s: FieldStep, a: 0 | 1, i: number): number[] =>
  range(s.size[a])
    .map((t) => (i + s.padding[a] - t * s.dilation[a]) / s.stride[a])
    .filter(Number.isInteger)
    .reverse();
const inside = (n: number) => (i: number) => i >= 0 && i < n;

/**
 * The input indices output o reads along axis a (0 rows, 1 cols), inside the input: its taps
 * o·s − p + t·d for t < k; for a transposed step, the inputs whose taps hit o, (o + p − t·d)/s.
 */
export function stepReads(s: FieldStep, a: 0 | 1, o: number): number[] {
  return (s.transposed ? tappedBy(s, a, o) : taps(s, a, o)).filter(inside(s.input[a + 1]));
}

/** The outputs along axis a that read input index i, inside the output: the inverse of stepReads. */
export function stepFeeds(s: FieldStep, a: 0 | 1, i: number): number[] {
  return (s.transposed ? taps(s, a, i) : tappedBy(s, a, i)).filter(inside(s.output[a + 1]));
}

/** The input channels output channel k reads: its group's block (every channel for groups 1), or k itself (pooling). */
export function channelsRead(s: FieldStep, k: number): number[] {
  if (!s.mixes) return [k];
  const g = s.groups ?? 1;
  const per = s.input[0] / g;
  const group = Math.floor(k / (s.output[0] / g));
  return range(per).map((i) => group * per + i);
}

/** The output channels that read input channel ch. */
export function channelsFed(s: FieldStep, ch: number): number[] {
  if (!s.mixes) return [ch];
  const g = s.groups ?? 1;
  const per = s.output[0] / g;
  const group = Math.floor(ch / (s.input[0] / g));
  return range(per).map((i) => group * per + i);
}

const through = (xs: number[], f: (x: number) => number[]): number[] => sorted(new Set(xs.flatMap(f)));
const emptyToNull = (f: Field): Field | null => (f.channels.length && f.rows.length && f.cols.length ? f : null);
const everything = ([c, h, w]: readonly number[]): Field => ({ channels: range(c), rows: range(h), cols: range(w) });

/**
 * The cells of a layer's input (maps `shape`) that field `f` of its output depends on: through its
 * steps from the last to the first; a dense layer depends on every input.
 *
 * @example
 * // conv 5x5 then pool 2 (a ConvPool2D on 28x28): pooled cell (1, 2) reads input rows 2..7, cols 4..9
 * receptiveField(steps, { channels: [0], rows: [1], cols: [2] }, [1, 28, 28]);
 */
export function receptiveField(steps: LayerSteps, f: Field, shape: readonly number[]): Field | null {
  if (steps === 'all') return everything(shape);
  let out = f;
  for (const s of [...steps].reverse()) {
    out = {
      channels: through(out.channels, (k) => channelsRead(s, k)),
      rows: through(out.rows, (o) => stepReads(s, 0, o)),
      cols: through(out.cols, (o) => stepReads(s, 1, o)),
    };
  }
  return emptyToNull(out);
}

/** The cells of a layer's output (maps `shape`) that depend on field `f` of its input: through its steps in order; a dense layer: every output. */
export function projectiveField(steps: LayerSteps, f: Field, shape: readonly number[]): Field | null {
  if (steps === 'all') return everything(shape);
  let out = f;
  for (const s of steps) {
    out = {
      channels: through(out.channels, (ch) => channelsFed(s, ch)),
      rows: through(out.rows, (i) => stepFeeds(s, 0, i)),
      cols: through(out.cols, (i) => stepFeeds(s, 1, i)),
    };
  }
  return emptyToNull(out);
}

/**
 * The fields of neuron [column, channel, row, col] in every column (0 the input, l + 1 layer l's
 * output, of `shapes[m]`): itself, its receptive field in every column below, its projective field
 * in every column above; null where it reaches nothing.
 */
export function neuronFields(
  layers: readonly LayerSteps[],
  shapes: ReadonlyArray<readonly number[]>,
  [k, ch, r, c]: readonly number[],
): Array<Field | null> {
  const out: Array<Field | null> = shapes.map(() => null);
  out[k] = { channels: [ch], rows: [r], cols: [c] };
  for (let m = k - 1; m >= 0; m--) out[m] = out[m + 1] && receptiveField(layers[m], out[m + 1] as Field, shapes[m]);
  for (let m = k + 1; m < shapes.length; m++) out[m] = out[m - 1] && projectiveField(layers[m - 1], out[m - 1] as Field, shapes[m]);
  return out;
}

/** Receptive-field size r, jump j and start u per axis [rows, cols]. */
export interface ReceptiveSize {
  r: [number, number];
  j: [number, number];
  u: [number, number];
}

/** r, j and u after one step: r + (d(k − 1))·j, j·s, u − p·j per axis. */
function stepSize(g: ReceptiveSize, s: FieldStep): ReceptiveSize {
  const axis = (a: 0 | 1) => [g.r[a] + s.dilation[a] * (s.size[a] - 1) * g.j[a], g.j[a] * s.stride[a], g.u[a] - s.padding[a] * g.j[a]];
  const [rows, cols] = [axis(0), axis(1)];
  return { r: [rows[0], cols[0]], j: [rows[1], cols[1]], u: [rows[2], cols[2]] };
}

/**
 * Receptive-field size r, jump j and start u of each column's cells in the input, per axis [rows,
 * cols], by Distill's closed forms ("Computing Receptive Fields of CNNs"), step by step:
 * r_l = r_{l−1} + (k_eff − 1)·j_{l−1}, j_l = j_{l−1}·s_l, u_l = u_{l−1} − p_l·j_{l−1}, with the
 * dilated kernel k_eff = d(k − 1) + 1; from r_0 = j_0 = 1, u_0 = 0. Cell x of a column then spans
 * input rows u + x·j … u + x·j + r − 1 before clipping at the borders. Null from a dense layer on,
 * and from a transposed convolution on (its cells do not all see spans of one size: the closed
 * forms do not hold; the exact fields still do).
 *
 * @example
 * receptiveSizes(nielsen).map((g) => g?.r[0]); // [1, 5, 6, 14, 16, 16, null]  (input, conv, pool, conv, pool, flatten, dense)
 */
export function receptiveSizes(layers: readonly LayerSteps[]): Array<ReceptiveSize | null> {
  let g: ReceptiveSize | null = { r: [1, 1], j: [1, 1], u: [0, 0] };
  const out: Array<ReceptiveSize | null> = [g];
  for (const steps of layers) {
    g = steps === 'all' || g === null || steps.some((s) => s.transposed) ? null : steps.reduce<ReceptiveSize>(stepSize, g);
    out.push(g);
  }
  return out;
}
