import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIME_TYPE } from '../../kernel-lib/src';
import { runCommand } from './support/commands';
import { readNotebook } from './support/notebook';
import { root, venvBin } from './support/paths';

// tslab's README installs tslab globally (npm install -g tslab) while a course installs convlab in
// the notebooks' folder: two separate node_modules trees. convlab must still reach the running
// kernel's display (it looks tslab up in Node's one module cache, not by importing it).
const code = (source: string, i: number) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source });

describe('a convlab installed next to a notebook, with tslab installed globally', () => {
  const work = mkdtempSync(join(tmpdir(), 'convlab-global-tslab-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('shows views, a tensor as the last value, and a live view through the global tslab kernel', async () => {
    const prefix = join(work, 'global');
    const tslabVersion = JSON.parse((await runCommand('npm', ['pkg', 'get', 'devDependencies.tslab'], { cwd: root })).stdout);
    await runCommand('npm', ['install', '-g', '--prefix', prefix, `tslab@${tslabVersion}`, '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: work,
    });
    const kernels = join(work, 'jupyter', 'kernels', 'tslab-global');
    mkdirSync(kernels, { recursive: true });
    writeFileSync(
      join(kernels, 'kernel.json'),
      JSON.stringify({
        argv: [join(prefix, 'bin', 'tslab'), 'kernel', '--config-path', '{connection_file}'],
        display_name: 'TypeScript (global)',
        language: 'typescript',
      }),
    );

    const project = join(work, 'course');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'course', private: true }));
    const packed = JSON.parse(
      (await runCommand('npm', ['pack', '--json', '--pack-destination', work], { cwd: join(root, 'kernel-lib') })).stdout,
    )[0].filename;
    await runCommand('npm', ['install', join(work, packed), '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });

    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tslab-global', display_name: 'TypeScript (global)', language: 'typescript' } },
      cells: [
        'import * as cl from "convlab";\nconst host = Object.keys(require.cache).find((k) => k.endsWith("/tslab/dist/jupyter.js"));\nconsole.log(`tslab: ${host}`);\nconsole.log(`convlab: ${require.resolve("convlab")}`);\nconsole.log(`kernel: ${cl.currentKernel()}`);',
        'cl.show(cl.tensor([[1, 2], [3, 4]]), { title: "shown" });',
        'cl.randn([3, 3], 1)',
        'const live = cl.liveView({ title: "live" });\nfor (let s = 1; s <= 3; s++) live.update({ step: s, total: 3, loss: [1, 0.5, 0.25].slice(0, s) });',
      ].map(code),
    };
    const path = join(project, 'global.ipynb');
    writeFileSync(path, JSON.stringify(notebook));
    await runCommand(venvBin('python'), [join(root, 'scripts', 'execute_notebook.py'), path, path, '--timeout=300'], {
      env: { ...process.env, JUPYTER_PATH: join(work, 'jupyter') },
    });
    const executed = readNotebook(path);
    const text = (executed.cells[0].outputs ?? []).map((o) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? ''))).join('');
    expect(text).toContain(`tslab: ${join(prefix, 'lib', 'node_modules', 'tslab', 'dist', 'jupyter.js')}`);
    expect(text).toContain(`convlab: ${join(project, 'node_modules', 'convlab', 'dist', 'index.js')}`);
    expect(text).toContain('kernel: tslab');
    const views = executed.cells
      .slice(1)
      .map((cell) =>
        (cell.outputs ?? []).filter((o) => o.data && MIME_TYPE in o.data).map((o) => o.data![MIME_TYPE] as { kind: string; title: string }),
      );
    expect(views.map((v) => v.map((p) => `${p.kind} ${p.title}`))).toEqual([['matrix shown'], ['matrix Tensor [3,3]'], ['live live']]);
    expect((views[2][0] as unknown as { step: number }).step).toBe(3); // updated in place to its final state
  }, 600_000);
});
