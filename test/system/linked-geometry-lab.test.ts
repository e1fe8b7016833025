import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  Tensor,
  avgPool2dBackward,
  conv2d,
  conv2dBackward,
  convTranspose2d,
  maxPool2d,
  maxPool2dBackward,
  randn,
  tensor,
} from '../../kernel-lib/src';
import { convBackwardPayload, convPayload, convTransposePayload, poolBackwardPayload } from '../../kernel-lib/src/display/linked';
import {
  convBackwardFormula,
  convFormula,
  formatValue,
  stampFormula,
  poolBackwardFormula,
  poolShares,
  poolSpacing,
} from '../../kernel-lib/src/view';
import { screenshotPath } from './support/paths';
import { runAllCells } from './support/run-all';
import { tslabNotebook, useLabSession } from './support/session';
import { cellPoint } from './support/views';

// Linked views of the geometries past the notes' one channel and tiling, in a real JupyterLab:
// the backward pooling view with overlapping windows (3x3, stride 2, padding 1) — hovering a cell
// of x or of δˡ selects that δˡ cell, frames every window that reads it in δˡ⁺¹ and writes the sum,
// maxPool2dBackward's (avgPool2dBackward's) value for the same seeded tensors computed here in
// Node — and the convolution over three input channels: hovering an output cell frames its window
// in every channel and writes the partial sums, which add up to conv2d's value — and the transposed
// convolution as stamps: hovering an input cell frames its stamp in y and in the overlap count —
// and δ of three output channels flowing back through a stride-2 convolution into one input channel.
const NAME = 'linked-geometry.ipynb';
const WINDOWS = { size: 3, stride: 2, padding: 1 };
const notebook = tslabNotebook([
  'import * as cl from "convlab";',
  `cl.showPoolBackward(cl.randn([7, 7], 26), cl.randn([4, 4], 27), { size: 3, stride: 2, padding: 1, title: "max" });`,
  `cl.showPoolBackward(cl.randn([7, 7], 26), cl.randn([4, 4], 27), { size: 3, stride: 2, padding: 1, mode: "avg", title: "avg" });`,
  `cl.showConv(cl.randn([3, 6, 6], 28), cl.randn([3, 3, 3], 29), 0.1, { padding: 1, title: "three channels" });`,
  `cl.showConvTranspose(cl.randn([4, 4], 30), cl.randn([3, 3], 31), { stride: 2, title: "stamps" });`,
  `cl.showConvBackward(cl.randn([3, 3, 3], 32), cl.randn([3, 3, 3], 33), { stride: 2, inputSize: [7, 7], title: "three channels back" });`,
]);
const X = randn([7, 7], 26);
const D = randn([4, 4], 27);

const view = (page: Page, k: number) => page.locator('.jp-OutputArea .convlab-tensor').nth(k);

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

describe('linked views of strided, padded and multi-channel geometries, in a real JupyterLab', () => {
  const session = useLabSession('linked-geometry-lab', { [NAME]: notebook }, { width: 1300, height: 1100 });
  let ran: Promise<number> | undefined;
  /** Runs the notebook's cells once, for whichever test comes first. */
  const ready = () => (ran ??= runAllCells(session.browser.page, session.lab, NAME, 5));

  it('hovering x or δˡ selects the δˡ cell, frames the windows that read it, and writes the library’s sum', async () => {
    const { lab, browser } = session;
    const page = browser.page;
    await ready();
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

  it('three input channels: hovering an output cell frames its window in every channel and writes partial sums that add up to conv2d', async () => {
    const page = session.browser.page;
    await ready();
    const x = randn([3, 6, 6], 28);
    const w = randn([3, 3, 3], 29);
    const [r, c] = [2, 4]; // 0-based output cell
    // The view is taller than the window: its top (the output, beside channel 1) scrolled into sight.
    await view(page, 2).evaluate((n) => n.scrollIntoView({ block: 'start' }));
    const point = await cellPoint(page, 2, '7', c + 1, r + 1); // panels x1 w1 x2 w2 x3 w3 a: the output is axis 7
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => view(page, 2).evaluate((n) => (n as HTMLElement).dataset.convlabFocus)).toBe(`${r + 1},${c + 1}`);
    const caption = (await view(page, 2).locator('.convlab-caption').textContent())!;
    const p = convPayload('showConv', x, w, 0.1, { padding: 1 });
    expect(caption).toBe(convFormula(p, r, c).join('\n'));
    const z = conv2d(new Tensor([1, 3, 6, 6], x.data), new Tensor([1, 3, 3, 3], w.data), tensor([0.1]), { padding: 1 });
    expect(caption.split('\n').at(-2)).toMatch(new RegExp(`= ${formatValue(z.data[r * 6 + c]).replace(/[.()+-]/g, '\\$&')}$`));
    // The window, rows r−1..r+1 and cols c−1..c+1 of x (0-based; the axes number x from 1 and its padding 0), in each channel.
    for (const axis of ['', '3', '5']) {
      expect((await frames(page, 2, `x${axis}`)).map((f) => f.at)).toContainEqual([c - 0.5, c + 2.5, r - 0.5, r + 2.5]);
    }
    await view(page, 2).screenshot({ path: screenshotPath('conv-three-channels-hover') });
  });

  it('the transposed convolution as stamps: hovering an input cell frames its stamp in y and in the count, and writes what it adds', async () => {
    const page = session.browser.page;
    await ready();
    const [i, j] = [1, 2]; // 0-based input cell
    await view(page, 3).evaluate((n) => n.scrollIntoView({ block: 'start' }));
    const point = await cellPoint(page, 3, '', j + 1, i + 1);
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => view(page, 3).evaluate((n) => (n as HTMLElement).dataset.convlabFocus)).toBe(`${i + 1},${j + 1}`);
    const p = convTransposePayload('showConvTranspose', randn([4, 4], 30), randn([3, 3], 31), { stride: 2 });
    expect(await view(page, 3).locator('.convlab-caption').textContent()).toBe(stampFormula(p, i, j).join('\n'));
    // Its stamp: rows 2i..2i+2, cols 2j..2j+2 of y (0-based), in y (axis 3) and in the count (axis 4).
    const stamp = [2 * j + 0.5, 2 * j + 3.5, 2 * i + 0.5, 2 * i + 3.5];
    expect((await frames(page, 3, 'x3')).map((f) => f.at)).toContainEqual(stamp);
    expect((await frames(page, 3, 'x4')).map((f) => f.at)).toContainEqual(stamp);
    // The count panel holds the overlap: convTranspose2d of ones by ones.
    const counts = convTranspose2d(tensor(Array(16).fill(1), [1, 1, 4, 4]), tensor(Array(9).fill(1), [1, 1, 3, 3]), undefined, {
      stride: 2,
    });
    const drawn = await page.evaluate(() => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[3] as any;
      const heat = plot.data.filter((t: any) => Array.isArray(t.z));
      return (heat.at(-1).z as number[][]).flat();
    });
    expect(drawn).toEqual(Array.from(counts.data));
    await view(page, 3).screenshot({ path: screenshotPath('conv-transpose-stamps-hover') });
  });

  it('three channels of δ back through a stride-2 convolution: hovering a δˡ cell frames its taps in every channel and writes partial sums that add up to dx', async () => {
    const page = session.browser.page;
    await ready();
    const delta = randn([3, 3, 3], 32);
    const w = randn([3, 3, 3], 33);
    const [i, j] = [3, 4]; // 0-based δˡ cell
    await view(page, 4).evaluate((n) => n.scrollIntoView({ block: 'start' }));
    const point = await cellPoint(page, 4, '7', j + 1, i + 1); // panels δ̃1 rot1 δ̃2 rot2 δ̃3 rot3 δˡ: δˡ is axis 7
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => view(page, 4).evaluate((n) => (n as HTMLElement).dataset.convlabFocus)).toBe(`${i + 1},${j + 1}`);
    const caption = (await view(page, 4).locator('.convlab-caption').textContent())!;
    const p = convBackwardPayload('showConvBackward', delta, w, { stride: 2, inputSize: [7, 7] });
    expect(caption).toBe(convBackwardFormula(p, i, j).join('\n'));
    const { dx } = conv2dBackward(
      new Tensor([1, 1, 7, 7], new Float64Array(49)),
      new Tensor([3, 1, 3, 3], w.data),
      new Tensor([1, 3, 3, 3], delta.data),
      {
        stride: 2,
      },
    );
    expect(caption.split('\n').at(-1)).toMatch(new RegExp(`= ${formatValue(dx.data[i * 7 + j]).replace(/[.()+-]/g, '\\$&')}$`));
    // δˡ(i, j) reads rows i..i+2, cols j..j+2 of every channel's spread δ (numbered from 1).
    for (const axis of ['', '3', '5']) {
      expect((await frames(page, 4, `x${axis}`)).map((f) => f.at)).toContainEqual([j + 0.5, j + 3.5, i + 0.5, i + 3.5]);
    }
    await view(page, 4).screenshot({ path: screenshotPath('conv-backward-three-channels-hover') });
  });
});
