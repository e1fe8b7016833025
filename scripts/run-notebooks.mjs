// Executes every notebook in notebooks/ headless (nbclient, tslab kernel), stores the outputs back
// into the notebook so that it reads well on GitHub, and writes an HTML export of each to
// artifacts/html/ (git-ignored). Usage: npm run notebooks [-- 03-pooling.ipynb ...]
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, venvBin } from './lib.mjs';

const notebooksDir = join(root, 'notebooks');
const htmlDir = join(root, 'artifacts', 'html');
const requested = process.argv.slice(2);
const notebooks = readdirSync(notebooksDir)
  .filter((name) => name.endsWith('.ipynb'))
  .filter((name) => requested.length === 0 || requested.includes(name))
  .sort();

mkdirSync(htmlDir, { recursive: true });
const timings = [];
for (const name of notebooks) {
  const path = join(notebooksDir, name);
  const started = Date.now();
  run(venvBin('python'), [join(root, 'scripts', 'execute_notebook.py'), path, path]);
  timings.push([name, (Date.now() - started) / 1000]);
  run(venvBin('jupyter-nbconvert'), ['--to', 'html', '--log-level=WARN', `--output-dir=${htmlDir}`, path]);
}
for (const [name, seconds] of timings) console.log(`notebooks: ${name} executed in ${seconds.toFixed(1)} s`);
console.log(`notebooks: HTML exports in ${htmlDir}`);
