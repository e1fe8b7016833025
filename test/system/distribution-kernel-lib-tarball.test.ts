import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIME_TYPE, validatePayload } from '../../kernel-lib/src';
import { runCommand } from './support/commands';
import { executeNotebook } from './support/notebook';
import { root } from './support/paths';

const libDir = join(root, 'kernel-lib');

interface Manifest {
  name: string;
  version: string;
  license: string;
  type: string;
  main: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  dependencies: Record<string, string>;
}

/** A code cell of an nbformat 4 notebook for the tslab kernel. */
const code = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source });

describe('convlab packed by npm pack, installed outside the repository, used from a tslab notebook', () => {
  const work = mkdtempSync(join(tmpdir(), 'convlab-tarball-'));
  let tarball = '';
  let packed: string[] = [];
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    const { stdout } = await runCommand('npm', ['pack', '--json', '--pack-destination', work], { cwd: libDir });
    const [result] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(work, result.filename);
    packed = result.files.map((f) => f.path).sort();
  });

  it('holds the licence, package.json, the font subsets of the static pictures and, for every source file, its CommonJS build and .d.ts: nothing else', async () => {
    const sources = readdirSync(join(libDir, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
      .map((path) => path.replace(/\\/g, '/').replace(/\.ts$/, ''));
    const fonts = ['fonts/DejaVuSans.ttf', 'fonts/DejaVuSansMono.ttf', 'fonts/ranges.json'];
    expect(packed).toEqual(['LICENSE', 'package.json', ...fonts, ...sources.flatMap((s) => [`dist/${s}.js`, `dist/${s}.d.ts`])].sort());
  });

  it('declares MIT, CommonJS, and a main, types and exports that all point at packed files', async () => {
    const manifest = JSON.parse(readFileSync(join(libDir, 'package.json'), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({ name: 'convlab', license: 'MIT', type: 'commonjs', main: 'dist/index.js', types: 'dist/index.d.ts' });
    const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    expect(targets).toContain('./dist/index.js');
    for (const target of targets) expect(packed, target).toContain(target.replace(/^\.\//, ''));
  });

  it('npm install <tarball> in a fresh folder; a notebook there imports convlab, shows a tensor and asserts a value', async () => {
    const project = join(work, 'my-notebooks');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-notebooks', private: true }));
    await runCommand('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
    const installed = join(project, 'node_modules', 'convlab');
    expect(lstatSync(installed).isSymbolicLink()).toBe(false); // a copy from the tarball, not a workspace link

    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
      cells: [
        code('import { tensor, randn, show, MIME_TYPE } from "convlab";'),
        code('const t = tensor([[1, 2], [3, 4]]);\nshow(t, { title: "from the tarball" });'),
        code(
          'if (t.data[3] !== 4) throw new Error(`expected t[1][1] = 4, got ${t.data[3]}`);\n' +
            'if (randn([3, 3], 7).shape.join("x") !== "3x3") throw new Error("randn shape");\n' +
            'console.log(`convlab from ${require.resolve("convlab")}, MIME ${MIME_TYPE}`);',
        ),
      ].map((cell, i) => ({ ...cell, id: `cell-${i}` })),
    };
    writeFileSync(join(project, 'use-convlab.ipynb'), JSON.stringify(notebook));
    const executed = await executeNotebook(join(project, 'use-convlab.ipynb'), join(project, 'use-convlab.out.ipynb'), 120);

    const outputs = executed.cells.flatMap((c) => c.outputs ?? []);
    const shown = outputs.filter((o) => o.output_type === 'display_data');
    expect(shown).toHaveLength(1);
    expect(Object.keys(shown[0].data ?? {})).toContain(MIME_TYPE);
    const check = validatePayload(shown[0].data?.[MIME_TYPE]);
    expect(check.ok && check.payload.kind === 'matrix' && check.payload.data).toEqual([1, 2, 3, 4]);
    const printed = outputs
      .filter((o) => o.output_type === 'stream')
      .map((o) => [o.text].flat().join(''))
      .join('');
    expect(printed).toContain(`convlab from ${join(installed, 'dist', 'index.js')}, MIME ${MIME_TYPE}`);
  });
});
