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

/**
 * The indices of the convlab views that do not fit their output: a horizontal scroll bar on the
 * view's node or on the output area around it (scrollWidth > clientWidth).
 */
export function overflowingViews(page: Page): Promise<number[]> {
  return page.locator('.jp-OutputArea .convlab-tensor').evaluateAll((nodes) =>
    nodes.flatMap((node, i) => {
      const output = node.closest('.jp-OutputArea-output') as HTMLElement;
      const wide = (el: HTMLElement) => el.scrollWidth > el.clientWidth;
      return wide(node as HTMLElement) || wide(output) ? [i] : [];
    }),
  );
}

/** Starts counting, per view, how often it is laid out for a new width (data-convlab-width changes); `read` returns the counts. */
export async function countRelayouts(page: Page): Promise<{ read: () => Promise<number[]> }> {
  await page.evaluate(() => {
    const nodes = Array.from(document.querySelectorAll('.jp-OutputArea .convlab-tensor'));
    const counts = nodes.map(() => 0);
    const observer = new MutationObserver((records) => records.forEach((r) => counts[nodes.indexOf(r.target as Element)]++));
    nodes.forEach((node) => observer.observe(node, { attributes: true, attributeFilter: ['data-convlab-width'] }));
    (window as any).__convlabRelayouts = counts;
  });
  return { read: () => page.evaluate(() => [...(window as any).__convlabRelayouts] as number[]) };
}

/** The plotly layout of view `view`: its width and each panel's axis domains (x, x2, … and y, y2, …). */
export function plotLayout(page: Page, view: number): Promise<{ width: number; x: number[][]; y: number[][] }> {
  return page.evaluate((view) => {
    const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[view] as any;
    const layout = plot._fullLayout;
    const axes = (kind: string) => Object.keys(layout).filter((k) => new RegExp(`^${kind}axis\\d*$`).test(k)).sort().map((k) => layout[k].domain as number[]);
    return { width: layout.width as number, x: axes('x'), y: axes('y') };
  }, view);
}
