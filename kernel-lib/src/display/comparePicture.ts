import { type ComparePayload, compareDifferences, differenceCaption, differenceTitle } from '../contract';
import { redBlue } from './colormap';
import { type Item, cellFor, colourOf, columnOf, heatmap, highlight, label, rowOf, titled } from './layout';

const NAMES = ['A', 'B', 'C'];

/**
 * The PNG of a comparison, drawn by the rule of the interactive view (`compareDifferences`): the
 * items named A, B, C on one scale, each difference under its item on the diverging scale of the
 * compared values (within the tolerance it is white, and named "≈ 0"), the largest cell of a real
 * difference framed, and the maximum error written under it all.
 */
export function comparePicture(p: ComparePayload): Item {
  const [rows, cols] = p.shape;
  const cell = cellFor(p.items.length * (cols + 1), 2 * rows + 1);
  const shared = colourOf(p.items.flatMap((it) => it.data));
  const d = compareDifferences(p);
  const diverging = (v: number) => redBlue(0.5 + v / (2 * d.bound));
  const items = p.items.map((it, i) => titled(`${NAMES[i]}: ${it.label}`, heatmap({ shape: p.shape, data: it.data }, cell, shared)));
  const diffs = d.planes.map((pl, i) => {
    const [r, c] = [Math.floor(pl.at / cols), pl.at % cols];
    const frame = pl.verdict === 'differs' ? highlight(cell, p.shape, r, c, r, c) : undefined;
    return titled(differenceTitle(`${NAMES[i + 1]} − A`, pl), heatmap({ shape: p.shape, data: pl.data }, cell, diverging, frame));
  });
  const gap = Math.max(cell, 12);
  const grid = columnOf([rowOf(items, gap), rowOf([{ w: cols * cell, h: 0, draw: () => undefined }, ...diffs], gap)], gap);
  return columnOf([grid, label(differenceCaption(d), Math.max(grid.w, 360))], 8);
}
