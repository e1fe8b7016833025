import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs, readNotebook } from './support/notebook';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';
import { drawAllCells, runAllCells, storedOutputs } from './support/run-all';
import { drawnKinds } from './support/views';
import { writeFileSync } from 'node:fs';

// The gallery notebook 09-views in a real JupyterLab in Chromium, its kernel switched to Deno:
// every view drawn by the extension as in tslab, the live view updated in place, hover linking.
// Screenshots: artifacts/screenshots/deno-*.png.
describe('09-views.ipynb in a real JupyterLab, in Chromium, in the Deno kernel', () => {
  let lab: Lab | undefined;
  let browser: Browser | undefined;
  const kinds = storedOutputs(join(notebooksDir, '09-views.ipynb')).kinds; // what tslab drew when it was executed

  beforeAll(async () => {
    const dir = freshArtifactDir('deno-lab');
    const path = join(dir, '09-views.ipynb');
    copyWithoutOutputs(join(notebooksDir, '09-views.ipynb'), path);
    const notebook = readNotebook(path);
    notebook.metadata.kernelspec = { name: 'deno', display_name: 'Deno', language: 'typescript' };
    writeFileSync(path, JSON.stringify(notebook, null, 1));
    lab = await startLab(dir);
    await drawAllCells(lab);
    browser = await openBrowser();
    await browser.page.setViewportSize({ width: 1400, height: 1000 });
  });

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('run all cells in Deno draws every view of the tslab run, in order, and the live view in its final state', async () => {
    const page = browser!.page;
    const ms = await runAllCells(page, lab!, '09-views.ipynb', kinds.length);
    console.log(`09-views in Deno: ran and drew ${kinds.length} views in ${(ms / 1000).toFixed(1)} s`);
    const kernel = await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
    expect(kernel).toBe('deno');
    expect(await drawnKinds(page)).toEqual(kinds);
    expect(await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count()).toBe(0);
    const labels = await page
      .locator('.jp-OutputArea .convlab-tensor')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
    expect(labels[kinds.indexOf('live')]).toMatch(/^live ".*", step 6 of 6/);
    expect(await page.locator('.jp-OutputArea .convlab-tensor[data-convlab-error]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('deno-09-views-page') });
    const views = page.locator('.jp-OutputArea .convlab-tensor');
    for (const kind of ['conv', 'live', 'grid'])
      await views.nth(kinds.indexOf(kind)).screenshot({ path: screenshotPath(`deno-view-${kind}`) });
    expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });

  it('hovering an output cell of the forward view frames its receptive field, as in tslab', async () => {
    const page = browser!.page;
    const conv = kinds.indexOf('conv');
    const view = page.locator('.jp-OutputArea .convlab-tensor').nth(conv);
    await view.scrollIntoViewIfNeeded();
    const point = await page.evaluate((index) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[index] as any;
      const [xa, ya] = [plot._fullLayout.xaxis3, plot._fullLayout.yaxis3];
      const box = plot.getBoundingClientRect();
      return { x: box.left + xa._offset + xa.l2p(3), y: box.top + ya._offset + ya.l2p(2) };
    }, conv);
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => view.evaluate((node) => (node as HTMLElement).dataset.convlabFocus)).toBe('2,3');
    expect(await view.locator('.convlab-caption').textContent()).toMatch(/^a\(2,3\) = σ\(b \+ Σ w·x\)/);
    await view.screenshot({ path: screenshotPath('deno-hover-conv') });
  });
});
