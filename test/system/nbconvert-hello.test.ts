import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIME_TYPE, randn } from '../../kernel-lib/src';
import { runCommand } from './support/commands';
import { copyWithoutOutputs, executeNotebook } from './support/notebook';
import { freshArtifactDir, notebooksDir, venvBin } from './support/paths';

describe('00-hello.ipynb exported by `jupyter nbconvert --to html` (no convlab renderer there)', () => {
  it('shows each view as its HTML fallback, an inline SVG with the values written, and never the JSON payload as text', async () => {
    const dir = freshArtifactDir('nbconvert');
    copyWithoutOutputs(join(notebooksDir, '00-hello.ipynb'), join(dir, '00-hello.in.ipynb'));
    await executeNotebook(join(dir, '00-hello.in.ipynb'), join(dir, '00-hello.ipynb'));
    await runCommand(venvBin('jupyter'), ['nbconvert', '--to', 'html', '--output-dir', dir, join(dir, '00-hello.ipynb')]);
    const html = readFileSync(join(dir, '00-hello.html'), 'utf8');

    const kernel = randn([5, 5], 42).data; // what the notebook shows
    const figures = [...html.matchAll(/<figure class="convlab-fallback"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(figures).toHaveLength(2); // cl.show(kernel) and the cell whose last expression is the kernel
    for (const figure of figures) {
      expect(figure).toMatch(/<figcaption[^>]*>matrix .*, shape 5x5, min -?\d/);
      // The picture is an inline SVG with the kernel's 25 values written in it, and no copy of the PNG.
      const svg = /<svg[\s\S]*?<\/svg>/.exec(figure)?.[0] ?? '';
      expect(svg).not.toBe('');
      expect(svg).not.toMatch(/<script|<style|<foreignObject|<use/i);
      expect(figure).not.toContain('data:image/png');
      // the first 25 texts are the cells, row-major, rounded to fit a cell (at most ±0.05 here)
      const printed = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].slice(0, 25).map((m) => Number(m[1]));
      expect(printed).toHaveLength(25);
      printed.forEach((t, i) => expect(Math.abs(t - kernel[i])).toBeLessThanOrEqual(0.051 + 0.01 * Math.abs(kernel[i])));
    }
    // The payload is not shown as text: neither its MIME type, nor its fields, nor the text fallback.
    expect(html).not.toContain(MIME_TYPE);
    expect(html).not.toMatch(/&quot;kind&quot;|"kind":|&quot;data&quot;:\s*\[/);
    expect(html).not.toContain('a 5x5 kernel (seed 42) [5x5]'); // the text/plain header
  });
});
