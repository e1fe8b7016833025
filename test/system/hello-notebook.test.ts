import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIME_TYPE, randn, validatePayload } from '../../kernel-lib/src';
import { copyWithoutOutputs, executeNotebook } from './support/notebook';
import { freshArtifactDir, notebooksDir } from './support/paths';

describe('00-hello.ipynb executed headless by nbclient in the tslab kernel', () => {
  it('runs without error and stores one display_data bundle per shown kernel, with the payload and every fallback', async () => {
    const dir = freshArtifactDir('notebooks');
    const source = join(dir, '00-hello.ipynb');
    copyWithoutOutputs(join(notebooksDir, '00-hello.ipynb'), source);
    const executed = await executeNotebook(source, join(dir, '00-hello.out.ipynb'));

    const bundles = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'display_data');
    expect(bundles.length).toBe(2); // cl.show(kernel) and the cell whose last expression is the kernel
    const expected = Array.from(randn([5, 5], 42).data);
    for (const bundle of bundles) {
      const data = bundle.data ?? {};
      expect(Object.keys(data).sort()).toEqual([MIME_TYPE, 'image/png', 'text/html', 'text/plain'].sort());
      const check = validatePayload(data[MIME_TYPE]);
      expect(check.ok).toBe(true);
      if (check.ok && check.payload.kind === 'matrix') {
        expect(check.payload.shape).toEqual([5, 5]);
        expect(check.payload.data).toEqual(expected);
      }
      expect(Buffer.from(String(data['image/png']), 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    const printed = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream');
    expect(printed.map((o) => [o.text].flat().join('')).join('')).toContain('26 parameters');
  });
});
