import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { MIME_TYPE, type ExploreSettings, Tensor, conv2d, conv2dBackward, randn, rot180, tensor } from '../../kernel-lib/src';
import { unpackPayload } from '../../kernel-lib/src/contract';
import { settingCaption } from '../../kernel-lib/src/view';
import { runCommand } from './support/commands';
import { readNotebook } from './support/notebook';
import { screenshotPath, venvBin } from './support/paths';
import { runAllCells } from './support/run-all';
import { tslabNotebook, useLabSession } from './support/session';

// The explorer in a real JupyterLab: each control moved with real input events redraws the view
// with the library's numbers for that setting (computed here in Node from the same seeded x and w);
// a pinned cell walks with the arrow keys; saved, the notebook holds the setting and fallbacks drawn
// for it; reopened, the controls and the picture are as left; nbconvert shows the saved setting.
const NAME = 'explore.ipynb';
const notebook = tslabNotebook([
  'import * as cl from "convlab";',
  'cl.explore(cl.randn([7, 7], 1), cl.randn([3, 3], 2), { bias: 0.5, title: "explore" });',
]);
const X = randn([7, 7], 1);
const W = randn([3, 3], 2);

/** What the library computes for a setting: a = z (linear) forward, δˡ for δ = z backward. */
function library(s: ExploreSettings): { shape: number[]; data: number[] } {
  const cut = (t: Tensor, side: number, n: number) =>
    new Tensor(
      [1, 1, n, n],
      Float64Array.from({ length: n * n }, (_, q) => t.data[Math.floor(q / n) * side + (q % n)]),
    );
  const x = cut(X, 7, s.input);
  const w = s.operation === 'convolution' ? rot180(cut(W, 3, s.kernel)) : cut(W, 3, s.kernel);
  const opts = { stride: s.stride, padding: s.padding, dilation: s.dilation };
  const z = conv2d(x, w, tensor([0.5]), opts);
  const out = s.direction === 'forward' ? z : conv2dBackward(x, w, z, opts).dx;
  return { shape: out.shape.slice(2), data: Array.from(out.data) };
}

const explorer = (page: Page) => page.locator('.jp-OutputArea .convlab-tensor[data-convlab-rendered="explore"]').first();

/** The setting the page shows and the values of its last heatmap (the output panel). */
function shown(page: Page) {
  return page.evaluate(() => {
    const view = document.querySelector('.jp-OutputArea .convlab-tensor[data-convlab-rendered="explore"]') as HTMLElement;
    const plot = view.querySelector('.js-plotly-plot') as any;
    const heatmaps = (plot?.data ?? []).filter((t: any) => Array.isArray(t.z));
    const z = heatmaps.at(-1)?.z as Array<Array<number | null>> | undefined;
    return {
      settings: JSON.parse(view.dataset.convlabSettings ?? 'null'),
      shapes: (view.querySelector('.convlab-explore') as HTMLElement | null)?.dataset.convlabShapes,
      rows: z?.length ?? 0,
      output: (z ?? []).flat().filter((v): v is number => typeof v === 'number'),
      calls: view.querySelector('.convlab-explore-calls')?.textContent ?? '',
      focus: view.dataset.convlabFocus,
    };
  });
}

/** Moves a control with the events a user's input makes (a slider's value, a selector's choice). */
async function move(page: Page, control: string, value: string): Promise<void> {
  const target = explorer(page).locator(`[data-control="${control}"]`);
  const tag = await target.evaluate((n) => n.tagName);
  if (tag === 'SELECT') await target.selectOption(value);
  else
    await target.evaluate((input: HTMLInputElement, v) => {
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
}

describe('the explorer in a real JupyterLab, in Chromium', () => {
  const session = useLabSession('explore-lab', { [NAME]: notebook }, { width: 1300, height: 1200 });

  it('every control redraws the library result for its setting; the arrow keys walk a pinned cell; the setting is saved, reopened and exported', async () => {
    const { dir, lab, browser } = session;
    const page = browser.page;
    await runAllCells(page, lab, NAME, 1);
    const view = explorer(page);
    await view.scrollIntoViewIfNeeded();
    let settings: ExploreSettings = (await shown(page)).settings;
    expect(settings).toEqual({
      kernel: 3,
      input: 7,
      stride: 1,
      dilation: 1,
      padding: 'valid',
      operation: 'correlation',
      direction: 'forward',
    });
    const steps: Array<[string, string, Partial<ExploreSettings>]> = [
      ['stride', '2', { stride: 2 }],
      ['padding', '1', { padding: 1 }],
      ['padding', 'same', { padding: 'same' }],
      ['dilation', '2', { dilation: 2 }],
      ['kernel', '2', { kernel: 2 }],
      ['operation', 'convolution', { operation: 'convolution' }],
      ['input', '6', { input: 6 }],
      ['padding', 'full', { padding: 'full' }],
      ['direction', 'backward', { direction: 'backward' }],
      ['dilation', '1', { dilation: 1 }],
    ];
    for (const [control, value, change] of steps) {
      await move(page, control, value);
      settings = { ...settings, ...change };
      await expect.poll(async () => JSON.stringify((await shown(page)).settings), { timeout: 10_000 }).toBe(JSON.stringify(settings));
      await page.waitForTimeout(150);
      const now = await shown(page);
      const want = library(settings);
      expect(now.shapes, control).toBe(`${want.shape[0]}x${want.shape[1]}`);
      expect(now.rows, control).toBe(want.shape[0]);
      const drawn = [...now.output].sort((a, b) => a - b);
      const expected = [...want.data].sort((a, b) => a - b);
      expect(drawn.length, control).toBe(expected.length);
      drawn.forEach((v, i) => expect(Math.abs(v - expected[i]), `${control} ${value}`).toBeLessThan(1e-9));
      await view.screenshot({ path: screenshotPath(`explore-${control}-${value}`) });
    }
    expect((await shown(page)).calls).toContain("cl.conv2dBackward(x, cl.rot180(w), dy, { stride: 2, padding: 'full', dilation: 1 }).dx");

    // Keyboard traversal: focus the plot, the arrow keys move the highlighted δˡ cell and pin it.
    await view.locator('.convlab-plot').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await shown(page)).focus).toBe('2,2');
    expect(await view.getAttribute('data-convlab-pinned')).toBe('true');
    expect(await view.locator('.convlab-controls .convlab-status').textContent()).toMatch(/2,2/);

    // Saved: the payload holds the setting, and the fallbacks are of that setting (the PNG redrawn by the page).
    await page.waitForTimeout(800);
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('docmanager:save'));
    const savedOutput = () => readNotebook(join(dir, NAME)).cells[1].outputs?.find((o) => o.data?.[MIME_TYPE]);
    // (Jupyter writes an object's keys sorted.)
    const sorted = (v: object | undefined) => (v ? JSON.stringify(v, Object.keys(v).sort()) : '');
    await expect
      .poll(() => sorted((unpackPayload(savedOutput()?.data?.[MIME_TYPE]) as { settings?: object })?.settings), { timeout: 20_000 })
      .toBe(sorted(settings));
    const data = savedOutput()!.data!;
    expect(String(data['text/plain'])).toContain(settingCaption(settings));
    // The cell left pinned is saved with it: the fallbacks write that δˡ cell's sum.
    expect((unpackPayload(data[MIME_TYPE]) as { focus?: number[] }).focus).toEqual([1, 1]);
    expect(String(data['text/plain'])).toContain('δˡ(2,2) = Σ rot180(w)');
    expect(String(data['text/html'])).toContain('<svg');
    const png = PNG.sync.read(Buffer.from(String(data['image/png']), 'base64'));
    expect(png.width).toBeGreaterThan(300);
    writeFileSync(screenshotPath('explore-saved-png'), Buffer.from(String(data['image/png']), 'base64'));

    // Reopened: the controls and the picture are as left.
    await page.goto(`${lab.url}/lab/tree/${NAME}?reset`);
    await page.waitForFunction(() => document.querySelector('.jp-OutputArea .convlab-tensor[data-convlab-rendered="explore"]'), undefined, {
      timeout: 120_000,
    });
    await expect.poll(async () => sorted((await shown(page)).settings)).toBe(sorted(settings));
    expect(await explorer(page).locator('[data-control="direction"]').inputValue()).toBe('backward');
    expect(await explorer(page).locator('[data-control="padding"]').inputValue()).toBe('full');
    const reopened = await shown(page);
    expect(reopened.output.length).toBe(library(settings).data.length);
    expect(reopened.focus).toBe('2,2');
    await explorer(page).screenshot({ path: screenshotPath('explore-reopened') });

    // nbconvert's HTML of the saved notebook shows the saved setting (its inline SVG and text).
    await runCommand(venvBin('jupyter'), ['nbconvert', '--to', 'html', '--output-dir', dir, join(dir, NAME)]);
    const html = readFileSync(join(dir, 'explore.html'), 'utf8');
    expect(html).toContain(settingCaption(settings));
    expect(browser.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });
});
