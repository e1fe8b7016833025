import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIME_TYPE } from '../../kernel-lib/src';
import { type CellClaims, claimDifferences, notebookClaims } from './support/claims';
import { copyWithoutOutputs, executeNotebook, type KernelName } from './support/notebook';
import { freshArtifactDir, notebooksDir } from './support/paths';

// Every notebook asserts its own claims in code cells, so one that runs green has proved what it
// says. Each runs in both TypeScript kernels, tslab and Deno, and must print the same numbers and
// send the same views in each (see support/claims.ts for what is masked: durations, round-off).
const notebooks = readdirSync(notebooksDir)
  .filter((name) => name.endsWith('.ipynb'))
  .sort();
const tslabClaims = new Map<string, CellClaims[]>();

async function run(name: string, kernel: KernelName): Promise<CellClaims[]> {
  const dir = freshArtifactDir(`notebooks-${kernel}`);
  const source = join(dir, name);
  copyWithoutOutputs(join(notebooksDir, name), source);
  const started = Date.now();
  const executed = await executeNotebook(source, join(dir, name.replace('.ipynb', '.out.ipynb')), 900, kernel);
  console.log(`${name}: executed in ${kernel} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const views = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && MIME_TYPE in o.data);
  expect(views.length).toBeGreaterThan(0);
  return notebookClaims(executed);
}

describe('every notebook in notebooks/, executed headless in the tslab kernel and in the Deno kernel', () => {
  for (const name of notebooks) {
    it(`${name} runs without error in tslab and shows convlab views`, { timeout: 960_000 }, async () => {
      tslabClaims.set(name, await run(name, 'tslab'));
    });

    it(`${name} runs without error in Deno, with the same printed numbers and views as in tslab`, { timeout: 960_000 }, async () => {
      const deno = await run(name, 'deno');
      const tslab = tslabClaims.get(name);
      expect(tslab, 'the tslab run of this notebook failed, so there is nothing to compare with').toBeDefined();
      expect(claimDifferences(tslab!, deno, ['tslab', 'deno']).join('\n')).toBe('');
    });
  }
});
