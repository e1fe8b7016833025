import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs } from './support/notebook';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';
import { runAllCells } from './support/run-all';
import { drawnKinds } from './support/views';

// The same renderer in the Notebook 7 interface: 09-views draws every view, and linking works.
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

/** Notebook 7.6.3 throws this itself on every page (its shortcuts plugin); it is not convlab's. */
const NOTEBOOK_7_SHORTCUTS_ERROR = "pageerror: Cannot read properties of undefined (reading 'schema')";

describe('09-views.ipynb in Notebook 7, in Chromium', () => {
  let server: Lab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const dir = freshArtifactDir('views-notebook7');
    copyWithoutOutputs(join(notebooksDir, '09-views.ipynb'), join(dir, '09-views.ipynb'));
    server = await startLab(dir, 'notebook');
    const settings = await fetch(`${server.url}/lab/api/settings/@jupyterlab/notebook-extension:tracker`, {
      method: 'PUT',
      body: JSON.stringify({ raw: JSON.stringify({ windowingMode: 'none' }) }),
    });
    expect(settings.status).toBeLessThan(300);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('run all cells draws every view; hovering the forward view moves its highlight', async () => {
    const page = browser!.page;
    await runAllCells(page, server!, '09-views.ipynb', KINDS.length, { path: 'notebooks' });
    expect(await page.evaluate(() => (window as any).jupyterapp.name)).toBe('Jupyter Notebook');
    expect(await drawnKinds(page)).toEqual(KINDS);

    const conv = page.locator('.jp-OutputArea .convlab-tensor').nth(5);
    await conv.scrollIntoViewIfNeeded();
    await conv.getByRole('button', { name: 'next position' }).click();
    await expect.poll(() => conv.evaluate((node) => (node as HTMLElement).dataset.convlabFocus)).toBe('1,2');
    await conv.screenshot({ path: screenshotPath('views-notebook7-conv') });
    expect(browser!.errors.filter((e) => !/debugger/i.test(e) && !e.includes(NOTEBOOK_7_SHORTCUTS_ERROR))).toEqual([]);
  });
});
