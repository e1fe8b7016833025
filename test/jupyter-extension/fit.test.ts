import type { Payload } from 'convlab/contract';
import { describe, expect, it } from 'vitest';
import { convBackwardPayload, convPayload, poolBackwardPayload, poolPayload } from '../../kernel-lib/src/display/linked';
import { gridPayload } from '../../kernel-lib/src/display/payloads';
import { randn } from '../../kernel-lib/src';
import { buildFigure } from '../../jupyter-extension/src/figure';
import { cellToFit, fitPanels } from '../../kernel-lib/src/view/panels';
import { examples } from '../kernel-lib/contract/examples';
import { light } from './themes';

type Domains = { width: number; height: number; margin: { t: number }; [axis: string]: unknown };
const domain = (layout: Domains, axis: string) => (layout[axis] as { domain: number[] }).domain;
const layoutOf = (p: Payload, width?: number) => buildFigure(p, light, { width }).layout as unknown as Domains;
const textOf = (p: Payload, width: number, trace: number) => buildFigure(p, light, { width }).data[trace].text;

// The wide views the notebook authors reported cut off in an 850-pixel output.
const conv28 = convPayload('showConv', randn([28, 28], 1), randn([5, 5], 2), 0.1, {});
const pool24 = poolPayload('showPool', randn([24, 24], 3), {});
const back24 = poolBackwardPayload('showPoolBackward', randn([24, 24], 3), randn([12, 12], 4), {});
const grid24 = gridPayload('showFeatureMaps', randn([4, 24, 24], 5), { columns: 4 });

describe('fitting panels to a width', () => {
  const panels = [
    { rows: 28, cols: 28, title: 'x' },
    { rows: 24, cols: 24, title: 'y', row: 0 },
  ];

  it('cellToFit: the largest whole cell at which every row fits (margins 46 + 16, gap 40), capped by height and max', () => {
    expect(cellToFit(panels, { width: 850, max: 40, rowHeight: 520 })).toBe(Math.floor((850 - 62 - 40) / 52)); // 14
    expect(cellToFit(panels, { width: 4000, max: 40, rowHeight: 520 })).toBe(18); // 520 / 28
    expect(cellToFit(panels, { width: 160, max: 40, rowHeight: 520 })).toBeCloseTo((160 - 102) / 52, 10); // under 2: a fraction
  });

  it('fitPanels: the first arrangement whose cells are big enough, else the one with the biggest cells', () => {
    const wrapped = panels.map((p, i) => ({ ...p, row: i }));
    expect(fitPanels([panels, wrapped], { width: 850, max: 40, min: 8, rowHeight: 520 })).toEqual({ specs: panels, cell: 14 });
    expect(fitPanels([panels, wrapped], { width: 400, max: 40, min: 8, rowHeight: 520 })).toEqual({ specs: wrapped, cell: 12 }); // (400 − 62) / 28
    expect(fitPanels([panels, wrapped], { width: 200, max: 40, min: 8, rowHeight: 520 }).specs).toBe(wrapped);
  });
});

describe('views fit the width of their output', () => {
  it.each([
    ['conv 28x28 ⋆ 5x5', conv28],
    ['conv-backward 24x24', convBackwardPayload('showConvBackward', randn([24, 24], 1), randn([5, 5], 2), {})],
    ['pool 24x24', pool24],
    ['pool-backward 24x24', back24],
    ['grid of 4 24x24 maps, 4 across', grid24],
    [
      'compare 24x24',
      {
        ...examples.compare,
        shape: [24, 24],
        items: [
          { label: 'a', data: new Array(576).fill(1) },
          { label: 'b', data: new Array(576).fill(2) },
        ],
      } as Payload,
    ],
    [
      'live with 20 kernels and a status',
      { ...examples.live, status: 'epoch 3/10 · '.repeat(20), kernels: { shape: [20, 5, 5], data: new Array(500).fill(0.5) } } as Payload,
    ],
  ])('%s: never wider than 850, 600 or 420 pixels', (_, payload) => {
    for (const width of [850, 600, 420]) expect(layoutOf(payload, width).width).toBeLessThanOrEqual(width);
  });

  it('pool-backward: three panels in one row, then two, then one a row', () => {
    const rowsAt = (width: number) => new Set(['yaxis', 'yaxis2', 'yaxis3'].map((a) => domain(layoutOf(back24, width), a)[1])).size;
    expect([rowsAt(850), rowsAt(600), rowsAt(300)]).toEqual([1, 2, 3]);
  });

  it('writes values only into cells large enough to read them, also with values: "show"', () => {
    const small = convPayload('showConv', randn([8, 8], 1), randn([3, 3], 2), 0, {});
    expect(textOf(small, 850, 0)).toBeDefined();
    expect(textOf(small, 240, 0)).toBeUndefined();
    const shown = { ...pool24, values: 'show' } as Payload;
    expect(textOf(shown, 1600, 0)).toBeDefined();
    expect(textOf(shown, 420, 0)).toBeDefined(); // wrapped: 14-pixel cells
    expect(textOf(shown, 280, 0)).toBeUndefined(); // 9-pixel cells
  });

  it('grid: picks its columns from the width when none are given, and keeps the given ones', () => {
    const maps = gridPayload('showFeatureMaps', randn([20, 24, 24], 1));
    const columns = (p: Payload, width: number) => {
      const labels = (buildFigure(p, light, { width }).layout.annotations as Array<{ y: number }>).map((a) => a.y);
      return labels.filter((y) => y === labels[0]).length;
    };
    expect(columns(maps, 850)).toBe(5);
    expect(columns(maps, 420)).toBeLessThan(5);
    expect(columns(gridPayload('showFeatureMaps', randn([4, 5, 5], 1)), 850)).toBe(4);
    expect(columns(grid24, 420)).toBe(4);
  });

  it('counts an escaped character of a title as one: a title that fits is not wrapped', () => {
    const title = Array(20).fill('<b>').join(' '); // 79 characters shown, 199 once escaped
    const layout = buildFigure({ ...examples.kernel, title } as Payload, light, { width: 800 }).layout as unknown as {
      title: { text: string };
    };
    expect(layout.title.text).toBe(Array(20).fill('&lt;b&gt;').join(' '));
  });

  it('lays out for 860 pixels when the width could not be measured', () => {
    expect(layoutOf(conv28)).toEqual(layoutOf(conv28, 860));
  });
});
