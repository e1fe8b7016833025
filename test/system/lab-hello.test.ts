import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randn } from '../../kernel-lib/src';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs } from './support/notebook';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';

describe('00-hello.ipynb in a real JupyterLab, in Chromium', () => {
  let lab: Lab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const dir = freshArtifactDir('lab');
    copyWithoutOutputs(join(notebooksDir, '00-hello.ipynb'), join(dir, '00-hello.ipynb'));
    lab = await startLab(dir);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('run all cells draws the seeded 5x5 kernel as a plotly heatmap inside the output', async () => {
    const page = browser!.page;
    await page.goto(`${lab!.url}/lab/tree/00-hello.ipynb?reset`);
    await page.waitForFunction(
      () => (window as any).jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status === 'idle',
      undefined,
      { timeout: 120_000 },
    );
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('notebook:run-all-cells'));
    await page.waitForFunction(() => document.querySelectorAll('.convlab-tensor[data-convlab-rendered]').length === 2, undefined, {
      timeout: 60_000,
    });

    const plot = page.locator('.jp-OutputArea .convlab-tensor[data-convlab-rendered="matrix"]').first();
    const drawn = await plot.evaluate((node) => {
      const plotNode = node.querySelector('.js-plotly-plot') as (HTMLElement & { data?: Array<{ type: string; z: number[][] }> }) | null;
      return {
        type: plotNode?.data?.[0]?.type,
        z: plotNode?.data?.[0]?.z,
        heatmapImages: node.querySelectorAll('.heatmaplayer image').length,
        label: node.getAttribute('aria-label'),
      };
    });
    expect(drawn.type).toBe('heatmap');
    expect(drawn.heatmapImages).toBe(1);
    expect(drawn.z?.flat()).toEqual(Array.from(randn([5, 5], 42).data));
    expect(drawn.label).toMatch(/^matrix "a 5x5 kernel \(seed 42\)", shape 5x5, min -?\d/);

    await plot.screenshot({ path: screenshotPath('lab-00-hello-kernel') });
    expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });
});
