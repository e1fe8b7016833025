import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, receptiveFields, type Field } from '../../kernel-lib/src';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';
import { drawAllCells } from './support/run-all';

// The receptive-field view of notebook 11 in a real JupyterLab, drawn from the committed notebook's
// stored outputs (no kernel): hovering a neuron of a late layer frames, in the earlier layers, the
// cells receptiveFields gives for it; a click pins it.
const NAME = '11-receptive-fields.ipynb';
const NIELSEN = 0;

const views = (page: Page) => page.locator('.jp-OutputArea .convlab-tensor[data-convlab-rendered="fields"]');
const data = (page: Page, key: string) =>
  views(page)
    .nth(NIELSEN)
    .evaluate((node, k) => (node as HTMLElement).dataset[k], key);

/** The page position of data coordinates (x, y) in panel `axis` ('' for the first, '2', …) of the view. */
function cellPoint(page: Page, axis: string, x: number, y: number) {
  return page.evaluate(
    ([axis, x, y]) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor[data-convlab-rendered="fields"] .js-plotly-plot')[0] as any;
      const [xa, ya] = [plot._fullLayout[`xaxis${axis}`], plot._fullLayout[`yaxis${axis}`]];
      (plot.querySelector(`.subplot.x${axis}y${axis}`) ?? plot).scrollIntoView({ block: 'center' });
      const box = plot.getBoundingClientRect();
      return { x: box.left + xa._offset + xa.l2p(x), y: box.top + ya._offset + ya.l2p(y) };
    },
    [axis, x, y] as const,
  );
}

/** The dark frames the view draws in panel `xref`, as [x0, x1, y0, y1] in data coordinates. */
const framesIn = (page: Page, xref: string) =>
  page.evaluate((xref) => {
    const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor[data-convlab-rendered="fields"] .js-plotly-plot')[0] as any;
    return ((plot.layout.shapes ?? []) as any[])
      .filter((q) => q.type === 'rect' && q.xref === xref && q.line?.color === '#000000')
      .map((q) => [q.x0, q.x1, q.y0, q.y1]);
  }, xref);

/** Where a field of channel 0 of maps h x w must be framed in a mosaic (channel 0 sits at its top-left): its box, half a cell out. */
const box = (f: Field | null) => f && [f.cols[0] - 0.5, f.cols[f.cols.length - 1] + 0.5, f.rows[0] - 0.5, f.rows[f.rows.length - 1] + 0.5];

describe('the receptive-field view in a real JupyterLab, in Chromium', () => {
  let lab: Lab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const dir = freshArtifactDir('fields-lab');
    copyFileSync(join(notebooksDir, NAME), join(dir, NAME));
    lab = await startLab(dir);
    await drawAllCells(lab);
    browser = await openBrowser();
    await browser.page.setViewportSize({ width: 1400, height: 1100 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('hovering a neuron of the last pooled map frames its receptive field in the digit and in conv1, as receptiveFields says; a click pins it', async () => {
    const page = browser!.page;
    await page.goto(`${lab!.url}/lab/tree/${NAME}?reset`);
    await page.waitForFunction(
      () => document.querySelectorAll('.jp-OutputArea .convlab-tensor[data-convlab-rendered="fields"]').length >= 2,
      undefined,
      { timeout: 120_000 },
    );
    // Nielsen's geometry, the pure function's answer for pool2's channel 0, cell (3, 3) (the bottom-right of the first map)
    const net = new Sequential([
      new Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5 }),
      new MaxPool2D({ size: 2 }),
      new Conv2D({ inChannels: 20, outChannels: 40, kernelSize: 5 }),
      new MaxPool2D({ size: 2 }),
      new Flatten(),
      new Dense({ inputs: 640, outputs: 100 }),
      new Dense({ inputs: 100, outputs: 10, activation: 'softmax' }),
    ]);
    const expected = receptiveFields(net, [1, 28, 28]).follow([4, 0, 3, 3]);
    expect(await data(page, 'convlabFocus')).toBe('layer 3 c0 (1,2)'); // the notebook's follow, numbered from 0
    await views(page)
      .nth(NIELSEN)
      .screenshot({ path: screenshotPath('fields-nielsen') });

    const at = await cellPoint(page, '5', 3, 3); // column 4 (pool2) is the fifth panel: axis '5'
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => data(page, 'convlabFocus')).toBe('layer 3 c0 (3,3)');
    expect(await framesIn(page, 'x')).toEqual([box(expected[0])]); // the digit: rows 12..27, cols 12..27
    expect(box(expected[0])).toEqual([11.5, 27.5, 11.5, 27.5]);
    const conv1 = await framesIn(page, 'x2'); // one frame per channel, channel 0's first
    expect(conv1).toHaveLength(20);
    expect(conv1[0]).toEqual(box(expected[1]));
    const pool1 = await framesIn(page, 'x3');
    expect(pool1[0]).toEqual(box(expected[2]));
    const caption = await views(page).nth(NIELSEN).locator('.convlab-caption').textContent();
    expect(caption).toContain('receptive field in the input: rows 12–27, cols 12–27 (256 cells)');
    expect(caption).toContain('projective field in layer 5 Dense(640→100, sigmoid): all neurons (100 cells)');

    await page.mouse.click(at.x, at.y);
    await expect.poll(() => data(page, 'convlabPinned')).toBe('true');
    const other = await cellPoint(page, '', 5, 5);
    await page.mouse.move(other.x, other.y);
    await page.waitForTimeout(300);
    expect(await data(page, 'convlabFocus')).toBe('layer 3 c0 (3,3)'); // pinned: the hover did not move it
    await views(page)
      .nth(NIELSEN)
      .screenshot({ path: screenshotPath('fields-nielsen-pinned') });
    await views(page).nth(1).scrollIntoViewIfNeeded();
    await views(page)
      .nth(1)
      .screenshot({ path: screenshotPath('fields-dilated') });
  });
});
