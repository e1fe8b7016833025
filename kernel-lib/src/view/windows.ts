import { spacedLength } from '../contract';

/**
 * The window geometry of a strided, padded, dilated convolution over one plane, as pure functions
 * the views share (hover, frames, marks, written-out sums). Per axis, output o reads input
 * i = o·s − before + l·d for kernel tap l (0-based); taps with i outside [0, n) read the zero
 * padding. The output length is ⌊(n + before + after − d(k − 1) − 1)/s⌋ + 1 (conv_arithmetic's
 * relationship, as conv2dGeometry resolves it).
 */

/** Stride, dilation and per-side zero padding of one plane's convolution, [rows, cols] each. */
export interface Spacing {
  stride: [number, number];
  dilation: [number, number];
  /** [[top, bottom], [left, right]]. */
  padding: [[number, number], [number, number]];
}

/** The notes' geometry: stride 1, dense kernel, no padding ('valid'). */
export const UNIT_SPACING: Spacing = {
  stride: [1, 1],
  dilation: [1, 1],
  padding: [
    [0, 0],
    [0, 0],
  ],
};

/** A payload's spacing, each field defaulting to the notes' (stride 1, dilation 1, no padding). */
export function spacingOf(p: Partial<Spacing>): Spacing {
  return {
    stride: p.stride ?? [1, 1],
    dilation: p.dilation ?? [1, 1],
    padding: p.padding ?? [
      [0, 0],
      [0, 0],
    ],
  };
}

/** Whether a spacing is the notes' unit one (stride 1, dilation 1, no padding). */
export function isUnitSpacing(s: Spacing): boolean {
  return [...s.stride, ...s.dilation].every((v) => v === 1) && s.padding.flat().every((v) => v === 0);
}

/** The output shape of a kh x kw kernel over an h x w plane with a spacing. */
export function convOutputShape([h, w]: readonly number[], [kh, kw]: readonly number[], s: Spacing): [number, number] {
  return [
    spacedLength(h, kh, s.stride[0], s.padding[0][0], s.padding[0][1], s.dilation[0]),
    spacedLength(w, kw, s.stride[1], s.padding[1][0], s.padding[1][1], s.dilation[1]),
  ];
}

/** One tap of a window: kernel position `at`, the input cell `from` it reads (may be padding), and whether that cell is inside the input. */
export interface Tap {
  at: [number, number];
  from: [number, number];
  inside: boolean;
}

/** The kh·kw taps of output (r, c), row-major over the kernel. */
export function convTaps(inShape: readonly number[], [kh, kw]: readonly number[], s: Spacing, r: number, c: number): Tap[] {
  const [h, w] = inShape;
  const taps: Tap[] = [];
  for (let l = 0; l < kh; l++) {
    for (let m = 0; m < kw; m++) {
      const i = r * s.stride[0] - s.padding[0][0] + l * s.dilation[0];
      const j = c * s.stride[1] - s.padding[1][0] + m * s.dilation[1];
      taps.push({ at: [l, m], from: [i, j], inside: i >= 0 && i < h && j >= 0 && j < w });
    }
  }
  return taps;
}

/**
 * Input cells (0-based [row, col]) that no output's window reads: with a stride larger than the
 * dilated kernel, or past the last window. `outShape` defaults to the convolution's (floor); pass
 * pooling's with ceil mode, whose last partial window reads more.
 */
export function unreadCells(
  inShape: readonly number[],
  kShape: readonly number[],
  s: Spacing,
  outShape: readonly number[] = convOutputShape(inShape, kShape, s),
): Array<[number, number]> {
  const [h, w] = inShape;
  const [oh, ow] = outShape;
  const read = new Uint8Array(h * w);
  for (let r = 0; r < oh; r++)
    for (let c = 0; c < ow; c++) for (const t of convTaps(inShape, kShape, s, r, c)) if (t.inside) read[t.from[0] * w + t.from[1]] = 1;
  const cells: Array<[number, number]> = [];
  for (let i = 0; i < h * w; i++) if (!read[i]) cells.push([Math.floor(i / w), i % w]);
  return cells;
}

/** Output cells (0-based) whose every tap reads padding: their value is the bias alone. */
export function paddingOnlyCells(inShape: readonly number[], kShape: readonly number[], s: Spacing): Array<[number, number]> {
  const [oh, ow] = convOutputShape(inShape, kShape, s);
  const cells: Array<[number, number]> = [];
  for (let r = 0; r < oh; r++)
    for (let c = 0; c < ow; c++) if (convTaps(inShape, kShape, s, r, c).every((t) => !t.inside)) cells.push([r, c]);
  return cells;
}

/**
 * z = b + Σ_taps w[l][m]·x[i][j] over one plane, the padding reading zero: the whole output, row-major.
 * The browser-side recomputation of a conv view, tested equal to conv2d.
 */
export function correlateSpaced(
  input: { shape: readonly number[]; data: ArrayLike<number> },
  kernel: { shape: readonly number[]; data: ArrayLike<number> },
  s: Spacing,
  bias = 0,
): { shape: [number, number]; data: number[] } {
  const [oh, ow] = convOutputShape(input.shape, kernel.shape, s);
  const [kw, w] = [kernel.shape[1], input.shape[1]];
  const data: number[] = [];
  for (let r = 0; r < oh; r++) {
    for (let c = 0; c < ow; c++) {
      let z = bias;
      for (const t of convTaps(input.shape, kernel.shape, s, r, c))
        if (t.inside) z += kernel.data[t.at[0] * kw + t.at[1]] * input.data[t.from[0] * w + t.from[1]];
      data.push(z);
    }
  }
  return { shape: [oh, ow], data };
}

/**
 * δ as the transposed convolution reads it: δ with s − 1 zeros inserted between its cells and
 * d(k − 1) − before zeros before them, `rows` x `cols` cells for an h x w input. Cell q of an axis
 * holds δ[(q − offset)/s] when that is a whole number inside δ, else zero. Then
 * δˡ[i][j] = Σ_a Σ_b rot180(w)[a][b]·δ̃[i + a·d₀][j + b·d₁]: the backward pass of a strided,
 * padded, dilated convolution (conv2dBackward's dx) as one dense correlation with the turned kernel.
 */
export interface SpreadDelta {
  rows: number;
  cols: number;
  offset: [number, number];
  /** The δ cell at δ̃ cell (q, u), or undefined for an inserted or border zero. */
  source(q: number, u: number): [number, number] | undefined;
}

/** The spread δ̃ of a δ of `deltaShape` for an input of `inShape` (see SpreadDelta). */
export function spreadDelta(
  deltaShape: readonly number[],
  inShape: readonly number[],
  [kh, kw]: readonly number[],
  s: Spacing,
): SpreadDelta {
  const offset: [number, number] = [s.dilation[0] * (kh - 1) - s.padding[0][0], s.dilation[1] * (kw - 1) - s.padding[1][0]];
  const at = (q: number, a: number): number | undefined => {
    const k = (q - offset[a]) / s.stride[a];
    return Number.isInteger(k) && k >= 0 && k < deltaShape[a] ? k : undefined;
  };
  return {
    rows: inShape[0] + s.dilation[0] * (kh - 1),
    cols: inShape[1] + s.dilation[1] * (kw - 1),
    offset,
    source(q, u) {
      const [r, c] = [at(q, 0), at(u, 1)];
      return r === undefined || c === undefined ? undefined : [r, c];
    },
  };
}

/** One tap of δˡ(i, j)'s gathering: rot180(w) position `at`, δ̃ cell `spread`, and the δ cell it holds (if any). */
export interface GatherTap {
  at: [number, number];
  spread: [number, number];
  from?: [number, number];
}

/** The kh·kw taps of δˡ(i, j): δ̃[i + a·d₀][j + b·d₁] times rot180(w)[a][b]. */
export function gatherTaps(delta: SpreadDelta, [kh, kw]: readonly number[], s: Spacing, i: number, j: number): GatherTap[] {
  const taps: GatherTap[] = [];
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const spread: [number, number] = [i + a * s.dilation[0], j + b * s.dilation[1]];
      const from = delta.source(...spread);
      taps.push(from ? { at: [a, b], spread, from } : { at: [a, b], spread });
    }
  }
  return taps;
}

/** δˡ = Σ rot180(w)·δ̃ over the whole input: conv2dBackward's dx for one channel, computed the transposed way. */
export function gatherSpaced(
  delta: { shape: readonly number[]; data: ArrayLike<number> },
  kernel: { shape: readonly number[]; data: ArrayLike<number> },
  inShape: readonly number[],
  s: Spacing,
): { shape: [number, number]; data: number[] } {
  const [kh, kw] = kernel.shape;
  const spread = spreadDelta(delta.shape, inShape, kernel.shape, s);
  const data: number[] = [];
  for (let i = 0; i < inShape[0]; i++) {
    for (let j = 0; j < inShape[1]; j++) {
      let sum = 0;
      for (const t of gatherTaps(spread, kernel.shape, s, i, j))
        if (t.from) sum += kernel.data[(kh - 1 - t.at[0]) * kw + (kw - 1 - t.at[1])] * delta.data[t.from[0] * delta.shape[1] + t.from[1]];
      data.push(sum);
    }
  }
  return { shape: [inShape[0], inShape[1]], data };
}

/**
 * The taps of a pooling window that average pooling counts (PyTorch's count_include_pad): those in
 * x and in its padding; ceil mode's taps past the padding are not counted.
 */
export function countedTaps(taps: readonly Tap[], inShape: readonly number[], s: Spacing): number {
  return taps.filter((t) => t.from[0] < inShape[0] + s.padding[0][1] && t.from[1] < inShape[1] + s.padding[1][1]).length;
}

/** One pooling window's share of δˡ(i, j): window (r, c), its δˡ⁺¹, and the weight it carries to x(i, j). */
export interface PoolShare {
  window: [number, number];
  delta: number;
  /** max: 1 if x(i, j) is the window's maximum, else 0; avg: 1/n, n the window's counted taps. */
  weight: number;
}

/**
 * The windows that read x(i, j) and what each sends back to it: δˡ(i, j) = Σ weight·δ over them,
 * maxPool2dBackward's or avgPool2dBackward's dx (tested equal). Windows may overlap (stride below
 * the size) or skip x(i, j) (an empty list: its δ is 0).
 */
export function poolShares(
  p: {
    mode: 'max' | 'avg';
    size: readonly number[];
    input: { shape: readonly number[] };
    delta: { shape: readonly number[]; data: ArrayLike<number> };
    argmax?: ArrayLike<number>;
  },
  s: Spacing,
  i: number,
  j: number,
): PoolShare[] {
  const ow = p.delta.shape[1];
  const w = p.input.shape[1];
  // Window o reads v through tap l when o·s − before + l·d = v: one window per tap, ascending as l falls.
  const windows = (v: number, a: number): number[] => {
    const found: number[] = [];
    for (let l = p.size[a] - 1; l >= 0; l--) {
      const o = (v + s.padding[a][0] - l * s.dilation[a]) / s.stride[a];
      if (Number.isInteger(o) && o >= 0 && o < p.delta.shape[a]) found.push(o);
    }
    return found;
  };
  const shares: PoolShare[] = [];
  for (const r of windows(i, 0)) {
    for (const c of windows(j, 1)) {
      const o = r * ow + c;
      const weight =
        p.mode === 'max'
          ? Number(p.argmax?.[o] === i * w + j)
          : 1 / countedTaps(convTaps(p.input.shape, p.size, s, r, c), p.input.shape, s);
      shares.push({ window: [r, c], delta: p.delta.data[o], weight });
    }
  }
  return shares;
}
