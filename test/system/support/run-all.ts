import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { MIME_TYPE } from '../../../kernel-lib/src';
import type { Lab } from './lab';
import { readNotebook } from './notebook';

/** Lets JupyterLab draw every cell, not only those scrolled into view, so that all outputs can be counted. */
export async function drawAllCells(lab: Lab): Promise<void> {
  const settings = await fetch(`${lab.url}/lab/api/settings/@jupyterlab/notebook-extension:tracker`, {
    method: 'PUT',
    body: JSON.stringify({ raw: JSON.stringify({ windowingMode: 'none' }) }),
  });
  expect(settings.status).toBeLessThan(300);
}

/** What a notebook's stored outputs hold, in order: the kinds of its convlab views, and its number of LaTeX-only outputs. */
export function storedOutputs(path: string): { kinds: string[]; latex: number } {
  const notebook = readNotebook(path);
  const outputs = notebook.cells.flatMap((cell) => cell.outputs ?? []);
  const kinds = outputs
    .map((output) => output.data?.[MIME_TYPE] as { kind?: string } | undefined)
    .filter((payload): payload is { kind: string } => typeof payload?.kind === 'string')
    .map((payload) => payload.kind);
  const latex = outputs.filter((output) => output.data !== undefined && 'text/latex' in output.data && !(MIME_TYPE in output.data)).length;
  return { kinds, latex };
}

/**
 * Opens a notebook in JupyterLab (or, with `path` 'notebooks', in Notebook 7), waits until it is
 * loaded and its kernel idle, runs all cells, and waits until run-all has finished and `views`
 * convlab outputs have settled (drawn or refused). Returns the milliseconds from run-all to settled.
 */
export async function runAllCells(
  page: Page,
  lab: Lab,
  name: string,
  views: number,
  { timeoutMs = 180_000, path = 'lab/tree' }: { timeoutMs?: number; path?: 'lab/tree' | 'notebooks' } = {},
): Promise<number> {
  await page.goto(`${lab.url}/${path}/${name}${path === 'lab/tree' ? '?reset' : ''}`);
  await page.waitForFunction(
    () => {
      const widget = (window as any).jupyterapp?.shell?.currentWidget;
      return widget?.context?.isReady && widget.sessionContext?.session?.kernel?.status === 'idle';
    },
    undefined,
    { timeout: 120_000 },
  );
  const started = Date.now();
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('notebook:run-all-cells'));
  // Run-all has started once the first code cell has an execution count.
  await page.waitForFunction(
    () =>
      (window as any).jupyterapp.shell.currentWidget.content.widgets.some(
        (cell: any) => cell.model?.type === 'code' && cell.model.executionCount !== null,
      ),
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForFunction(
    (count) => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      const busy = widget?.sessionContext?.session?.kernel?.status !== 'idle';
      const running = widget?.content?.widgets?.some((cell: any) => cell.model?.type === 'code' && cell.model.executionState === 'running');
      const settled = document.querySelectorAll('.jp-OutputArea .convlab-tensor:is([data-convlab-rendered], [data-convlab-error])').length;
      return !busy && !running && settled >= count;
    },
    views,
    { timeout: timeoutMs, polling: 250 },
  );
  return Date.now() - started;
}
