import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIME_TYPE } from '../../kernel-lib/src';
import { copyWithoutOutputs, executeNotebook } from './support/notebook';
import { freshArtifactDir, notebooksDir } from './support/paths';

// Every notebook asserts its own claims in code cells, so one that runs green has proved what it says.
const notebooks = readdirSync(notebooksDir).filter((name) => name.endsWith('.ipynb')).sort();

describe('every notebook in notebooks/, executed headless in the tslab kernel', () => {
  it.each(notebooks)('%s runs without error and shows convlab views', async (name) => {
    const dir = freshArtifactDir('notebooks');
    const source = join(dir, name);
    copyWithoutOutputs(join(notebooksDir, name), source);
    const started = Date.now();
    const executed = await executeNotebook(source, join(dir, name.replace('.ipynb', '.out.ipynb')));
    console.log(`${name}: executed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const views = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && MIME_TYPE in o.data);
    expect(views.length).toBeGreaterThan(0);
  });
});
