import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIME_TYPE } from '../../kernel-lib/src';
import { examples } from '../kernel-lib/contract/examples';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs } from './support/notebook';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';
import { drawAllCells, runAllCells } from './support/run-all';
import { cellPoint, countRelayouts, drawnKinds, overflowingViews, plotLayout } from './support/views';

// The gallery notebook 09-views in a real JupyterLab: every view drawn, one screenshot each
// (artifacts/screenshots/views-*.png), hover linking, stepping, fitting the output's width, the dark
// theme, and no leaks.
const KINDS = [
  'matrix',
  'kernel',
  'signed',
  'grid',
  'grid',
  'conv',
  'conv-backward',
  'pool',
  'pool-backward',
  'pool-backward',
  'compare',
  'live',
  'matrix',
  'conv',
  'pool-backward',
  'grid',
  'pool',
  'matrix',
];
/** The convolution of a 28x28 input (section 9), opened at output cell (5, 12). */
const CONV_28 = 13;
/** The live training view (section 8), in its final state. */
const LIVE = 11;

/**
 * Where the live view draws its progress: the bar's box, the label's box, and the right end of the
 * accuracy panel (page pixels), to check that a full bar spans the curves and its label stays off it.
 */
function liveGeometry(page: Page) {
  return page.evaluate((view) => {
    const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[view] as any;
    const box = (el: Element) => el.getBoundingClientRect();
    // The progress is the green box (the view model's bar colour) drawn as a shape.
    const green = Array.from(plot.querySelectorAll('path')).find((p: any) =>
      /fill: rgb\(44, 160, 44\)/.test(p.getAttribute('style') ?? ''),
    ) as Element;
    const bar = box(green);
    const label = Array.from(plot.querySelectorAll('.annotation')).find((a: any) => /\d+ \/ \d+ \(\d+%\)/.test(a.textContent)) as Element;
    // The right end of the curves: the rightmost axis (the accuracy plot's).
    const layout = plot._fullLayout;
    const right = Math.max(
      ...Object.keys(layout)
        .filter((k) => /^xaxis\d*$/.test(k))
        .map((k) => layout[k]._offset + layout[k]._length),
    );
    return {
      bar: { left: bar.left, right: bar.right, top: bar.top },
      label: { bottom: box(label).bottom, right: box(label).right },
      panelsRight: box(plot).left + right,
    };
  }, LIVE);
}

/** The rectangles of a view's layout.shapes in panel `xref`, and how many cells are greyed out. */
function shapesOf(page: Page, view: number, xref: string) {
  return page.evaluate(
    ([view, xref]) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[view as number] as any;
      const shapes = (plot.layout.shapes ?? []) as Array<Record<string, any>>;
      return {
        frames: shapes.filter((s) => s.type === 'rect' && s.xref === xref && !s.fillcolor).map((s) => [s.x0, s.x1, s.y0, s.y1]),
        greyed: shapes.filter((s) => s.fillcolor).length,
      };
    },
    [view, xref] as const,
  );
}

const focusOf = (page: Page, view: number) =>
  page
    .locator('.jp-OutputArea .convlab-tensor')
    .nth(view)
    .evaluate((node) => (node as HTMLElement).dataset.convlabFocus);

describe('09-views.ipynb in a real JupyterLab, in Chromium', () => {
  let lab: Lab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const dir = freshArtifactDir('views-lab');
    copyWithoutOutputs(join(notebooksDir, '09-views.ipynb'), join(dir, '09-views.ipynb'));
    lab = await startLab(dir);
    await drawAllCells(lab);
    browser = await openBrowser();
    await browser.page.setViewportSize({ width: 1400, height: 1000 });
  });

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('run all cells draws every view, of the right kind, with a text alternative; one screenshot per view', async () => {
    const page = browser!.page;
    const ms = await runAllCells(page, lab!, '09-views.ipynb', KINDS.length);
    console.log(`09-views: ran and drew ${KINDS.length} views in ${(ms / 1000).toFixed(1)} s`);
    expect(await drawnKinds(page)).toEqual(KINDS);
    expect(await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count()).toBe(0);
    const labels = await page
      .locator('.jp-OutputArea .convlab-tensor')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
    labels.forEach((label, i) =>
      expect(label).toMatch(new RegExp(`^${KINDS[i]} ".*", (shape \\d+(x\\d+)+, min -?[\\d.e+-]+, max|step \\d+ of \\d+)`)),
    );
    expect(labels[LIVE]).toMatch(/^live "a pretend training run: finished", step 6 of 6, .*; epoch 6\/6 · loss 0\.135/); // the final state, in place, renamed
    const live = await liveGeometry(page);
    expect(Math.abs(live.bar.right - live.panelsRight)).toBeLessThan(2); // at 100% the bar spans the curves
    expect(live.label.bottom).toBeLessThanOrEqual(live.bar.top + 1); // its label sits above it, not over it
    expect(Math.abs(live.label.right - live.bar.right)).toBeLessThan(4);
    expect(await page.locator('.jp-OutputArea .convlab-notice').nth(12).textContent()).toMatch(
      /^downsampled from 300x300 to 150x150 \(mean of each 2x2 block; the cap is 256x256 per map\)$/,
    );
    await page.waitForSelector('.jp-RenderedLatex mjx-container', { timeout: 30_000 });
    expect(await page.locator('.jp-RenderedLatex mjx-container').count()).toBeGreaterThan(0);

    const views = page.locator('.jp-OutputArea .convlab-tensor');
    for (let i = 0; i < KINDS.length; i++) {
      await views.nth(i).screenshot({ path: screenshotPath(`views-${String(i + 1).padStart(2, '0')}-${KINDS[i]}`) });
    }
    await page
      .locator('.jp-RenderedLatex')
      .first()
      .screenshot({ path: screenshotPath('views-latex') });
    expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });

  it('hovering an output cell of the forward view frames its receptive field and writes the sum out', async () => {
    const page = browser!.page;
    const conv = 5;
    await page.locator('.jp-OutputArea .convlab-tensor').nth(conv).scrollIntoViewIfNeeded();
    const point = await cellPoint(page, conv, '3', 3, 2); // output a(2,3), 1-based
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => focusOf(page, conv)).toBe('2,3');
    expect((await shapesOf(page, conv, 'x')).frames[0]).toEqual([2.5, 5.5, 1.5, 4.5]); // input rows 2..4, cols 3..5
    expect((await shapesOf(page, conv, 'x3')).frames[0]).toEqual([2.5, 3.5, 1.5, 2.5]);
    const caption = await page.locator('.jp-OutputArea .convlab-tensor').nth(conv).locator('.convlab-caption').textContent();
    expect(caption).toMatch(/^a\(2,3\) = σ\(b \+ Σ w·x\)\n  z = 0\.1\n/);
    await page
      .locator('.jp-OutputArea .convlab-tensor')
      .nth(conv)
      .screenshot({ path: screenshotPath('views-hover-conv') });
  });

  it('hovering a δ cell of the backward view frames the δ cells it gathers and greys rotated weights that meet padding', async () => {
    const page = browser!.page;
    const backward = 6;
    await page.locator('.jp-OutputArea .convlab-tensor').nth(backward).scrollIntoViewIfNeeded();
    let point = await cellPoint(page, backward, '3', 3, 3);
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => focusOf(page, backward)).toBe('3,3');
    expect((await shapesOf(page, backward, 'x2')).greyed).toBe(0);
    point = await cellPoint(page, backward, '3', 1, 1);
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => focusOf(page, backward)).toBe('1,1');
    const { frames, greyed } = await shapesOf(page, backward, 'x');
    expect(frames[1]).toEqual([-1.5, 1.5, -1.5, 1.5]); // δˡ⁺¹ rows and cols −1..1: only δˡ⁺¹(1,1) is real
    expect(greyed).toBe(8);
    await page
      .locator('.jp-OutputArea .convlab-tensor')
      .nth(backward)
      .screenshot({ path: screenshotPath('views-hover-conv-backward') });
  });

  it('the step control moves the pooling window one position at a time', async () => {
    const page = browser!.page;
    const pool = page.locator('.jp-OutputArea .convlab-tensor').nth(7);
    await pool.scrollIntoViewIfNeeded();
    await pool.getByRole('button', { name: 'next position' }).click();
    await expect.poll(() => focusOf(page, 7)).toBe('1,2');
    await pool.getByRole('button', { name: 'next position' }).click();
    await expect.poll(() => focusOf(page, 7)).toBe('1,3');
    expect(await pool.locator('.convlab-status').textContent()).toBe('window 1,3 (3 of 16)');
    expect((await shapesOf(page, 7, 'x')).frames[0]).toEqual([4.5, 6.5, 0.5, 2.5]);
  });

  it('opens a linked view where `at` says, and writes the sum there', async () => {
    const page = browser!.page;
    expect(await focusOf(page, CONV_28)).toBe('5,12');
    const caption = await page.locator('.jp-OutputArea .convlab-tensor').nth(CONV_28).locator('.convlab-caption').textContent();
    expect(caption).toMatch(/^a\(5,12\) = σ\(b \+ Σ w·x\)\n/);
    expect((await shapesOf(page, CONV_28, 'x')).frames[0]).toEqual([11.5, 16.5, 4.5, 9.5]); // input rows 5..9, cols 12..16
    expect(await focusOf(page, CONV_28 + 1)).toBe('3,7');
    expect(await focusOf(page, CONV_28 + 3)).toBe('2,3');
  });

  it('fits every view to the output at 1280 px with the file browser open: no horizontal scroll bar, the 28x28 convolution side by side', async () => {
    const page = browser!.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.evaluate(() => (window as any).jupyterapp.shell.leftCollapsed)).toBe(false); // the file browser is open
    await expect.poll(() => overflowingViews(page), { timeout: 30_000 }).toEqual([]);
    const conv = page.locator('.jp-OutputArea .convlab-tensor').nth(CONV_28);
    const room = await conv.evaluate((node) => node.clientWidth);
    expect(room).toBeLessThan(900); // the narrow output the notebook authors reported
    const { width, y } = await plotLayout(page, CONV_28);
    expect(width).toBeLessThanOrEqual(room);
    expect(y[2][1]).toBe(y[0][1]); // the output panel sits beside the input, its top level with the input's
    await conv.scrollIntoViewIfNeeded();
    await conv.screenshot({ path: screenshotPath('views-fit-1280-conv-28x28') });
    await page
      .locator('.jp-OutputArea .convlab-tensor')
      .nth(CONV_28 + 1)
      .screenshot({ path: screenshotPath('views-fit-1280-pool-backward-24x24') });
    await page
      .locator('.jp-OutputArea .convlab-tensor')
      .nth(CONV_28 + 2)
      .screenshot({ path: screenshotPath('views-fit-1280-grid-labels') });
    await page
      .locator('.jp-OutputArea .convlab-tensor')
      .nth(LIVE)
      .screenshot({ path: screenshotPath('views-fit-1280-live') });
    await page.screenshot({ path: screenshotPath('views-fit-1280-window') });
  });

  it('lays each view out again, once, when the window narrows; the 28x28 convolution wraps its output under the input', async () => {
    const page = browser!.page;
    const relayouts = await countRelayouts(page);
    await page.setViewportSize({ width: 900, height: 900 });
    await expect.poll(() => overflowingViews(page), { timeout: 30_000 }).toEqual([]);
    await page.waitForTimeout(1000); // time for any further (unwanted) round of re-layouts
    const counts = await relayouts.read();
    expect(Math.max(...counts)).toBe(1);
    expect(counts[CONV_28]).toBe(1);
    const { y } = await plotLayout(page, CONV_28);
    expect(y[2][1]).toBeLessThan(y[0][0]); // the output panel now sits under the input
    const conv = page.locator('.jp-OutputArea .convlab-tensor').nth(CONV_28);
    // The written-out sum wraps between its terms, never inside a number.
    expect(await conv.locator('.convlab-caption').evaluate((n) => [getComputedStyle(n).whiteSpace, getComputedStyle(n).wordBreak])).toEqual(
      ['pre-wrap', 'normal'],
    );
    await conv.scrollIntoViewIfNeeded();
    await conv.screenshot({ path: screenshotPath('views-fit-900-conv-28x28') });
    await page
      .locator('.jp-OutputArea .convlab-tensor')
      .nth(CONV_28 + 1)
      .screenshot({ path: screenshotPath('views-fit-900-pool-backward-24x24') });
    await page
      .locator('.jp-OutputArea .convlab-tensor')
      .nth(3)
      .screenshot({ path: screenshotPath('views-fit-900-grid') });
    const live = await liveGeometry(page);
    expect(Math.abs(live.bar.right - live.panelsRight)).toBeLessThan(2);
    expect(live.label.bottom).toBeLessThanOrEqual(live.bar.top + 1);
    await page
      .locator('.jp-OutputArea .convlab-tensor')
      .nth(LIVE)
      .screenshot({ path: screenshotPath('views-fit-900-live') });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await expect
      .poll(
        async () => {
          const { y } = await plotLayout(page, CONV_28);
          return y[2][1] === y[0][1];
        },
        { timeout: 30_000 },
      )
      .toBe(true); // side by side again
    expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });

  it('leaves no plot, listener or node behind after 100 renders and disposals', async () => {
    const page = browser!.page;
    const cdp = await page.context().newCDPSession(page);
    // Which script added a listener: ours (the extension's chunks, plotly among them) or JupyterLab's.
    const scripts = new Map<string, string>();
    cdp.on('Debugger.scriptParsed', (event) => scripts.set(event.scriptId, event.url));
    await cdp.send('Debugger.enable');
    const ours = async (expression: string) => {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId!, depth: -1 });
      return listeners
        .filter((l) => scripts.get(l.scriptId)?.includes('/convlab-jupyterlab/'))
        .map((l) => l.type)
        .sort();
    };
    const count = async () => ({
      window: await ours('window'),
      document: await ours('document'),
      plots: await page.evaluate(() => document.querySelectorAll('.js-plotly-plot').length),
      views: await page.evaluate(() => document.querySelectorAll('.convlab-tensor').length),
    });
    const renderMany = (times: number) =>
      page.evaluate(
        async ([mime, payloads, times]) => {
          const rendermime = (window as any).jupyterapp.shell.currentWidget.content.rendermime;
          const host = document.createElement('div');
          document.body.appendChild(host);
          let notPurged = 0;
          for (let i = 0; i < (times as number); i++) {
            const renderer = rendermime.createRenderer(mime);
            host.appendChild(renderer.node);
            await renderer.renderModel(
              rendermime.createModel({ data: { [mime as string]: (payloads as readonly unknown[])[i % 3] }, trusted: true }),
            );
            await renderer.renderModel(
              rendermime.createModel({ data: { [mime as string]: (payloads as readonly unknown[])[(i + 1) % 3] }, trusted: true }),
            );
            const plot = renderer.node.querySelector('.convlab-plot');
            renderer.dispose();
            if (plot._fullLayout || plot.children.length > 0) notPurged++;
            renderer.node.remove();
          }
          host.remove();
          return notPurged;
        },
        [MIME_TYPE, [examples.conv, examples.grid, examples.live], times] as const,
      );
    expect(await renderMany(10)).toBe(0); // plotly and JupyterLab set up their global listeners once
    const before = await count();
    expect(before.document.length).toBeGreaterThan(100); // the 13 views' own listeners (plots, controls) are counted
    const leftovers = await renderMany(100);
    expect(leftovers).toBe(0);
    expect(await count()).toEqual(before);
    await cdp.detach();
  });

  it('follows a switch to the dark theme: every plot is redrawn on the dark background', async () => {
    const page = browser!.page;
    const backgrounds = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')).map(
          (p: any) => p._fullLayout.paper_bgcolor,
        ),
      );
    const light = await backgrounds();
    expect(new Set(light).size).toBe(1);
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('apputils:change-theme', { theme: 'JupyterLab Dark' }));
    await page.waitForFunction(() => document.body.dataset.jpThemeLight === 'false', undefined, { timeout: 30_000 });
    await page.waitForSelector('#jupyterlab-splash', { state: 'detached', timeout: 30_000 }); // the theme switch shows a splash
    await expect.poll(backgrounds, { timeout: 30_000 }).toEqual(light.map(() => expect.not.stringMatching(light[0])));
    const dark = await backgrounds();
    expect(dark[0]).not.toBe(light[0]);
    const views = page.locator('.jp-OutputArea .convlab-tensor');
    for (const i of [1, 3, 5, 8, 11, CONV_28, CONV_28 + 3])
      await views.nth(i).screenshot({ path: screenshotPath(`views-dark-${String(i + 1).padStart(2, '0')}-${KINDS[i]}`) });
    expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });
});
