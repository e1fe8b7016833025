import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs } from './support/notebook';
import { freshArtifactDir, root, screenshotPath } from './support/paths';
import { drawAllCells, runAllCells } from './support/run-all';
import { drawnKinds } from './support/views';

// A notebook of hostile payloads in a real JupyterLab: every one is refused with a readable message
// or drawn with its strings as text; no script runs and no markup from a payload reaches the page.
const fixture = join(root, 'test', 'system', 'fixtures', 'hostile-views.ipynb');

const REFUSED = [
  'matrix: data has 3 values but the shape needs 4',
  'matrix: data[1] must be a finite number',
  'matrix: data[0] must be a finite number',
  'conv: input must be an object with shape and data',
  'matrix: shape has a side of 4096, over the limit of 1024',
  'kind is not one this renderer knows',
  'payload must be a JSON object',
  'matrix: shape must be an array of 2 dimensions',
];
const PWN = '<img src=x onerror="window.__convlabPwned = 1">';
const SCRIPT = '<script>window.__convlabPwned = 2</script>';

describe('hostile payloads in a real JupyterLab, in Chromium', () => {
  let lab: Lab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const dir = freshArtifactDir('views-hostile');
    copyWithoutOutputs(fixture, join(dir, 'hostile-views.ipynb'));
    lab = await startLab(dir);
    await drawAllCells(lab);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('refuses each broken payload with its message, draws the valid ones with their markup as text, and runs no script', async () => {
    const page = browser!.page;
    await runAllCells(page, lab!, 'hostile-views.ipynb', REFUSED.length + 4);
    await page.waitForTimeout(500); // give any injected handler (img onerror) the time to fire
    expect(await drawnKinds(page)).toEqual([...REFUSED.map(() => 'error'), 'matrix', 'kernel', 'compare', 'matrix']);
    const messages = await page.locator('.jp-OutputArea .convlab-error').allTextContents();
    expect(messages).toEqual(REFUSED.map((m) => `convlab: cannot show this output: ${m}`));

    expect(await page.evaluate(() => (window as any).__convlabPwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], .jp-OutputArea script').count()).toBe(0);
    // The titles are there, as the literal text they are.
    const titles = await page.locator('.jp-OutputArea .convlab-tensor .gtitle').allTextContents();
    expect(titles).toEqual([PWN + SCRIPT, SCRIPT, `${PWN} · max |difference| = 0: equal`, PWN + SCRIPT]);
    expect(await page.locator('.jp-OutputArea .convlab-notice:not(:empty)').allTextContents()).toEqual([SCRIPT]);
    const labels = await page.locator('.jp-OutputArea .convlab-tensor .annotation-text').allTextContents();
    expect(labels.find((l) => l.startsWith('A: '))).toMatch(/^A: <img src=x/); // a panel title, as text

    await page
      .locator('.jp-OutputArea', { has: page.locator('.convlab-error') })
      .screenshot({ path: screenshotPath('views-hostile-refused') });
    await page
      .locator('.jp-OutputArea .convlab-tensor[data-convlab-rendered]')
      .nth(1)
      .screenshot({ path: screenshotPath('views-hostile-kernel') });
    expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });
});
