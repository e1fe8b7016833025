// Serves JupyterLab on 127.0.0.1 with notebooks/ as its root, using the project's venv (set up first).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isRoot, root, venvBin } from './lib.mjs';

const port = process.env.CONVLAB_PORT ?? '8888';
const args = [
  '--no-browser',
  '--ip=127.0.0.1',
  `--port=${port}`,
  `--ServerApp.root_dir=${join(root, 'notebooks')}`,
  ...(isRoot ? ['--allow-root'] : []),
];
console.log(`convlab: serving JupyterLab at http://127.0.0.1:${port}/lab (the address with its login token is printed below)`);
console.log('convlab: open 00-hello.ipynb and run all cells to see a kernel drawn as a heatmap; Ctrl+C stops the server');
const lab = spawn(venvBin('jupyter-lab'), args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => lab.kill(signal));
lab.on('exit', (code) => process.exit(code ?? 0));
