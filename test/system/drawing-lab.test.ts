import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ConvPool2D, Dense, Flatten, Sequential, drawing, loadStateDict, readSafetensors } from '../../kernel-lib/src';
import { screenshotPath } from './support/paths';
import { runAllCells } from './support/run-all';
import { tslabNotebook, useLabSession } from './support/session';

// Draw a digit in a real JupyterLab: a briefly trained net sent with cl.drawDigit, a stroke drawn
// with real mouse events, and what the page shows checked against the library in Node (the same
// weights, through a safetensors file the kernel writes; the same pixels, through the printed encoding).
const ARCHITECTURE = `[
  new cl.ConvPool2D({ inChannels: 1, outChannels: 6, kernelSize: 5, order: "nielsen", seed: 1 }),
  new cl.Flatten(),
  new cl.Dense({ inputs: 6 * 12 * 12, outputs: 10, activation: "softmax", seed: 2 }),
]`;
const notebook = tslabNotebook([
  'import * as cl from "convlab";',
  `const { train } = cl.mnist({ train: 1000, test: 10, seed: 1 });
const net = new cl.Sequential(${ARCHITECTURE});
await cl.fit(net, train, { epochs: 1, batchSize: 10, learningRate: 0.1, loss: "softmaxCrossEntropy", seed: 1 });
cl.writeSafetensors("net.safetensors", cl.stateDict(net));
cl.drawDigit(net, { title: "draw a digit" });`,
]);

function nodeNet(dir: string): Sequential {
  const net = new Sequential([
    new ConvPool2D({ inChannels: 1, outChannels: 6, kernelSize: 5, order: 'nielsen', seed: 1 }),
    new Flatten(),
    new Dense({ inputs: 6 * 12 * 12, outputs: 10, activation: 'softmax', seed: 2 }),
  ]);
  loadStateDict(net, readSafetensors(join(dir, 'net.safetensors')));
  return net;
}

/** What the drawing view shows: its scores, prediction, encoding, the input panel's and first maps' values, the bars' value texts. */
function shown(page: Page) {
  return page.evaluate(() => {
    const view = document.querySelector('.jp-OutputArea .convlab-tensor[data-convlab-rendered="drawing"]') as HTMLElement;
    const plot = view.querySelector('.js-plotly-plot') as any;
    const z = (i: number) => (plot.data[i].z as Array<Array<number | null>>).flat();
    const texts = Array.from(plot.querySelectorAll('.annotation-text')).map((a: any) => a.textContent as string);
    return {
      scores: JSON.parse(view.dataset.convlabScores ?? '[]') as number[],
      prediction: Number(view.dataset.convlabPrediction),
      encoding: (view.querySelector('.convlab-drawing-encoding') as HTMLInputElement).value,
      input: z(0) as number[],
      maps: z(1).filter((v) => v !== null) as number[],
      texts,
    };
  });
}

describe('the drawing view in a real JupyterLab, in Chromium', () => {
  const session = useLabSession('drawing-lab', { 'drawing.ipynb': notebook }, { width: 1300, height: 1100 });

  it('a stroke drawn with the mouse changes the input, the maps and the prediction; the probabilities equal the library’s for the same pixels', async () => {
    const { dir, lab, browser } = session;
    const page = browser.page;
    await runAllCells(page, lab, 'drawing.ipynb', 1, { timeoutMs: 300_000 });
    const problems = await page
      .locator('.convlab-error, .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
      .allTextContents();
    expect(problems).toEqual([]);
    const view = page.locator('.jp-OutputArea .convlab-tensor[data-convlab-rendered="drawing"]');
    await view.scrollIntoViewIfNeeded();
    await view.screenshot({ path: screenshotPath('drawing-before') });
    const before = await shown(page);
    expect(before.input.every((v) => v === 0)).toBe(true);
    const net = nodeNet(dir);
    const empty = net.forward(drawing(before.encoding)).data;
    before.scores.forEach((v, k) => expect(Math.abs(v - empty[k])).toBeLessThan(1e-5));

    // A "7": a bar across the top and a stroke down to the lower left, with real mouse events.
    const pad = await page.locator('.convlab-drawing-pad').boundingBox();
    const at = (x: number, y: number) => [pad!.x + x, pad!.y + y] as const;
    const path = [at(55, 45), at(170, 45), at(150, 90), at(125, 140), at(105, 190)];
    await page.mouse.move(...path[0]);
    await page.mouse.down();
    for (let i = 1; i < path.length; i++) {
      const [[x0, y0], [x1, y1]] = [path[i - 1], path[i]];
      for (let s = 1; s <= 8; s++) await page.mouse.move(x0 + ((x1 - x0) * s) / 8, y0 + ((y1 - y0) * s) / 8);
    }
    await page.mouse.up();
    await expect.poll(async () => (await shown(page)).encoding !== before.encoding, { timeout: 20_000 }).toBe(true);
    await page.waitForTimeout(500); // the last frame drawn
    const after = await shown(page);
    await view.screenshot({ path: screenshotPath('drawing-after') });

    // The input: the stroke's pixels, scaled into 20x20 and centred; exactly the encoding's pixels.
    const x = drawing(after.encoding);
    expect(after.input.length).toBe(784);
    after.input.forEach((v, i) => expect(Math.abs(v - x.data[i])).toBeLessThan(1e-12));
    const ink = x.data.reduce((a, b) => a + b, 0);
    expect(ink).toBeGreaterThan(30);
    let [my, mx] = [0, 0];
    x.data.forEach((v, i) => ((my += v * Math.floor(i / 28)), (mx += v * (i % 28))));
    expect(Math.abs(my / ink - 13.5)).toBeLessThan(1);
    expect(Math.abs(mx / ink - 13.5)).toBeLessThan(1);
    // The maps and the prediction changed.
    expect(after.maps.some((v, i) => Math.abs(v - before.maps[i]) > 1e-3)).toBe(true);
    expect(after.scores.some((v, i) => Math.abs(v - before.scores[i]) > 1e-3)).toBe(true);
    // The probabilities shown equal the library's forward pass on the same pixels.
    const lib = net.forward(x).data;
    after.scores.forEach((v, k) => expect(Math.abs(v - lib[k])).toBeLessThan(1e-5));
    expect(after.prediction).toBe(lib.indexOf(Math.max(...lib)));
    console.log(`drawn: prediction ${after.prediction}, p = ${after.scores.map((v) => v.toFixed(3)).join(' ')}`);

    // Clear empties the pad and gives the empty drawing's answer again.
    await view.locator('button', { hasText: 'Clear' }).click();
    await expect.poll(async () => (await shown(page)).encoding, { timeout: 20_000 }).toBe(before.encoding);
    expect(browser.errors.filter((e) => !/debugger/i.test(e))).toEqual([]);
  });
});
