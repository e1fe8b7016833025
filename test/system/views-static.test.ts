import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIME_TYPE, validatePayload } from '../../kernel-lib/src';
import { openBrowser, type Browser } from './support/browser';
import { runCommand } from './support/commands';
import { copyWithoutOutputs, executeNotebook, type Notebook } from './support/notebook';
import { freshArtifactDir, notebooksDir, root, screenshotPath, venvBin } from './support/paths';

// 09-views and the hostile fixture executed headless (nbclient) and exported by nbconvert: every
// view stores its payload with its fallbacks, and the HTML shows each view once, as an inline SVG
// figure (with its values and sum as text) or, for a large picture, as the PNG alone; never the JSON.
const KINDS = [
  'matrix',
  'kernel',
  'signed',
  'grid',
  'grid',
  'conv',
  'conv-backward',
  'pool',
  'pool-backward',
  'pool-backward',
  'compare',
  'live',
  'matrix',
  'conv',
  'pool-backward',
  'grid',
  'pool',
  'matrix',
];

async function executeAndExport(
  dir: string,
  source: string,
  name: string,
): Promise<{ notebook: Notebook; html: string; htmlPath: string }> {
  copyWithoutOutputs(source, join(dir, `${name}.in.ipynb`));
  const notebook = await executeNotebook(join(dir, `${name}.in.ipynb`), join(dir, `${name}.ipynb`));
  await runCommand(venvBin('jupyter'), ['nbconvert', '--to', 'html', '--output-dir', dir, join(dir, `${name}.ipynb`)]);
  const htmlPath = join(dir, `${name}.html`);
  return { notebook, html: readFileSync(htmlPath, 'utf8'), htmlPath };
}

const displayed = (notebook: Notebook) => notebook.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'display_data');

describe('09-views.ipynb and hostile payloads, executed headless and exported by nbconvert', () => {
  let views: Awaited<ReturnType<typeof executeAndExport>>;
  let hostile: Awaited<ReturnType<typeof executeAndExport>>;
  let browser: Browser | undefined;
  let withHtml: boolean[] = [];

  beforeAll(async () => {
    const dir = freshArtifactDir('views-static');
    views = await executeAndExport(dir, join(notebooksDir, '09-views.ipynb'), '09-views');
    hostile = await executeAndExport(dir, join(root, 'test', 'system', 'fixtures', 'hostile-views.ipynb'), 'hostile-views');
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('stores one bundle per view: a valid payload with PNG and text, HTML only without a second copy of the picture; the live view in its final state', () => {
    const outputs = displayed(views.notebook);
    const payloads = outputs.filter((o) => o.data?.[MIME_TYPE]).map((o) => o.data![MIME_TYPE]);
    expect(payloads.map((p) => (p as { kind: string }).kind)).toEqual(KINDS);
    for (const output of outputs.filter((o) => o.data?.[MIME_TYPE])) {
      const keys = Object.keys(output.data!)
        .filter((k) => k !== 'text/html')
        .sort();
      expect(keys).toEqual([MIME_TYPE, 'image/png', 'text/plain'].sort());
      expect(String(output.data!['text/html'] ?? '')).not.toMatch(/base64|<img/);
      expect(validatePayload(output.data![MIME_TYPE]).ok).toBe(true);
    }
    // Large pictures are left to the PNG: the 150x150 downsampled matrix and the 28x28 digit's grids.
    withHtml = outputs.filter((o) => o.data?.[MIME_TYPE]).map((o) => o.data!['text/html'] !== undefined);
    expect(withHtml.filter((x) => !x).length).toBeLessThanOrEqual(6);
    expect(payloads[11]).toMatchObject({ kind: 'live', step: 6, total: 6 });
    const latex = outputs.filter((o) => o.data?.['text/latex']);
    expect(latex).toHaveLength(1);
    expect(String(latex[0].data!['text/latex'])).toMatch(
      /^\$\$\\text\{weights from \} a_\{33\} = \\begin\{pmatrix\} w_\{33\} & w_\{32\} & w_\{31\}/,
    );
  });

  it('the HTML export shows every view once (an SVG figure or its PNG) and the formula as LaTeX, and never the JSON payload', async () => {
    const found = [...views.html.matchAll(/<figure class="convlab-fallback"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(found).toHaveLength(withHtml.filter(Boolean).length);
    // The figures by view number (undefined where the PNG stands alone).
    let next = 0;
    const figures = withHtml.map((has) => (has ? found[next++] : ''));
    figures.forEach((figure, i) => {
      if (!withHtml[i]) return;
      expect(figure).toMatch(new RegExp(`<figcaption[^>]*>${KINDS[i]} (&quot;|")`));
      // nbconvert re-serialises the HTML (attributes sorted, viewBox lower-cased, which HTML parsing undoes).
      expect(figure).toMatch(/<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    });
    const pngs = [...views.html.matchAll(/<img [^>]*src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]);
    expect(pngs).toHaveLength(withHtml.filter((x) => !x).length);
    for (const png of pngs) expect(Buffer.from(png, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    // The comparison's caption gives its verdict and maximum error; the live view's its final state and status.
    expect(figures[10]).toMatch(/max \|difference\| = 9\.\d+e-10 ≈ 0 \(below 1e-6 × max \|value\| 5\.13\)<\/figcaption>/);
    expect(figures[11]).toMatch(
      /<figcaption[^>]*>live (&quot;|")a pretend training run: finished(&quot;|"), step 6 of 6, .*; epoch 6\/6 · loss 0\.135/,
    );
    // A linked view's figure writes out its sum at the position `at` opened it at (output cell (5, 12)) …
    expect(figures[13]).toMatch(/<pre class="convlab-sum"[^>]*>a\(5,12\) = σ\(b \+ Σ w·x\)\n  z = 0\n/);
    // … and the picture writes the values the plot writes in its cells, as text.
    expect(figures[16]).toMatch(/<g [^>]*text-anchor="middle"[^>]*><text[^>]*>-?\d/);
    expect(views.html).toContain('\\text{weights from } a_{33}');
    expect(views.html).not.toContain(MIME_TYPE);
    expect(views.html).not.toMatch(/&quot;kind&quot;:|"kind":|&quot;data&quot;:\s*\[/);

    const page = browser!.page;
    await page.goto(pathToFileURL(views.htmlPath).href);
    expect(await page.locator('figure.convlab-fallback svg').count()).toBe(found.length);
    const imgs = page.locator('img[src^="data:image/png"]');
    expect(await imgs.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
    for (let k = 0; k < found.length; k++)
      await page
        .locator('figure.convlab-fallback')
        .nth(k)
        .screenshot({ path: screenshotPath(`views-nbconvert-figure-${String(k + 1).padStart(2, '0')}`) });
    for (let k = 0; k < pngs.length; k++)
      await imgs.nth(k).screenshot({ path: screenshotPath(`views-nbconvert-png-${String(k + 1).padStart(2, '0')}`) });
  });

  it('the HTML export of hostile payloads escapes their markup and runs no script', async () => {
    expect(hostile.html).not.toMatch(/<img src=x|<script>window\.__convlabPwned/);
    expect(hostile.html).toMatch(/&lt;img src=x onerror=(&quot;|")window.__convlabPwned = 1(&quot;|")&gt;/);
    const page = browser!.page;
    await page.goto(pathToFileURL(hostile.htmlPath).href);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).__convlabPwned)).toBeUndefined();
    expect(await page.locator('figure.convlab-fallback svg').count()).toBe(1); // the one view the library made
  });
});
