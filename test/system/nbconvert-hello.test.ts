import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIME_TYPE } from '../../kernel-lib/src';
import { runCommand } from './support/commands';
import { copyWithoutOutputs, executeNotebook } from './support/notebook';
import { freshArtifactDir, notebooksDir, venvBin } from './support/paths';

describe('00-hello.ipynb exported by `jupyter nbconvert --to html` (no convlab renderer there)', () => {
  it('shows each view as its HTML fallback with the PNG inside, and never the JSON payload as text', async () => {
    const dir = freshArtifactDir('nbconvert');
    copyWithoutOutputs(join(notebooksDir, '00-hello.ipynb'), join(dir, '00-hello.in.ipynb'));
    await executeNotebook(join(dir, '00-hello.in.ipynb'), join(dir, '00-hello.ipynb'));
    await runCommand(venvBin('jupyter'), ['nbconvert', '--to', 'html', '--output-dir', dir, join(dir, '00-hello.ipynb')]);
    const html = readFileSync(join(dir, '00-hello.html'), 'utf8');

    const figures = [...html.matchAll(/<figure class="convlab-fallback"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(figures).toHaveLength(2); // cl.show(kernel) and the cell whose last expression is the kernel
    for (const figure of figures) {
      expect(figure).toMatch(/<figcaption[^>]*>matrix .*, shape 5x5, min -?\d/);
      const png = /<img alt="[^"]*" src="data:image\/png;base64,([A-Za-z0-9+/=]+)"\/>/.exec(figure)?.[1] ?? '';
      expect(Buffer.from(png, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    // The payload is not shown as text: neither its MIME type, nor its fields, nor the text fallback.
    expect(html).not.toContain(MIME_TYPE);
    expect(html).not.toMatch(/&quot;kind&quot;|"kind":|&quot;data&quot;:\s*\[/);
    expect(html).not.toContain('a 5x5 kernel (seed 42) [5x5]'); // the text/plain header
  });
});
