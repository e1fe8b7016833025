import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Lab } from './lab';

/** Lets JupyterLab draw every cell, not only those scrolled into view, so that all outputs can be counted. */
export async function drawAllCells(lab: Lab): Promise<void> {
  const settings = await fetch(`${lab.url}/lab/api/settings/@jupyterlab/notebook-extension:tracker`, {
    method: 'PUT',
    body: JSON.stringify({ raw: JSON.stringify({ windowingMode: 'none' }) }),
  });
  expect(settings.status).toBeLessThan(300);
}

/** Opens a notebook in JupyterLab, waits for its kernel, runs all cells and waits until `count` views are drawn and the kernel is idle. */
export async function runNotebook(page: Page, lab: Lab, name: string, count: number, path = 'lab/tree'): Promise<number> {
  await page.goto(`${lab.url}/${path}/${name}?reset`);
  await page.waitForFunction(
    () => (window as any).jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status === 'idle',
    undefined,
    { timeout: 120_000 },
  );
  const started = Date.now();
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('notebook:run-all-cells'));
  await page.waitForFunction(
    (n) => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      const busy = widget?.sessionContext?.session?.kernel?.status !== 'idle';
      const settled = document.querySelectorAll('.jp-OutputArea .convlab-tensor:is([data-convlab-rendered], [data-convlab-error])').length;
      return !busy && settled >= n;
    },
    count,
    { timeout: 180_000, polling: 250 },
  );
  return Date.now() - started;
}

/** The kind drawn by each convlab output, in order ('error' when it shows a message instead). */
export function drawnKinds(page: Page): Promise<string[]> {
  return page
    .locator('.jp-OutputArea .convlab-tensor')
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.convlabRendered ?? 'error'));
}
