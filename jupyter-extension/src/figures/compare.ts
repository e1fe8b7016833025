import { type ComparePayload, compareDifferences, differenceCaption, differenceTitle, indexBaseOf } from 'convlab/contract';
import type { Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure } from '../figure';
import type { Theme } from '../theme';
import { CONFIG, DIVERGING, MAX_CELL, MIN_LINKED_CELL, ROW_HEIGHT, type Room, colouring, highlight, plotlyText, rowsOf, themedLayout, valueText, widthOf } from './common';
import { type PanelSpec, fitPanels, panelLayout } from './panels';

type Built = Omit<Figure, 'label'>;

/**
 * Two or three matrices that should be equal on one shared scale, then each one's difference to the
 * first, on the diverging scale of the compared values (`compareDifferences`): a difference within
 * the tolerance stays white and is named "≈ 0", a real one shows as strongly as it is large next to
 * the values, its largest cell framed. The title writes the largest |difference| and the verdict.
 */
export function compareFigure(p: ComparePayload, theme: Theme, room: Room = {}): Built {
  const [rows, cols] = p.shape;
  const base = indexBaseOf(p);
  const d = compareDifferences(p);
  const names = ['A', 'B', 'C'];
  const planes = [
    ...p.items.map((it, i) => ({ title: `${names[i]}: ${it.label}`, data: it.data, diff: false })),
    ...d.planes.map((pl, i) => ({ title: differenceTitle(`${names[i + 1]} − A`, pl), data: pl.data, diff: true })),
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
  const diffScale = { colorscale: DIVERGING, zmin: -d.bound, zmax: d.bound };
  const data: Trace[] = planes.map((pl, i) => ({
    type: 'heatmap', z: rowsOf({ shape: p.shape, data: pl.data }), x: numbered(cols), y: numbered(rows), xaxis: axes[i].x, yaxis: axes[i].y,
    ...(pl.diff ? diffScale : shared), showscale: false, meta: plotlyText(pl.title),
    hovertemplate: '%{meta} (%{y},%{x}) = %{z}<extra></extra>', ...valueText({ shape: p.shape, data: pl.data }, cell),
  }));
  const worst = d.planes.flatMap((pl, i) => (pl.verdict === 'differs' ? highlight(axes[n + i], Math.floor(pl.at / cols), pl.at % cols, Math.floor(pl.at / cols), pl.at % cols, base) : []));
  const title = `${p.title} · ${differenceCaption(d)}`;
  return { data, layout: { ...themedLayout(theme, title), ...layout, shapes: worst }, config: CONFIG };
}
