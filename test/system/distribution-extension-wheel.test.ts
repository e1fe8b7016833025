import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plain, runCommand } from './support/commands';
import { root, venvBin } from './support/paths';

const extensionDir = join(root, 'jupyter-extension');
const labextensionOut = join(extensionDir, 'convlab_jupyterlab', 'labextension');
const { name, version } = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as { name: string; version: string };
const wheelName = `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl`;
const listedAsInstalled = new RegExp(`${name} v${version.replace(/\./g, '\\.')} enabled OK \\(python, ${name}\\)`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .sort();
}

async function wheelEntries(wheel: string): Promise<string[]> {
  const list = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
  return (await runCommand(venvBin('python'), ['-c', list, wheel])).stdout.trim().split('\n').sort();
}

/** `pip wheel` with the venv's pinned hatchling: no build isolation, so no download and no Node. */
async function buildWheel(projectDir: string, wheelDir: string): Promise<void> {
  await runCommand(venvBin('pip'), ['wheel', '--quiet', '--no-build-isolation', '--no-deps', '--wheel-dir', wheelDir, projectDir]);
}

describe(`${name} as a Python package: the prebuilt labextension as shared data`, () => {
  const work = mkdtempSync(join(tmpdir(), 'convlab-wheel-'));
  const wheel = join(work, 'wheels', wheelName);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('pip wheel builds a wheel holding the built labextension, install.json and the module, and no sources', async () => {
    await buildWheel(extensionDir, join(work, 'wheels'));
    const data = `${name.replace(/-/g, '_')}-${version}.data/data/share/jupyter/labextensions/${name}/`;
    const distInfo = `${name.replace(/-/g, '_')}-${version}.dist-info/`;
    expect(await wheelEntries(wheel)).toEqual(
      [
        'convlab_jupyterlab/__init__.py',
        ...filesUnder(labextensionOut).map((path) => data + path),
        `${data}install.json`,
        `${distInfo}METADATA`,
        `${distInfo}WHEEL`,
        `${distInfo}RECORD`,
        `${distInfo}licenses/LICENSE`,
      ].sort(),
    );
  });

  it('refuses to build when the labextension was not built first', async () => {
    const bare = join(work, 'bare');
    for (const file of ['pyproject.toml', 'hatch_build.py', 'install.json', 'LICENSE', 'convlab_jupyterlab/__init__.py']) {
      mkdirSync(join(bare, file, '..'), { recursive: true });
      cpSync(join(extensionDir, file), join(bare, file));
    }
    await expect(buildWheel(bare, join(work, 'bare-wheels'))).rejects.toThrow(/the prebuilt labextension is missing/);
  });

  it('installs into a fresh venv with JupyterLab, where `jupyter labextension list` shows it enabled and OK', async () => {
    const venv = join(work, 'venv');
    await runCommand('python3', ['-m', 'venv', venv]);
    await runCommand(join(venv, 'bin', 'pip'), [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '-c',
      join(root, 'requirements.txt'),
      'jupyterlab',
      wheel,
    ]);
    const env = { ...process.env, JUPYTER_CONFIG_DIR: join(work, 'config') }; // no user settings
    const { stdout, stderr } = await runCommand(join(venv, 'bin', 'jupyter'), ['labextension', 'list'], { env, cwd: work });
    expect(plain(stdout + stderr)).toMatch(listedAsInstalled);
    expect(lstatSync(join(venv, 'share', 'jupyter', 'labextensions', name, 'package.json')).isFile()).toBe(true);
  });

  it("the project's .venv has it installed the same way (the end-to-end tests run against it), not linked", async () => {
    const installed = join(root, '.venv', 'share', 'jupyter', 'labextensions', name);
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(filesUnder(installed)).toEqual(['install.json', ...filesUnder(labextensionOut)].sort());
    for (const file of filesUnder(labextensionOut)) {
      expect(readFileSync(join(installed, file)).equals(readFileSync(join(labextensionOut, file))), file).toBe(true);
    }
    // Run outside the workspace: `labextension list` asks Yarn for its config, and Yarn must not see the workspace.
    const { stdout, stderr } = await runCommand(venvBin('jupyter'), ['labextension', 'list'], { cwd: work });
    expect(plain(stdout + stderr)).toMatch(listedAsInstalled);
  });
});
