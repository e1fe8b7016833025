import type { Page } from 'playwright-core';

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
    const axes = (kind: string) =>
      Object.keys(layout)
        .filter((k) => new RegExp(`^${kind}axis\\d*$`).test(k))
        .sort()
        .map((k) => layout[k].domain as number[]);
    return { width: layout.width as number, x: axes('x'), y: axes('y') };
  }, view);
}

/** The page position of data coordinates (x, y) in panel `axis` ('' for the first, '2', '3' …) of the `view`-th view. */
export function cellPoint(page: Page, view: number, axis: string, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([view, axis, x, y]) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[view as number] as any;
      const xa = plot._fullLayout[`xaxis${axis}`];
      const ya = plot._fullLayout[`yaxis${axis}`];
      const box = plot.getBoundingClientRect();
      return { x: box.left + xa._offset + xa.l2p(x), y: box.top + ya._offset + ya.l2p(y) };
    },
    [view, axis, x, y] as const,
  );
}
