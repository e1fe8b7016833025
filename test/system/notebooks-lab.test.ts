import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conv2D, Tensor, conv2dBackward, mnist, randn, takeRows, zeros } from '../../kernel-lib/src';
import { formatValue } from '../../kernel-lib/src/view';
import { openBrowser, type Browser } from './support/browser';
import { startLab, type Lab } from './support/lab';
import { copyWithoutOutputs } from './support/notebook';
import { freshArtifactDir, notebooksDir, screenshotPath } from './support/paths';
import { drawAllCells, runAllCells, storedOutputs } from './support/run-all';
import { drawnKinds } from './support/views';

// The lesson notebooks run in one real JupyterLab: every convlab view they emit is drawn (no error
// box, no stderr) in the order and of the kinds stored in the committed notebook, every LaTeX output
// is typeset, and each view and formula is screenshotted to artifacts/screenshots/lab-NN-*.png for
// people to look at. Notebook 07 trains a network, hence its long timeout.
const notebooks = [
  '01-convolution-kernel.ipynb',
  '02-shared-weights-and-channels.ipynb',
  '03-pooling.ipynb',
  '04-backprop-through-pooling.ipynb',
  '05-backprop-through-convolution.ipynb',
  '06-weight-and-bias-gradients.ipynb',
  '07-train-nielsen-cnn.ipynb',
  '08-beyond-the-notes.ipynb',
  '10-convolution-arithmetic.ipynb',
];
const runTimeout = (name: string): number => (name.startsWith('07-') ? 600_000 : 120_000);

/** Notebook 01 computes σ(b + ΣΣ w·a) by hand at (8, 6): its linked view, stepped there, must show the layer's value. */
async function checkLinkedViewAtHandComputedPosition(browser: Browser): Promise<void> {
  const layer = new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 5, seed: 1 });
  const digit = takeRows(mnist({ train: 10, test: 0, seed: 1 }).train.x, [0]);
  const expected = Number(layer.forward(digit).get(0, 0, 8, 6).toPrecision(4));
  const conv = browser.page.locator('.convlab-tensor[data-convlab-rendered="conv"]');
  await conv.locator('.convlab-slider').evaluate((slider: HTMLInputElement) => {
    slider.value = String(8 * 24 + 6);
    slider.dispatchEvent(new Event('input'));
  });
  const caption = await conv.locator('.convlab-caption').textContent();
  expect(caption).toContain('a(9,7)'); // (8, 6) counted from 1
  expect(caption).toContain(`= ${expected}`);
}

/**
 * Notebook 10's first backward view is the transposed convolution of a stride-2 3x3 conv (δ 2x2 → 5x5):
 * stepped to δˡ(3,3), its caption must gather δ's four cells and print conv2dBackward's dx there.
 */
async function checkStridedBackwardView(browser: Browser): Promise<void> {
  const [delta, w] = [randn([2, 2], 21), randn([3, 3], 20)];
  const { dx } = conv2dBackward(zeros([1, 1, 5, 5]), new Tensor([1, 1, 3, 3], w.data), new Tensor([1, 1, 2, 2], delta.data), { stride: 2 });
  const view = browser.page.locator('.convlab-tensor[data-convlab-rendered="conv-backward"]').first();
  await view.locator('.convlab-slider').evaluate((slider: HTMLInputElement) => {
    slider.value = String(2 * 5 + 2);
    slider.dispatchEvent(new Event('input'));
  });
  const caption = await view.locator('.convlab-caption').textContent();
  expect(caption).toContain('δˡ(3,3)');
  expect(caption).toContain('gathers 4 cells');
  expect(caption).toContain(`= ${formatValue(dx.data[12])}`);
}

describe('the lesson notebooks in a real JupyterLab, in Chromium', () => {
  let lab: Lab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const dir = freshArtifactDir('lab');
    for (const name of notebooks) copyWithoutOutputs(join(notebooksDir, name), join(dir, name));
    lab = await startLab(dir);
    await drawAllCells(lab);
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
      const { kinds, latex } = storedOutputs(join(notebooksDir, name));
      expect(kinds.length).toBeGreaterThan(0);
      const elapsed = await runAllCells(page, lab!, name, kinds.length, { timeoutMs: runTimeout(name) }).catch(async (error) => {
        // What was running when it did not finish: the cells' state and printed lines (07 prints each epoch's seconds), the server's log.
        const cells = await page
          .evaluate(() =>
            ((window as any).jupyterapp.shell.currentWidget?.content?.widgets ?? []).map(
              (cell: any, i: number) =>
                `cell ${i} ${cell.model?.executionState ?? ''} [${cell.model?.executionCount ?? ' '}]: ${(cell.node.querySelector('.jp-OutputArea')?.textContent ?? '').slice(-600)}`,
            ),
          )
          .catch(() => ['(the page did not answer)']);
        console.log(`${name} did not finish:\n${cells.join('\n')}\nserver log (end):\n${lab!.log().slice(-4000)}`);
        throw error;
      });
      console.log(`${name}: ran and drew ${kinds.length} views and ${latex} formulas in ${(elapsed / 1000).toFixed(1)} s`);

      const views = page.locator('.jp-OutputArea .convlab-tensor');
      expect(await drawnKinds(page)).toEqual(kinds);
      expect(await page.locator('.jp-OutputArea .convlab-error').count()).toBe(0);
      expect(await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count()).toBe(0);

      const formulas = page.locator('.jp-OutputArea-output[data-mime-type="text/latex"]');
      expect(await formulas.count()).toBe(latex);
      if (latex > 0)
        await page.waitForFunction(
          () => document.querySelectorAll('.jp-OutputArea-output[data-mime-type="text/latex"] mjx-container').length > 0,
        );

      if (name.startsWith('01-')) await checkLinkedViewAtHandComputedPosition(browser!);
      if (name.startsWith('10-')) await checkStridedBackwardView(browser!);

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
      // One kernel at a time on a small machine: shut this notebook's kernel down before the next.
      await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.sessionContext.shutdown());
    },
    900_000,
  );
});
