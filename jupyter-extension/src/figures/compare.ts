import { type ComparePayload, differences, formatValue } from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, cellFor, colouring, plotlyText, rowsOf, themedLayout, valueText } from './common';
import { panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

/**
 * Two or three matrices that should be equal on one shared scale, then each one's difference to the
 * first on its own diverging scale (so an error of 1e-16 still shows), and the largest |difference|.
 */
export function compareFigure(p: ComparePayload, theme: Theme): Built {
  const [rows, cols] = p.shape;
  const { diffs, maxAbsError } = differences(p);
  const names = ['A', 'B', 'C'];
  const planes = [
    ...p.items.map((it, i) => ({ title: `${names[i]}: ${it.label}`, data: it.data, diff: false, row: 0 })),
    ...diffs.map((d, i) => ({ title: `${names[i + 1]} − A`, data: d, diff: true, row: 1 })),
  ];
  const cell = cellFor(p.items.length * (cols + 2), 2 * rows + 3, 40);
  // Each difference sits under the item it compares to A; nothing sits under A itself.
  const specs = planes.map((pl, i) => ({ rows, cols, title: pl.title, row: pl.row, indent: i === p.items.length ? cols * cell + 40 : 0 }));
  const { axes, layout } = panelLayout(specs, cell, theme);
  const shared = colouring(p.items.flatMap((it) => it.data));
  const diffScale = colouring(diffs.flat(), 'diverging');
  const data: Trace[] = planes.map((pl, i) => ({
    type: 'heatmap', z: rowsOf({ shape: p.shape, data: pl.data }), xaxis: axes[i].x, yaxis: axes[i].y,
    ...(pl.diff ? diffScale : shared), showscale: false, meta: plotlyText(pl.title),
    hovertemplate: '%{meta} (%{y},%{x}) = %{z}<extra></extra>', ...valueText({ shape: p.shape, data: pl.data }, cell),
  }));
  const title = `${p.title} · max |difference| = ${formatValue(maxAbsError)}`;
  return { data, layout: { ...themedLayout(theme, title), ...layout }, config: CONFIG };
}
