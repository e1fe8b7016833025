import {
  type ConvBackwardPayload,
  type ConvPayload,
  type Plane,
  convBackwardFormula,
  convBackwardTerms,
  convFormula,
  focusOf,
  formatValue,
  indexBaseOf,
  rotated,
} from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure, Linking } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, MAX_CELL, MIN_LINKED_CELL, ROW_HEIGHT, type Room, type Shape, cellLabels, cellRect, colouring, highlight, rowsOf, themedLayout, valueText, widthOf } from './common';
import { type Axes, type PanelSpec, fitPanels, panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

const SIGMA = { sigmoid: 'σ', tanh: 'tanh', relu: 'relu', identity: '' } as const;
const range = (n: number, from: number): number[] => Array.from({ length: n }, (_, i) => i + from);

/** A heatmap trace of a plane in a panel whose coordinates start at `base`. */
function panelTrace(plane: Plane, axes: Axes, cell: number, colours: object, hover: string, base: number): Trace {
  return {
    type: 'heatmap', z: rowsOf(plane), x: range(plane.shape[1], base), y: range(plane.shape[0], base),
    xaxis: axes.x, yaxis: axes.y, ...colours, showscale: false, hovertemplate: `${hover}<extra></extra>`, ...valueText(plane, cell),
  };
}

/** The position (0-based cell index) a hover at (x, y), numbered from `base`, selects in a rows x cols panel. */
function cellAt(x: number, y: number, rows: number, cols: number, base: number): number | undefined {
  const [r, c] = [Math.round(y) - base, Math.round(x) - base];
  return r >= 0 && r < rows && c >= 0 && c < cols ? r * cols + c : undefined;
}

/** Three panels side by side or, when their cells would get too small, the last one under the first two. */
function threePanels(specs: PanelSpec[], room: Room): { specs: PanelSpec[]; cell: number } {
  const wrapped = specs.map((s, i) => (i === 2 ? { ...s, row: 1 } : s));
  return fitPanels([specs, wrapped], { width: widthOf(room), max: MAX_CELL, min: MIN_LINKED_CELL, rowHeight: ROW_HEIGHT });
}

/**
 * The linked forward view: input x, kernel w and output a = σ(b + x ⋆ w). Position (r, c) frames the
 * receptive field x[r..r+kh−1][c..c+kw−1], the kernel and a(r, c), and writes the sum out.
 */
export function convFigure(p: ConvPayload, theme: Theme, room: Room = {}): Built {
  const [h, w] = p.input.shape;
  const [kh, kw] = p.kernel.shape;
  const [oh, ow] = p.output.shape;
  const base = indexBaseOf(p);
  const s = SIGMA[p.activation];
  const { specs, cell } = threePanels(
    [
      { rows: h, cols: w, title: `input x (${h}x${w})`, base },
      { rows: kh, cols: kw, title: '', base },
      { rows: oh, cols: ow, title: `output a = ${s ? `${s}(z)` : 'z'} (${oh}x${ow})`, base },
    ],
    room,
  );
  // A narrow kernel panel keeps the bias in its title: the longest form that fits (about 6.5 pixels a character).
  const bias = formatValue(p.bias);
  const titles = [`kernel w, b = ${bias}`, `w, b = ${bias}`, `b = ${bias}`];
  specs[1] = { ...specs[1], title: titles.find((t) => t.length * 6.5 <= kw * cell + 32) ?? titles[2] };
  const { axes, layout } = panelLayout(specs, cell, theme);
  const data = [
    panelTrace(p.input, axes[0], cell, colouring(p.input.data), 'x(%{y},%{x}) = %{z}', base),
    panelTrace(p.kernel, axes[1], cell, colouring(p.kernel.data, 'diverging'), 'w%{y}%{x} = %{z}', base),
    panelTrace(p.output, axes[2], cell, colouring(p.output.data), 'a(%{y},%{x}) = %{z}', base),
  ];
  const [fr, fc] = focusOf(p);
  const linking: Linking = {
    count: oh * ow,
    initial: fr * ow + fc,
    noun: 'output cell',
    positionAt: (curve, x, y) => (curve === 2 ? cellAt(x, y, oh, ow, base) : undefined),
    focus(position) {
      const [r, c] = [Math.floor(position / ow), position % ow];
      return {
        shapes: [...highlight(axes[0], r, c, r + kh - 1, c + kw - 1, base), ...highlight(axes[1], 0, 0, kh - 1, kw - 1, base), ...highlight(axes[2], r, c, r, c, base)],
        caption: convFormula(p, r, c).join('\n'),
        label: `${r + base},${c + base}`,
      };
    },
  };
  return { data, layout: { ...themedLayout(theme, p.title), ...layout, shapes: linking.focus(linking.initial).shapes }, config: CONFIG, linking };
}

/**
 * The linked backward view: δˡ⁺¹ drawn inside its zero padding (as 'full' mode pads it), the kernel
 * turned by 180°, and δˡ. Position (i, j) frames the window of δˡ⁺¹ that δˡ(i, j) gathers from, the
 * rotated weights that carry real δ cells (those meeting padding are greyed), and δˡ(i, j).
 */
export function convBackwardFigure(p: ConvBackwardPayload, theme: Theme, room: Room = {}): Built {
  const [dh, dw] = p.delta.shape;
  const [kh, kw] = p.kernel.shape;
  const [h, w] = p.output.shape;
  const base = indexBaseOf(p);
  const padded = { rows: dh + 2 * (kh - 1), cols: dw + 2 * (kw - 1) };
  // δˡ⁺¹ keeps its own numbering; the padding around it gets the numbers before and after.
  const [rowBase, colBase] = [base - (kh - 1), base - (kw - 1)];
  const { specs, cell } = threePanels(
    [
      { rows: padded.rows, cols: padded.cols, title: `δˡ⁺¹ (${dh}x${dw}) padded with zeros`, base: rowBase, colBase },
      { rows: kh, cols: kw, title: 'rot180(w)', base },
      { rows: h, cols: w, title: `δˡ (${h}x${w})`, base },
    ],
    room,
  );
  const { axes, layout } = panelLayout(specs, cell, theme);
  layout.xaxis = { ...(layout.xaxis as object), ...{ tickmode: 'linear', tick0: base, dtick: dw <= 16 ? 1 : 5 } };
  layout.yaxis = { ...(layout.yaxis as object), ...{ tickmode: 'linear', tick0: base, dtick: dh <= 16 ? 1 : 5 } };
  const signed = colouring([...p.delta.data, ...p.output.data], 'diverging');
  const z = Array.from({ length: padded.rows }, (_, r) =>
    Array.from({ length: padded.cols }, (_, c) => {
      const [i, j] = [r - (kh - 1), c - (kw - 1)];
      return i >= 0 && i < dh && j >= 0 && j < dw ? p.delta.data[i * dw + j] : null;
    }),
  );
  const fit = valueText(p.delta, cell).text ? cellLabels(z.flat().map((v) => v ?? 0), cell, 'auto') : undefined;
  const rot = rotated(p.kernel);
  const data: Trace[] = [
    {
      type: 'heatmap', z, x: range(padded.cols, colBase), y: range(padded.rows, rowBase), xaxis: axes[0].x, yaxis: axes[0].y, ...signed,
      showscale: false, hoverongaps: false, hovertemplate: 'δˡ⁺¹(%{y},%{x}) = %{z}<extra></extra>',
      ...(fit ? { text: z.map((row, r) => fit.labels.slice(r * padded.cols, (r + 1) * padded.cols)), texttemplate: '%{text}', textfont: { size: fit.size, color: theme.foreground } } : {}),
    },
    panelTrace(rot, axes[1], cell, colouring(rot.data, 'diverging'), 'rot180(w)(%{y},%{x}) = %{z}', base),
    panelTrace(p.output, axes[2], cell, signed, 'δˡ(%{y},%{x}) = %{z}', base),
  ];
  const frame: Shape = cellRect(axes[0], 0, 0, dh - 1, dw - 1, base, { line: { color: theme.foreground, width: 1, dash: 'dot' } });
  const [fi, fj] = focusOf(p);
  const linking: Linking = {
    count: h * w,
    initial: fi * w + fj,
    noun: 'δˡ cell',
    positionAt: (curve, x, y) => (curve === 2 ? cellAt(x, y, h, w, base) : undefined),
    focus(position) {
      const [i, j] = [Math.floor(position / w), position % w];
      const used = new Set(convBackwardTerms(p, i, j).terms.map((t) => `${t.at[0]},${t.at[1]}`));
      const greyed: Shape[] = [];
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) {
          if (!used.has(`${a},${b}`)) greyed.push(cellRect(axes[1], a, b, a, b, base, { fillcolor: 'rgba(128,128,128,0.75)', line: { width: 0 } }));
        }
      }
      return {
        shapes: [frame, ...greyed, ...highlight(axes[0], i - kh + 1, j - kw + 1, i, j, base), ...highlight(axes[1], 0, 0, kh - 1, kw - 1, base), ...highlight(axes[2], i, j, i, j, base)],
        caption: convBackwardFormula(p, i, j).join('\n'),
        label: `${i + base},${j + base}`,
      };
    },
  };
  return { data, layout: { ...themedLayout(theme, p.title), ...layout, shapes: linking.focus(linking.initial).shapes }, config: CONFIG, linking };
}
