import {
  type ConvBackwardPayload,
  type ConvPayload,
  type Plane,
  convBackwardFormula,
  convBackwardTerms,
  convFormula,
  formatValue,
  rotated,
} from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure, Linking } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, type Shape, cellFor, cellLabels, cellRect, colouring, highlight, rowsOf, themedLayout, valueText } from './common';
import { type Axes, panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

const SIGMA = { sigmoid: 'σ', tanh: 'tanh', relu: 'relu', identity: '' } as const;
const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => i + from);

/** A heatmap trace of a plane in a panel whose coordinates start at `base`. */
function panelTrace(plane: Plane, axes: Axes, cell: number, colours: object, hover: string, base = 1): Trace {
  return {
    type: 'heatmap', z: rowsOf(plane), x: range(plane.shape[1], base), y: range(plane.shape[0], base),
    xaxis: axes.x, yaxis: axes.y, ...colours, showscale: false, hovertemplate: `${hover}<extra></extra>`, ...valueText(plane, cell),
  };
}

/** The position (0-based cell index) a hover at 1-based (x, y) selects in a rows x cols panel. */
function cellAt(x: number, y: number, rows: number, cols: number): number | undefined {
  const [r, c] = [Math.round(y) - 1, Math.round(x) - 1];
  return r >= 0 && r < rows && c >= 0 && c < cols ? r * cols + c : undefined;
}

/**
 * The linked forward view: input x, kernel w and output a = σ(b + x ⋆ w). Position (r, c) frames the
 * receptive field x[r..r+kh−1][c..c+kw−1], the kernel and a(r, c), and writes the sum out.
 */
export function convFigure(p: ConvPayload, theme: Theme): Built {
  const [h, w] = p.input.shape;
  const [kh, kw] = p.kernel.shape;
  const [oh, ow] = p.output.shape;
  const cell = cellFor(w + kw + ow + 3, h);
  const s = SIGMA[p.activation];
  const { axes, layout } = panelLayout(
    [
      { rows: h, cols: w, title: `input x (${h}x${w})`, base: 1 },
      { rows: kh, cols: kw, title: `kernel w, b = ${formatValue(p.bias)}`, base: 1 },
      { rows: oh, cols: ow, title: `output a = ${s ? `${s}(z)` : 'z'} (${oh}x${ow})`, base: 1 },
    ],
    cell,
    theme,
  );
  const data = [
    panelTrace(p.input, axes[0], cell, colouring(p.input.data), 'x(%{y},%{x}) = %{z}'),
    panelTrace(p.kernel, axes[1], cell, colouring(p.kernel.data, 'diverging'), 'w%{y}%{x} = %{z}'),
    panelTrace(p.output, axes[2], cell, colouring(p.output.data), 'a(%{y},%{x}) = %{z}'),
  ];
  const linking: Linking = {
    count: oh * ow,
    noun: 'output cell',
    positionAt: (curve, x, y) => (curve === 2 ? cellAt(x, y, oh, ow) : undefined),
    focus(position) {
      const [r, c] = [Math.floor(position / ow), position % ow];
      return {
        shapes: [...highlight(axes[0], r, c, r + kh - 1, c + kw - 1, 1), ...highlight(axes[1], 0, 0, kh - 1, kw - 1, 1), ...highlight(axes[2], r, c, r, c, 1)],
        caption: convFormula(p, r, c).join('\n'),
        label: `${r + 1},${c + 1}`,
      };
    },
  };
  return { data, layout: { ...themedLayout(theme, p.title), ...layout, shapes: linking.focus(0).shapes }, config: CONFIG, linking };
}

/**
 * The linked backward view: δˡ⁺¹ drawn inside its zero padding (as 'full' mode pads it), the kernel
 * turned by 180°, and δˡ. Position (i, j) frames the window of δˡ⁺¹ that δˡ(i, j) gathers from, the
 * rotated weights that carry real δ cells (those meeting padding are greyed), and δˡ(i, j).
 */
export function convBackwardFigure(p: ConvBackwardPayload, theme: Theme): Built {
  const [dh, dw] = p.delta.shape;
  const [kh, kw] = p.kernel.shape;
  const [h, w] = p.output.shape;
  const padded = { rows: dh + 2 * (kh - 1), cols: dw + 2 * (kw - 1) };
  const cell = cellFor(padded.cols + kw + w + 3, padded.rows);
  const { axes, layout } = panelLayout(
    [
      { rows: padded.rows, cols: padded.cols, title: `δˡ⁺¹ (${dh}x${dw}) padded with zeros`, base: 2 - kh, colBase: 2 - kw },
      { rows: kh, cols: kw, title: 'rot180(w)', base: 1 },
      { rows: h, cols: w, title: `δˡ (${h}x${w})`, base: 1 },
    ],
    cell,
    theme,
  );
  layout.xaxis = { ...(layout.xaxis as object), ...{ tickmode: 'linear', tick0: 1, dtick: dw <= 16 ? 1 : 5 } };
  layout.yaxis = { ...(layout.yaxis as object), ...{ tickmode: 'linear', tick0: 1, dtick: dh <= 16 ? 1 : 5 } };
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
      type: 'heatmap', z, x: range(padded.cols, 2 - kw), y: range(padded.rows, 2 - kh), xaxis: axes[0].x, yaxis: axes[0].y, ...signed,
      showscale: false, hoverongaps: false, hovertemplate: 'δˡ⁺¹(%{y},%{x}) = %{z}<extra></extra>',
      ...(fit ? { text: z.map((row, r) => fit.labels.slice(r * padded.cols, (r + 1) * padded.cols)), texttemplate: '%{text}', textfont: { size: fit.size, color: theme.foreground } } : {}),
    },
    panelTrace(rot, axes[1], cell, colouring(rot.data, 'diverging'), 'rot180(w)(%{y},%{x}) = %{z}'),
    panelTrace(p.output, axes[2], cell, signed, 'δˡ(%{y},%{x}) = %{z}'),
  ];
  const frame: Shape = cellRect(axes[0], 0, 0, dh - 1, dw - 1, 1, { line: { color: theme.foreground, width: 1, dash: 'dot' } });
  const linking: Linking = {
    count: h * w,
    noun: 'δˡ cell',
    positionAt: (curve, x, y) => (curve === 2 ? cellAt(x, y, h, w) : undefined),
    focus(position) {
      const [i, j] = [Math.floor(position / w), position % w];
      const used = new Set(convBackwardTerms(p, i, j).terms.map((t) => `${t.at[0]},${t.at[1]}`));
      const greyed: Shape[] = [];
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) {
          if (!used.has(`${a},${b}`)) greyed.push(cellRect(axes[1], a, b, a, b, 1, { fillcolor: 'rgba(128,128,128,0.75)', line: { width: 0 } }));
        }
      }
      return {
        shapes: [frame, ...greyed, ...highlight(axes[0], i - kh + 1, j - kw + 1, i, j, 1), ...highlight(axes[1], 0, 0, kh - 1, kw - 1, 1), ...highlight(axes[2], i, j, i, j, 1)],
        caption: convBackwardFormula(p, i, j).join('\n'),
        label: `${i + 1},${j + 1}`,
      };
    },
  };
  return { data, layout: { ...themedLayout(theme, p.title), ...layout, shapes: linking.focus(0).shapes }, config: CONFIG, linking };
}
