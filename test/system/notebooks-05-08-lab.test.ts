import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIME_TYPE } from '../../kernel-lib/src';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs, readNotebook } from './support/notebook';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';

// Notebooks 05–08 run in one real JupyterLab: every convlab view they emit is drawn (no error box,
// no stderr) in the order and of the kinds stored in the committed notebook, every LaTeX output is
// typeset by MathJax, and each view and formula is screenshotted to artifacts/screenshots/lab-NN-*.png
// for people to look at. Notebook 07 trains a network, hence the long timeout.
const notebooks = [
  '05-backprop-through-convolution.ipynb',
  '06-weight-and-bias-gradients.ipynb',
  '07-train-nielsen-cnn.ipynb',
  '08-beyond-the-notes.ipynb',
];
/** How long run-all may take: notebook 07 trains for about a minute, the others take seconds. */
const runTimeout = (name: string): number => (name.startsWith('07-') ? 600_000 : 120_000);

/** What a notebook's stored outputs hold, in order: the kinds of its convlab views and its number of LaTeX outputs. */
function stored(name: string): { kinds: string[]; latex: number } {
  const outputs = readNotebook(join(notebooksDir, name)).cells.flatMap((cell) => cell.outputs ?? []);
  const kinds = outputs
    .map((output) => output.data?.[MIME_TYPE] as { kind?: string } | undefined)
    .filter((payload): payload is { kind: string } => typeof payload?.kind === 'string')
    .map((payload) => payload.kind);
  const latex = outputs.filter((output) => output.data !== undefined && 'text/latex' in output.data && !(MIME_TYPE in output.data)).length;
  return { kinds, latex };
}

describe('notebooks 05–08 in a real JupyterLab, in Chromium', () => {
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

  it.each(notebooks)(
    '%s: run all cells draws every view and typesets every formula',
    async (name) => {
      const page = browser!.page;
      const { kinds, latex } = stored(name);
      expect(kinds.length).toBeGreaterThan(0);
      const cells = readNotebook(join(notebooksDir, name)).cells.length;
      await page.goto(`${lab!.url}/lab/tree/${name}?reset`);
      await page.waitForFunction(
        (count) => {
          const widget = (window as any).jupyterapp?.shell?.currentWidget;
          return widget?.context?.isReady && widget.content?.widgets?.length === count && widget.sessionContext?.session?.kernel?.status === 'idle';
        },
        cells,
        { timeout: 120_000 },
      );
      const started = Date.now();
      await page.evaluate(() => (window as any).jupyterapp.commands.execute('notebook:run-all-cells'));
      // Run-all has started once the first code cell has an execution count.
      await page.waitForFunction(
        () => (window as any).jupyterapp.shell.currentWidget.content.widgets.some((cell: any) => cell.model?.type === 'code' && cell.model.executionCount !== null),
        undefined,
        { timeout: 60_000 },
      );
      await page.waitForFunction(
        (count) => {
          const widget = (window as any).jupyterapp.shell.currentWidget;
          const busy = widget?.sessionContext?.session?.kernel?.status !== 'idle';
          const pending = widget?.content?.widgets?.some((cell: any) => cell.model?.type === 'code' && cell.model.executionState === 'running');
          const drawn = document.querySelectorAll('.jp-OutputArea .convlab-tensor[data-convlab-rendered]').length;
          return !busy && !pending && drawn >= count;
        },
        kinds.length,
        { timeout: runTimeout(name), polling: 500 },
      );
      console.log(`${name}: ran and drew ${kinds.length} views and ${latex} formulas in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      const views = page.locator('.jp-OutputArea .convlab-tensor');
      const drawnKinds = await views.evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.convlabRendered ?? 'error'));
      expect(drawnKinds).toEqual(kinds);
      expect(await page.locator('.jp-OutputArea .convlab-error').count()).toBe(0);
      expect(await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count()).toBe(0);

      const formulas = page.locator('.jp-OutputArea-output[data-mime-type="text/latex"]');
      expect(await formulas.count()).toBe(latex);
      if (latex > 0) await page.waitForFunction(() => document.querySelectorAll('.jp-OutputArea-output[data-mime-type="text/latex"] mjx-container').length > 0);

      const prefix = name.slice(0, 2);
      for (let i = 0; i < kinds.length; i++) {
        await views.nth(i).scrollIntoViewIfNeeded();
        await views.nth(i).screenshot({ path: screenshotPath(`lab-${prefix}-${String(i + 1).padStart(2, '0')}-${kinds[i]}`) });
      }
      for (let i = 0; i < latex; i++) {
        await formulas.nth(i).scrollIntoViewIfNeeded();
        await formulas.nth(i).screenshot({ path: screenshotPath(`lab-${prefix}-latex-${String(i + 1).padStart(2, '0')}`) });
      }
      expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
    },
    900_000,
  );
});
