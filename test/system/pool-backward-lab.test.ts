import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { avgPool2dBackward, maxPool2d, maxPool2dBackward, randn } from '../../kernel-lib/src';
import { poolBackwardPayload } from '../../kernel-lib/src/display/linked';
import { formatValue, poolBackwardFormula, poolShares, poolSpacing } from '../../kernel-lib/src/view';
import { screenshotPath } from './support/paths';
import { runAllCells } from './support/run-all';
import { tslabNotebook, useLabSession } from './support/session';

// The backward pooling view with overlapping windows (3x3, stride 2, padding 1) in a real
// JupyterLab: hovering a cell of x or of δˡ selects that δˡ cell, frames every window that reads
// it in δˡ⁺¹ and writes the sum, whose value is maxPool2dBackward's (avgPool2dBackward's) for the
// same seeded tensors computed here in Node.
const NAME = 'pool-backward.ipynb';
const WINDOWS = { size: 3, stride: 2, padding: 1 };
const notebook = tslabNotebook([
  'import * as cl from "convlab";',
  `cl.showPoolBackward(cl.randn([7, 7], 26), cl.randn([4, 4], 27), { size: 3, stride: 2, padding: 1, title: "max" });`,
  `cl.showPoolBackward(cl.randn([7, 7], 26), cl.randn([4, 4], 27), { size: 3, stride: 2, padding: 1, mode: "avg", title: "avg" });`,
]);
const X = randn([7, 7], 26);
const D = randn([4, 4], 27);

const view = (page: Page, k: number) => page.locator('.jp-OutputArea .convlab-tensor').nth(k);

/** The page position of data coordinates (x, y) in panel `axis` ('' the first, '2', '3') of view k. */
function cellPoint(page: Page, k: number, axis: string, x: number, y: number) {
  return page.evaluate(
    ([k, axis, x, y]) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[k as number] as any;
      const [xa, ya] = [plot._fullLayout[`xaxis${axis}`], plot._fullLayout[`yaxis${axis}`]];
      const box = plot.getBoundingClientRect();
      return { x: box.left + xa._offset + xa.l2p(x), y: box.top + ya._offset + ya.l2p(y) };
    },
    [k, axis, x, y] as const,
  );
}

/** The unfilled rectangles of view k in panel `xref`, as [x0, x1, y0, y1], one per frame (a frame is drawn as a halo and a line). */
function frames(page: Page, k: number, xref: string) {
  return page.evaluate(
    ([k, xref]) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[k as number] as any;
      return ((plot.layout.shapes ?? []) as Array<Record<string, any>>)
        .filter((s) => s.type === 'rect' && s.xref === xref && !s.fillcolor)
        .map((s) => ({ at: [s.x0, s.x1, s.y0, s.y1], dash: s.line?.dash ?? 'solid' }))
        .filter((f, n, all) => all.findIndex((g) => g.at.join() === f.at.join()) === n);
    },
    [k, xref] as const,
  );
}

describe('the backward pooling view with overlapping windows, in a real JupyterLab', () => {
  const session = useLabSession('pool-backward-lab', { [NAME]: notebook }, { width: 1300, height: 1100 });

  it('hovering x or δˡ selects the δˡ cell, frames the windows that read it, and writes the library’s sum', async () => {
    const { lab, browser } = session;
    const page = browser.page;
    await runAllCells(page, lab, NAME, 2);
    // The cell of x that is the maximum of the most windows.
    const wins = new Map<number, number>();
    for (const k of maxPool2d(X, WINDOWS).argmax) wins.set(k, (wins.get(k) ?? 0) + 1);
    const cell = [...wins.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const [i, j] = [Math.floor(cell / 7), cell % 7];
    for (const [k, mode, panel] of [
      [0, 'max', ''],
      [1, 'avg', '3'],
    ] as const) {
      await view(page, k).scrollIntoViewIfNeeded();
      const point = await cellPoint(page, k, panel, j + 1, i + 1); // 1-based, as the axes are labelled
      await page.mouse.move(point.x, point.y);
      await expect.poll(() => view(page, k).evaluate((n) => (n as HTMLElement).dataset.convlabFocus)).toBe(`${i + 1},${j + 1}`);
      const p = poolBackwardPayload('showPoolBackward', X, D, { ...WINDOWS, mode });
      const caption = await view(page, k).locator('.convlab-caption').textContent();
      expect(caption).toBe(poolBackwardFormula(p, i, j).join('\n'));
      const dx = mode === 'max' ? maxPool2dBackward(X, D, WINDOWS) : avgPool2dBackward(X, D, WINDOWS);
      expect(caption!.split('\n').at(-1)).toBe(`  = ${formatValue(dx.data[cell])}`);
      // In δˡ⁺¹: one frame per window reading x(i, j), solid where it sends δ back.
      const shares = poolShares(p, poolSpacing(p), i, j);
      const drawn = await frames(page, k, 'x2');
      expect(drawn).toHaveLength(shares.length);
      expect(drawn.map((f) => f.at)).toEqual(
        shares.map((s) => [s.window[1] + 0.5, s.window[1] + 1.5, s.window[0] + 0.5, s.window[0] + 1.5]),
      );
      expect(drawn.map((f) => f.dash !== 'solid')).toEqual(shares.map((s) => s.weight === 0));
      await view(page, k).screenshot({ path: screenshotPath(`pool-backward-spaced-${mode}`) });
    }
    // A cell read by several windows and the maximum of only some: solid frames there, dotted elsewhere.
    const p = poolBackwardPayload('showPoolBackward', X, D, WINDOWS);
    const mixed = Array.from({ length: 49 }, (_, at) => poolShares(p, poolSpacing(p), Math.floor(at / 7), at % 7)).findIndex(
      (sh) => sh.some((s) => s.weight === 1) && sh.some((s) => s.weight === 0),
    );
    expect(mixed).toBeGreaterThanOrEqual(0);
    await view(page, 0).scrollIntoViewIfNeeded();
    const point = await cellPoint(page, 0, '3', (mixed % 7) + 1, Math.floor(mixed / 7) + 1); // hovered in δˡ this time
    await page.mouse.move(point.x, point.y);
    await expect
      .poll(() => view(page, 0).evaluate((n) => (n as HTMLElement).dataset.convlabFocus))
      .toBe(`${Math.floor(mixed / 7) + 1},${(mixed % 7) + 1}`);
    const shares = poolShares(p, poolSpacing(p), Math.floor(mixed / 7), mixed % 7);
    expect((await frames(page, 0, 'x2')).map((f) => f.dash !== 'solid')).toEqual(shares.map((s) => s.weight === 0));
    await view(page, 0).screenshot({ path: screenshotPath('pool-backward-spaced-max-partly') });
  });
});
