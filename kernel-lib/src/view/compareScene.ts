import type { ComparePayload } from '../contract';
import { type Room, emptyScene, widthOf } from './build';
import { compareDifferences, differenceTitle } from './compare';
import { frameOf } from './conv';
import { describePayload } from './describe';
import { indexBaseOf } from './labels';
import { MAX_CELL, MIN_LINKED_CELL, type PanelSpec, ROW_HEIGHT, fitPanels, heatPanel, placePanels, scaleOf } from './panels';
import type { Scene } from './scene';

/**
 * Two or three matrices that should be equal on one shared scale, then each one's difference to the
 * first, on the diverging scale of the compared values (`compareDifferences`): a difference within
 * the tolerance stays white and is named "≈ 0", a real one shows as strongly as it is large next to
 * the values, its largest cell framed.
 */
export function compareScene(p: ComparePayload, room: Room): Scene {
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
  const inRows: PanelSpec[] = planes.map((pl, i) => ({
    rows,
    cols,
    base,
    title: pl.title,
    row: pl.diff ? 1 : 0,
    indent: i === n ? cols : 0,
  }));
  const paired: PanelSpec[] = planes.map((pl, i) => ({ rows, cols, base, title: pl.title, row: pl.diff ? i - n + 1 : i }));
  const { specs, cell } = fitPanels([inRows, paired], {
    width: widthOf(room),
    max: MAX_CELL,
    min: MIN_LINKED_CELL,
    rowHeight: ROW_HEIGHT / 2,
  });
  const placed = placePanels(specs, cell);
  const shared = scaleOf(p.items.flatMap((it) => it.data));
  const diffScale = { kind: 'diverging' as const, min: -d.bound, max: d.bound };
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  planes.forEach((pl, i) =>
    s.panels.push(heatPanel(placed.boxes[i], { rows, cols, values: pl.data, scale: pl.diff ? diffScale : shared, base, symbol: pl.title })),
  );
  d.planes.forEach((pl, i) => {
    const [r, c] = [Math.floor(pl.at / cols), pl.at % cols];
    if (pl.verdict === 'differs') s.frames.push(...frameOf(n + i, p.shape, r, c, r, c));
  });
  return s;
}
