import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conv2D, MIME_TYPE, mnist, takeRows } from '../../kernel-lib/src';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs, readNotebook } from './support/notebook';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';

// Notebooks 01–04 run in one real JupyterLab: every convlab view they emit is drawn (no error box,
// no stderr), in the order and of the kinds stored in the committed notebook, and each is
// screenshotted to artifacts/screenshots/lab-NN-*.png for people to look at.
const notebooks = ['01-convolution-kernel.ipynb', '02-shared-weights-and-channels.ipynb', '03-pooling.ipynb', '04-backprop-through-pooling.ipynb'];

/** The kinds of the convlab views a notebook's stored outputs hold, in order. */
function storedKinds(name: string): string[] {
  return readNotebook(join(notebooksDir, name))
    .cells.flatMap((cell) => cell.outputs ?? [])
    .map((output) => output.data?.[MIME_TYPE] as { kind?: string } | undefined)
    .filter((payload): payload is { kind: string } => typeof payload?.kind === 'string')
    .map((payload) => payload.kind);
}

describe('notebooks 01–04 in a real JupyterLab, in Chromium', () => {
  let lab: Lab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const dir = freshArtifactDir('lab');
    for (const name of notebooks) copyWithoutOutputs(join(notebooksDir, name), join(dir, name));
    lab = await startLab(dir);
    // Draw every cell, not only those scrolled into view, so that all outputs can be counted.
    const settings = await fetch(`${lab.url}/lab/api/settings/@jupyterlab/notebook-extension:tracker`, {
      method: 'PUT',
      body: JSON.stringify({ raw: JSON.stringify({ windowingMode: 'none' }) }),
    });
    expect(settings.status).toBeLessThan(300);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it.each(notebooks)('%s: run all cells draws every view', async (name) => {
    const page = browser!.page;
    const kinds = storedKinds(name);
    expect(kinds.length).toBeGreaterThan(0);
    await page.goto(`${lab!.url}/lab/tree/${name}?reset`);
    await page.waitForFunction(
      () => (window as any).jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status === 'idle',
      undefined,
      { timeout: 120_000 },
    );
    const started = Date.now();
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('notebook:run-all-cells'));
    await page.waitForFunction(
      (count) => {
        const widget = (window as any).jupyterapp.shell.currentWidget;
        const busy = widget?.sessionContext?.session?.kernel?.status !== 'idle';
        const drawn = document.querySelectorAll('.jp-OutputArea .convlab-tensor[data-convlab-rendered]').length;
        return !busy && drawn >= count;
      },
      kinds.length,
      { timeout: 120_000, polling: 500 },
    );
    console.log(`${name}: ran and drew ${kinds.length} views in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const views = page.locator('.jp-OutputArea .convlab-tensor');
    const drawnKinds = await views.evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.convlabRendered ?? 'error'));
    expect(drawnKinds).toEqual(kinds);
    expect(await page.locator('.jp-OutputArea .convlab-error').count()).toBe(0);
    expect(await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count()).toBe(0);

    if (name.startsWith('01-')) {
      // Step the linked view to the position the notebook computes literally, (8, 6): cell (9, 7)
      // counted from 1. Its caption must show the layer's output there.
      const layer = new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 5, seed: 1 });
      const digit = takeRows(mnist({ train: 10, test: 0, seed: 1 }).train.x, [0]);
      const expected = Number(layer.forward(digit).get(0, 0, 8, 6).toPrecision(4));
      const conv = page.locator('.convlab-tensor[data-convlab-rendered="conv"]');
      await conv.locator('.convlab-slider').evaluate((slider: HTMLInputElement) => {
        slider.value = String(8 * 24 + 6);
        slider.dispatchEvent(new Event('input'));
      });
      const caption = await conv.locator('.convlab-caption').textContent();
      expect(caption).toContain('a(9,7)');
      expect(caption).toContain(`= ${expected}`);
    }

    const prefix = name.slice(0, 2);
    await page.screenshot({ path: screenshotPath(`lab-${prefix}-00-window`) });
    for (let i = 0; i < kinds.length; i++) {
      await views.nth(i).screenshot({ path: screenshotPath(`lab-${prefix}-${String(i + 1).padStart(2, '0')}-${kinds[i]}`) });
    }
    expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
    // One kernel at a time on a small machine: shut this notebook's kernel down before the next.
    await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.sessionContext.shutdown());
  });
});
