import { type ComparePayload, differences, formatValue, indexBaseOf } from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, MAX_CELL, MIN_LINKED_CELL, ROW_HEIGHT, type Room, colouring, plotlyText, rowsOf, themedLayout, valueText, widthOf } from './common';
import { type PanelSpec, fitPanels, panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

/**
 * Two or three matrices that should be equal on one shared scale, then each one's difference to the
 * first on its own diverging scale (so an error of 1e-16 still shows), and the largest |difference|.
 */
export function compareFigure(p: ComparePayload, theme: Theme, room: Room = {}): Built {
  const [rows, cols] = p.shape;
  const base = indexBaseOf(p);
  const { diffs, maxAbsError } = differences(p);
  const names = ['A', 'B', 'C'];
  const planes = [
    ...p.items.map((it, i) => ({ title: `${names[i]}: ${it.label}`, data: it.data, diff: false })),
    ...diffs.map((d, i) => ({ title: `${names[i + 1]} − A`, data: d, diff: true })),
  ];
  const n = p.items.length;
  // The items in one row, each difference under the item it compares to A (nothing under A); or,
  // where that is too wide, one row per item with its difference beside it.
  const inRows: PanelSpec[] = planes.map((pl, i) => ({ rows, cols, base, title: pl.title, row: pl.diff ? 1 : 0, indent: i === n ? cols : 0 }));
  const paired: PanelSpec[] = planes.map((pl, i) => ({ rows, cols, base, title: pl.title, row: pl.diff ? i - n + 1 : i }));
  const { specs, cell } = fitPanels([inRows, paired], { width: widthOf(room), max: MAX_CELL, min: MIN_LINKED_CELL, rowHeight: ROW_HEIGHT / 2 });
  const { axes, layout } = panelLayout(specs, cell, theme);
  const numbered = (k: number): number[] => Array.from({ length: k }, (_, i) => i + base);
  const shared = colouring(p.items.flatMap((it) => it.data));
  const diffScale = colouring(diffs.flat(), 'diverging');
  const data: Trace[] = planes.map((pl, i) => ({
    type: 'heatmap', z: rowsOf({ shape: p.shape, data: pl.data }), x: numbered(cols), y: numbered(rows), xaxis: axes[i].x, yaxis: axes[i].y,
    ...(pl.diff ? diffScale : shared), showscale: false, meta: plotlyText(pl.title),
    hovertemplate: '%{meta} (%{y},%{x}) = %{z}<extra></extra>', ...valueText({ shape: p.shape, data: pl.data }, cell),
  }));
  const title = `${p.title} · max |difference| = ${formatValue(maxAbsError)}`;
  return { data, layout: { ...themedLayout(theme, title), ...layout }, config: CONFIG };
}
