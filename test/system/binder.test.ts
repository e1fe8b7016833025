import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIME_TYPE } from '../../kernel-lib/src';
import { plain, runCommand } from './support/commands';
import { copyWithoutOutputs, executeNotebook } from './support/notebook';
import { root } from './support/paths';

// The Binder (repo2docker) launch, as far as it can be run here: binder/postBuild in a fresh copy
// of the repository's files and a fresh Python environment standing in for the image's conda
// environment; then a lesson runs with the kernels that postBuild registered in that environment.
describe('binder/postBuild in a fresh folder and a fresh venv, then a lesson in the kernels it registered', () => {
  const work = mkdtempSync(join(tmpdir(), 'convlab-binder-'));
  const repo = join(work, 'repo');
  const env = join(work, 'env');
  const jupyterData = join(work, 'user-jupyter'); // an empty user data dir: no kernelspec of the machine's user shadows the env's
  const withEnv = {
    ...process.env,
    PATH: `${join(env, 'bin')}:${process.env.PATH}`,
    JUPYTER_DATA_DIR: jupyterData,
    CONVLAB_VENV: undefined,
  };
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(async () => {
    const { stdout } = await runCommand('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
    for (const file of stdout.split('\0').filter(Boolean)) {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      try {
        copyFileSync(join(root, file), join(repo, file));
      } catch {
        // a file deleted in the work tree but still in the index
      }
    }
    await runCommand('python3', ['-m', 'venv', env]);
    const started = Date.now();
    await runCommand('bash', [join(repo, 'binder', 'postBuild')], { cwd: repo, env: withEnv });
    console.log(`binder/postBuild ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 1_200_000);

  it('registers tslab and Deno in that environment, both run from the fresh folder, and installs the extension there', async () => {
    const { stdout } = await runCommand(join(env, 'bin', 'jupyter'), ['kernelspec', 'list', '--json'], { env: withEnv });
    const specs = JSON.parse(stdout).kernelspecs as Record<string, { resource_dir: string; spec: { argv: string[] } }>;
    for (const name of ['tslab', 'deno']) {
      expect(specs[name]?.resource_dir, name).toBe(join(env, 'share', 'jupyter', 'kernels', name));
      // deno's binary, or the tslab script that Node starts (with its relaxed-SIMD flag), comes from the fresh folder
      const program = specs[name].spec.argv.find((a) => a.startsWith(join(repo, 'node_modules')));
      expect(program, specs[name].spec.argv.join(' ')).toBeDefined();
    }
    const labext = await runCommand(join(env, 'bin', 'jupyter'), ['labextension', 'list'], { env: withEnv });
    expect(plain(`${labext.stdout}${labext.stderr}`)).toMatch(/convlab-jupyterlab v\d+\.\d+\.\d+ enabled\s+OK/);
    expect(readFileSync(join(env, 'etc', 'jupyter', 'labconfig', 'page_config.json'), 'utf8')).toContain('announcements');
  });

  it.each(['deno', 'tslab'] as const)(
    '01-convolution-kernel.ipynb runs green in the registered %s kernel, showing its views',
    async (kernel) => {
      const source = join(repo, 'notebooks', `binder-${kernel}.ipynb`);
      copyWithoutOutputs(join(repo, 'notebooks', '01-convolution-kernel.ipynb'), source);
      const python = join(env, 'bin', 'python');
      await runCommand(
        python,
        [join(repo, 'scripts', 'execute_notebook.py'), source, `${source}.out`, '--timeout=600', `--kernel=${kernel}`],
        { env: withEnv, cwd: repo },
      );
      const executed = JSON.parse(readFileSync(`${source}.out`, 'utf8')) as Awaited<ReturnType<typeof executeNotebook>>;
      const views = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && MIME_TYPE in o.data);
      expect(views.length).toBeGreaterThan(3);
      expect(executed.metadata.language_info).toMatchObject({ name: 'typescript' });
    },
    700_000,
  );
});
