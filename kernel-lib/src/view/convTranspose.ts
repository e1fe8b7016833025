import type { ConvTransposePayload } from '../contract';
import { type Room, emptyScene, widthOf } from './build';
import { frameOf } from './conv';
import { describePayload } from './describe';
import { formatValue } from './geometry';
import { factor, namer } from './formulas';
import { focusOf, indexBaseOf } from './labels';
import { MAX_CELL, MIN_LINKED_CELL, type PanelSpec, ROW_HEIGHT, fitPanels, heatPanel, placePanels, scaleOf } from './panels';
import type { Frame, Scene } from './scene';

/**
 * The transposed convolution as stamps (PyTorch's conv_transpose2d over one plane): input cell
 * x(i, j) adds x(i, j)·w[l][m] to output cell (i·s₀ − p₀ + l·d₀, j·s₁ − p₁ + m·d₁) for every kernel
 * tap (l, m) that lands inside the output (the padding p crops the border off). Pure; tested equal
 * to convTranspose2d.
 */

/** A transposed convolution's stride, padding (cropped from each side), dilation and output padding, [rows, cols] each. */
export interface TransposeSpacing {
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  outputPadding: [number, number];
}

/** A payload's spacing, each field defaulting to the plain one (stride 1, no padding, dense, no output padding). */
export function transposeSpacingOf(p: Partial<TransposeSpacing>): TransposeSpacing {
  return {
    stride: p.stride ?? [1, 1],
    padding: p.padding ?? [0, 0],
    dilation: p.dilation ?? [1, 1],
    outputPadding: p.outputPadding ?? [0, 0],
  };
}

/** The output shape: (h − 1)·s − 2p + d(k − 1) + outputPadding + 1 per axis. */
export function transposeOutputShape(inShape: readonly number[], kShape: readonly number[], s: TransposeSpacing): [number, number] {
  const side = (a: number) => (inShape[a] - 1) * s.stride[a] - 2 * s.padding[a] + s.dilation[a] * (kShape[a] - 1) + s.outputPadding[a] + 1;
  return [side(0), side(1)];
}

/** "stride 2 · padding 1 · …", the parts of a transposed convolution's spacing that are not the plain one. */
export function transposeCaption(p: Partial<TransposeSpacing>): string {
  const s = transposeSpacingOf(p);
  const pair = (v: readonly number[]) => (v[0] === v[1] ? String(v[0]) : `[${v.join(',')}]`);
  return [
    s.stride.some((v) => v !== 1) ? `stride ${pair(s.stride)}` : '',
    s.padding.some((v) => v !== 0) ? `padding ${pair(s.padding)} (cropped)` : '',
    s.dilation.some((v) => v !== 1) ? `dilation ${pair(s.dilation)}` : '',
    s.outputPadding.some((v) => v !== 0) ? `outputPadding ${pair(s.outputPadding)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One tap of a stamp: kernel position `at` and the output cell `to` it adds into (may be cropped: `inside` false). */
export interface StampTap {
  at: [number, number];
  to: [number, number];
  inside: boolean;
}

/** The kh·kw taps of input cell (i, j)'s stamp, row-major over the kernel. */
export function stampTaps(inShape: readonly number[], kShape: readonly number[], s: TransposeSpacing, i: number, j: number): StampTap[] {
  const [oh, ow] = transposeOutputShape(inShape, kShape, s);
  const taps: StampTap[] = [];
  for (let l = 0; l < kShape[0]; l++) {
    for (let m = 0; m < kShape[1]; m++) {
      const to: [number, number] = [i * s.stride[0] - s.padding[0] + l * s.dilation[0], j * s.stride[1] - s.padding[1] + m * s.dilation[1]];
      taps.push({ at: [l, m], to, inside: to[0] >= 0 && to[0] < oh && to[1] >= 0 && to[1] < ow });
    }
  }
  return taps;
}

/** The output y = Σ of every stamp, and how many stamps add into each cell (the overlap: a checkerboard when k is not a multiple of s). */
export function stampAll(
  input: { shape: readonly number[]; data: ArrayLike<number> },
  kernel: { shape: readonly number[]; data: ArrayLike<number> },
  s: TransposeSpacing,
): { shape: [number, number]; data: number[]; counts: number[] } {
  const [h, w] = input.shape;
  const kw = kernel.shape[1];
  const shape = transposeOutputShape(input.shape, kernel.shape, s);
  const data = new Array<number>(shape[0] * shape[1]).fill(0);
  const counts = new Array<number>(shape[0] * shape[1]).fill(0);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      for (const t of stampTaps(input.shape, kernel.shape, s, i, j)) {
        if (!t.inside) continue;
        const o = t.to[0] * shape[1] + t.to[1];
        data[o] += input.data[i * w + j] * kernel.data[t.at[0] * kw + t.at[1]];
        counts[o] += 1;
      }
    }
  }
  return { shape, data, counts };
}

/** What input cell (i, j)'s stamp adds, one line per kernel row, and where it lands. */
export function stampFormula(p: ConvTransposePayload, i: number, j: number): string[] {
  const at = namer(p);
  const s = transposeSpacingOf(p);
  const v = p.input.data[i * p.input.shape[1] + j];
  const kw = p.kernel.shape[1];
  const taps = stampTaps(p.input.shape, p.kernel.shape, s, i, j);
  const inside = taps.filter((t) => t.inside);
  const rows = new Map<number, string[]>();
  for (const t of inside) {
    const w = p.kernel.data[t.at[0] * kw + t.at[1]];
    rows.set(t.at[0], [...(rows.get(t.at[0]) ?? []), `y${at(...t.to)} += ${factor(v)}·${factor(w)} = ${formatValue(v * w)}`]);
  }
  const cropped = taps.length - inside.length;
  return [
    `x${at(i, j)} = ${formatValue(v)} stamps ${factor(v)}·w into y at ${inside.length} cells${cropped ? ` (${cropped} cropped off by the padding)` : ''}`,
    ...[...rows.values()].map((row) => `  ${row.join(', ')}`),
    `  where stamps overlap their products add: y is the sum of every cell's stamp`,
  ];
}

/**
 * The stamping view: x, w, y = Σ of the stamps and how many stamps cover each cell of y (uneven
 * overlap, the checkerboard, when the kernel size is not a multiple of the stride). Positions are the
 * cells of x: hovering one frames its stamp in y and in the overlap count, and writes what it adds.
 */
export function convTransposeScene(p: ConvTransposePayload, room: Room, position?: number): Scene {
  const [h, w] = p.input.shape;
  const [kh, kw] = p.kernel.shape;
  const [oh, ow] = p.output.shape;
  const base = indexBaseOf(p);
  const s = transposeSpacingOf(p);
  const { counts } = stampAll(p.input, p.kernel, s);
  const specs: PanelSpec[] = [
    { rows: h, cols: w, title: `input x (${h}x${w})`, base },
    { rows: kh, cols: kw, title: 'kernel w', base },
    { rows: oh, cols: ow, title: `y = Σ stamps (${oh}x${ow})`, base },
    { rows: oh, cols: ow, title: `stamps per cell (${Math.min(...counts)}–${Math.max(...counts)})`, base },
  ];
  // Side by side; else the overlap count under the rest; else x and w, then y, then the count, a row each.
  const arrangements = [
    specs,
    specs.map((sp, k) => (k === 3 ? { ...sp, row: 1 } : sp)),
    specs.map((sp, k) => (k >= 2 ? { ...sp, row: k - 1 } : sp)),
  ];
  const fit = fitPanels(arrangements, { width: widthOf(room), max: MAX_CELL, min: MIN_LINKED_CELL, rowHeight: ROW_HEIGHT });
  const placed = placePanels(fit.specs, fit.cell);
  const scene = emptyScene(placed.width, placed.height, describePayload(p));
  scene.labels.push(...placed.titles);
  scene.panels.push(
    heatPanel(placed.boxes[0], { rows: h, cols: w, values: p.input.data, scale: scaleOf(p.input.data), base, symbol: 'x' }),
    heatPanel(placed.boxes[1], {
      rows: kh,
      cols: kw,
      values: p.kernel.data,
      scale: scaleOf(p.kernel.data, 'diverging'),
      base,
      symbol: 'w',
    }),
    heatPanel(placed.boxes[2], {
      rows: oh,
      cols: ow,
      values: p.output.data,
      scale: scaleOf(p.output.data, 'diverging'),
      base,
      symbol: 'y',
    }),
    heatPanel(placed.boxes[3], { rows: oh, cols: ow, values: counts, scale: scaleOf([0, ...counts]), base, symbol: 'stamps on' }),
  );
  const dense = s.dilation[0] === 1 && s.dilation[1] === 1;
  const [fr, fc] = focusOf(p);
  scene.linking = {
    count: h * w,
    position: fr * w + fc,
    noun: 'input cell',
    columns: w,
    positionAt: (panel, r, c) => (panel === 0 && r >= 0 && r < h && c >= 0 && c < w ? r * w + c : undefined),
    focus: (at) => {
      const [i, j] = [Math.floor(at / w), at % w];
      const taps = stampTaps(p.input.shape, p.kernel.shape, s, i, j);
      const stamp = (panel: number): Frame[] => {
        const [first, last] = [taps[0].to, taps[taps.length - 1].to];
        return dense
          ? frameOf(panel, [oh, ow], first[0], first[1], last[0], last[1])
          : taps.filter((t) => t.inside).flatMap((t) => frameOf(panel, [oh, ow], t.to[0], t.to[1], t.to[0], t.to[1]));
      };
      return {
        frames: [...frameOf(0, [h, w], i, j, i, j), ...frameOf(1, [kh, kw], 0, 0, kh - 1, kw - 1), ...stamp(2), ...stamp(3)],
        sum: stampFormula(p, i, j),
        label: `${i + base},${j + base}`,
      };
    },
  };
  scene.focus = scene.linking.focus(position ?? scene.linking.position);
  return scene;
}
