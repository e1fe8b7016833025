import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randn } from '../../kernel-lib/src';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs } from './support/notebook';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';

/**
 * Notebook 7.6.3 itself throws this on every page, with no extension installed and no settings
 * (its shortcuts plugin reads the schema of a plugin that is not loaded); it is not convlab's.
 */
const NOTEBOOK_7_SHORTCUTS_ERROR = "pageerror: Cannot read properties of undefined (reading 'schema')";

describe('00-hello.ipynb in the Notebook 7 interface (jupyter notebook), in Chromium', () => {
  let server: Lab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const dir = freshArtifactDir('notebook7');
    copyWithoutOutputs(join(notebooksDir, '00-hello.ipynb'), join(dir, '00-hello.ipynb'));
    server = await startLab(dir, 'notebook');
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('/notebooks/00-hello.ipynb: run all cells draws both views as plotly heatmaps', async () => {
    const page = browser!.page;
    await page.goto(`${server!.url}/notebooks/00-hello.ipynb`);
    await page.waitForFunction(
      () => (window as any).jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status === 'idle',
      undefined,
      { timeout: 120_000 },
    );
    expect(await page.evaluate(() => (window as any).jupyterapp.name)).toBe('Jupyter Notebook');
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('notebook:run-all-cells'));
    await page.waitForFunction(() => document.querySelectorAll('.convlab-tensor[data-convlab-rendered]').length === 2, undefined, {
      timeout: 60_000,
    });

    const views = await page.locator('.jp-OutputArea .convlab-tensor[data-convlab-rendered="matrix"]').evaluateAll((nodes) =>
      nodes.map((node) => {
        const plot = node.querySelector('.js-plotly-plot') as (HTMLElement & { data?: Array<{ type: string; z: number[][] }> }) | null;
        return {
          type: plot?.data?.[0]?.type,
          z: plot?.data?.[0]?.z?.flat(),
          heatmapImages: node.querySelectorAll('.heatmaplayer image').length,
        };
      }),
    );
    const kernel = Array.from(randn([5, 5], 42).data);
    expect(views).toEqual([
      { type: 'heatmap', z: kernel, heatmapImages: 1 },
      { type: 'heatmap', z: kernel, heatmapImages: 1 },
    ]);
    // The renderer, not a fallback: no PNG or HTML figure is shown for these outputs.
    expect(await page.locator('.jp-OutputArea .convlab-fallback').count()).toBe(0);

    await page.locator('.jp-OutputArea .convlab-tensor').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('notebook7-00-hello'), fullPage: false });
    expect(browser!.errors.filter((e) => !/debugger/i.test(e) && !e.includes(NOTEBOOK_7_SHORTCUTS_ERROR))).toEqual([]);
  });
});
