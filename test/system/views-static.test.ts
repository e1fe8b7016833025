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
// view stores its payload with all fallbacks, and the HTML shows the PNG figures, never the JSON.
const KINDS = [
  'matrix', 'kernel', 'signed', 'grid', 'grid', 'conv', 'conv-backward', 'pool', 'pool-backward', 'pool-backward', 'compare', 'live', 'matrix',
  'conv', 'pool-backward', 'grid', 'pool', 'matrix',
];

async function executeAndExport(dir: string, source: string, name: string): Promise<{ notebook: Notebook; html: string; htmlPath: string }> {
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

  beforeAll(async () => {
    const dir = freshArtifactDir('views-static');
    views = await executeAndExport(dir, join(notebooksDir, '09-views.ipynb'), '09-views');
    hostile = await executeAndExport(dir, join(root, 'test', 'system', 'fixtures', 'hostile-views.ipynb'), 'hostile-views');
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('stores one bundle per view: a valid payload with PNG, HTML and text; the live view in its final state', () => {
    const outputs = displayed(views.notebook);
    const payloads = outputs.filter((o) => o.data?.[MIME_TYPE]).map((o) => o.data![MIME_TYPE]);
    expect(payloads.map((p) => (p as { kind: string }).kind)).toEqual(KINDS);
    for (const output of outputs.filter((o) => o.data?.[MIME_TYPE])) {
      expect(Object.keys(output.data!).sort()).toEqual([MIME_TYPE, 'image/png', 'text/html', 'text/plain'].sort());
      expect(validatePayload(output.data![MIME_TYPE]).ok).toBe(true);
    }
    expect(payloads[11]).toMatchObject({ kind: 'live', step: 6, total: 6 });
    const latex = outputs.filter((o) => o.data?.['text/latex']);
    expect(latex).toHaveLength(1);
    expect(String(latex[0].data!['text/latex'])).toMatch(/^\$\$\\text\{weights from \} a_\{33\} = \\begin\{pmatrix\} w_\{33\} & w_\{32\} & w_\{31\}/);
  });

  it('the HTML export shows every view as its PNG figure and the formula as LaTeX, and never the JSON payload', async () => {
    const figures = [...views.html.matchAll(/<figure class="convlab-fallback"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(figures).toHaveLength(KINDS.length);
    figures.forEach((figure, i) => {
      expect(figure).toMatch(new RegExp(`<figcaption[^>]*>${KINDS[i]} (&quot;|")`));
      const png = /src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/.exec(figure)?.[1] ?? '';
      expect(Buffer.from(png, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    });
    expect(views.html).toContain('downsampled from 300x300 to 150x150');
    // The comparison's caption gives its verdict and maximum error; the live view's its final state and status.
    expect(figures[10]).toMatch(/max \|difference\| = 9\.\d+e-10 ≈ 0 \(below 1e-6 × max \|value\| 5\.13\)<\/figcaption>/);
    expect(figures[11]).toMatch(/<figcaption[^>]*>live (&quot;|")a pretend training run: finished(&quot;|"), step 6 of 6, .*; epoch 6\/6 · loss 0\.135/);
    // A linked view's figure writes out its sum at the position `at` opened it at (output cell (5, 12)) …
    expect(figures[13]).toMatch(/<pre class="convlab-sum"[^>]*>a\(5,12\) = σ\(b \+ Σ w·x\)\n  z = 0\n/);
    // … and the values the plot writes in its cells are listed in tables under the picture.
    expect([...figures[16].matchAll(/<table class="convlab-values"/g)]).toHaveLength(2); // the 6x6 input and the 3x3 pooled map
    expect(figures[17]).toMatch(/<caption[^>]*>indexBase: 0.*?\(3x4\)<\/caption><thead><tr><th><\/th><th>0<\/th><th>1<\/th><th>2<\/th><th>3<\/th>/);
    expect(figures[13]).toContain('<caption style="text-align:left">kernel w (5x5)</caption>'); // not the 28x28 input: too large for values
    expect(views.html).toContain('\\text{weights from } a_{33}');
    expect(views.html).not.toContain(MIME_TYPE);
    expect(views.html).not.toMatch(/&quot;kind&quot;:|"kind":|&quot;data&quot;:\s*\[/);

    const page = browser!.page;
    await page.goto(pathToFileURL(views.htmlPath).href);
    const shown = page.locator('figure.convlab-fallback img');
    expect(await shown.count()).toBe(KINDS.length);
    expect(await shown.evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
    for (const i of [1, 3, 5, 6, 7, 10, 11, 13, 14, 16, 17]) {
      await page.locator('figure.convlab-fallback').nth(i).screenshot({ path: screenshotPath(`views-nbconvert-${String(i + 1).padStart(2, '0')}-${KINDS[i]}`) });
    }
  });

  it('the HTML export of hostile payloads escapes their markup and runs no script', async () => {
    expect(hostile.html).not.toMatch(/<img src=x|<script>window\.__convlabPwned/);
    expect(hostile.html).toMatch(/&lt;img src=x onerror=(&quot;|")window.__convlabPwned = 1(&quot;|")&gt;/);
    const page = browser!.page;
    await page.goto(pathToFileURL(hostile.htmlPath).href);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).__convlabPwned)).toBeUndefined();
    expect(await page.locator('figure.convlab-fallback img').count()).toBe(1); // the one view the library made
  });
});
