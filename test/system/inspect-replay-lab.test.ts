import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIME_TYPE } from '../../kernel-lib/src';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { executeNotebook, readNotebook } from './support/notebook';
import { freshArtifactDir, screenshotPath } from './support/paths';
import { drawAllCells } from './support/run-all';
import { cellPoint } from './support/views';

// The inspector and the replay in a real JupyterLab, on outputs stored by a headless run (so the
// views draw from the saved notebook): hovering a neuron frames the right cells across layers, a
// click pins it; scrubbing the replay changes the drawn step; saved and reopened, it shows that step.
const NAME = 'inspect-replay.ipynb';
const [INSPECT, REPLAY] = [0, 1];

const views = (page: Page) => page.locator('.jp-OutputArea .convlab-tensor');
const data = (page: Page, view: number, key: string) =>
  views(page)
    .nth(view)
    .evaluate((node, k) => (node as HTMLElement).dataset[k], key);

/** The first frame (dark outline) a view draws in panel `xref`, as [x0, x1, y0, y1] in data coordinates. */
const frameIn = (page: Page, view: number, xref: string) =>
  page.evaluate(
    ([view, xref]) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[view as number] as any;
      const s = ((plot.layout.shapes ?? []) as any[]).find((q) => q.type === 'rect' && q.xref === xref && !q.fillcolor);
      return s ? [s.x0, s.x1, s.y0, s.y1] : null;
    },
    [view, xref] as const,
  );

const heading = (page: Page, view: number) =>
  page.evaluate((view) => {
    const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[view] as any;
    return String(plot.layout.annotations?.[0]?.text ?? '');
  }, view);

/** Scrolls panel `axis` of a view to the middle of the window (a tall view does not fit it). */
const scrollToPanel = (page: Page, view: number, axis: string) =>
  page.evaluate(
    ([view, axis]) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[view as number] as HTMLElement;
      (plot.querySelector(`.subplot.x${axis}y${axis}`) ?? plot).scrollIntoView({ block: 'center' });
    },
    [view, axis] as const,
  );

/** The axis id ('' for the first, '2', …) of the first heatmap of a view with rows x cols cells: a panel found by its shape. */
const axisOfShape = (page: Page, view: number, rows: number, cols: number) =>
  page.evaluate(
    ([view, rows, cols]) => {
      const plot = document.querySelectorAll('.jp-OutputArea .convlab-tensor .js-plotly-plot')[view] as any;
      const i = (plot.data as any[]).findIndex((t) => t.type === 'heatmap' && t.z.length === rows && t.z[0].length === cols);
      return i <= 0 ? String(i) : String(i + 1);
    },
    [view, rows, cols] as const,
  );

async function openStored(page: Page, lab: Lab): Promise<void> {
  await page.goto(`${lab.url}/lab/tree/${NAME}?reset`);
  await page.waitForFunction(
    () => document.querySelectorAll('.jp-OutputArea .convlab-tensor[data-convlab-rendered]').length >= 2,
    undefined,
    { timeout: 120_000 },
  );
}

describe('the inspector and the replay in a real JupyterLab, in Chromium', () => {
  let lab: Lab | undefined;
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    dir = freshArtifactDir('inspect-replay-lab');
    await executeNotebook(join(__dirname, 'fixtures', NAME), join(dir, NAME), 600);
    lab = await startLab(dir);
    await drawAllCells(lab);
    browser = await openBrowser();
    await browser.page.setViewportSize({ width: 1400, height: 1100 });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('hovering a neuron of the second pooling layer frames its receptive field in the digit; a click pins it', async () => {
    const page = browser!.page;
    await openStored(page, lab!);
    expect(await data(page, INSPECT, 'convlabRendered')).toBe('inspect');
    expect(await data(page, INSPECT, 'convlabFocus')).toBe('layer 3 c6 (2,3)'); // follow [4, 5, 1, 2], 1-based in the view
    // the first frame: the digit, rows 4..19, cols 8..23 (0-based data coordinates, half a cell outside)
    expect(await frameIn(page, INSPECT, 'x')).toEqual([7.5, 23.5, 3.5, 19.5]);
    await views(page)
      .nth(INSPECT)
      .screenshot({ path: screenshotPath('inspect-follow') });
    // layer 3's activations: 40 maps of 4x4, 7 a row (29x34 cells with the gaps); channel 0, cell (0, 0) is its top-left
    const pool2 = await axisOfShape(page, INSPECT, 29, 34);
    expect(Number(pool2)).toBeGreaterThan(1);
    await scrollToPanel(page, INSPECT, pool2);
    const corner = await cellPoint(page, INSPECT, pool2, 0, 0);
    await page.mouse.move(corner.x, corner.y);
    await expect.poll(() => data(page, INSPECT, 'convlabFocus')).toBe('layer 3 c1 (1,1)');
    expect(await frameIn(page, INSPECT, 'x')).toEqual([-0.5, 15.5, -0.5, 15.5]); // rows 0..15, cols 0..15 of the digit
    // the first conv's maps (axis '2'): map 0's rows 0..11, cols 0..11 (its first frame)
    expect(await frameIn(page, INSPECT, 'x2')).toEqual([-0.5, 11.5, -0.5, 11.5]);
    const caption = await views(page).nth(INSPECT).locator('.convlab-caption').textContent();
    expect(caption).toContain('sees in the input: rows 1–16, cols 1–16');
    await page.mouse.click(corner.x, corner.y);
    await expect.poll(() => data(page, INSPECT, 'convlabPinned')).toBe('true');
    const other = await cellPoint(page, INSPECT, pool2, 27, 1); // channel 5, cell (1, 2)
    await page.mouse.move(other.x, other.y);
    await page.waitForTimeout(300);
    expect(await data(page, INSPECT, 'convlabFocus')).toBe('layer 3 c1 (1,1)');
    await views(page)
      .nth(INSPECT)
      .screenshot({ path: screenshotPath('inspect-pinned') });
  });

  it('scrubbing the replay changes the drawn step; saved and reopened, the notebook shows that step', async () => {
    const page = browser!.page;
    const replay = views(page).nth(REPLAY);
    await replay.scrollIntoViewIfNeeded();
    expect(await data(page, REPLAY, 'convlabRendered'), (await replay.textContent()) ?? '').toBe('replay');
    expect(await data(page, REPLAY, 'convlabStep')).toBe('0');
    expect(await heading(page, REPLAY)).toMatch(/^step 0 \(epoch 0\), 1 of 7 recorded: before training/);
    await replay.screenshot({ path: screenshotPath('replay-step-0') });
    const next = replay.locator('.convlab-replay-controls button[aria-label="next position"]');
    for (let i = 0; i < 4; i++) await next.click();
    await expect.poll(() => data(page, REPLAY, 'convlabStep')).toBe('4');
    expect(await heading(page, REPLAY)).toMatch(/^step 4 \(epoch 1\), 5 of 7 recorded: batch loss/);
    await replay.screenshot({ path: screenshotPath('replay-step-4') });
    // the step is written into the output's metadata (after the scrubbing rests), then saved
    await page.waitForTimeout(600);
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('docmanager:save'));
    await expect
      .poll(
        () => {
          const saved = readNotebook(join(dir, NAME)).cells[2].outputs?.find((o) => o.data?.[MIME_TYPE]) as
            { metadata?: Record<string, any> } | undefined;
          return saved?.metadata?.[MIME_TYPE]?.view?.position;
        },
        { timeout: 20_000 },
      )
      .toBe(4);
    // the payload and the static PNG are the kernel's, unchanged
    const file = JSON.parse(readFileSync(join(dir, NAME), 'utf8'));
    const output = file.cells[2].outputs.find((o: any) => o.data?.[MIME_TYPE]);
    expect(output.data[MIME_TYPE].position).toBe(0);
    expect(typeof output.data['image/png']).toBe('string');
    // reopen: the view starts on the saved step
    await openStored(page, lab!);
    await expect.poll(() => data(page, REPLAY, 'convlabStep')).toBe('4');
    expect(await heading(page, REPLAY)).toMatch(/^step 4 \(epoch 1\), 5 of 7 recorded/);
    await views(page)
      .nth(REPLAY)
      .screenshot({ path: screenshotPath('replay-reopened') });
    expect(browser!.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });
});
