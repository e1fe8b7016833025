// The project's one set-up: Node packages, the Python venv with JupyterLab, the library and
// extension builds, the tslab kernelspec and the extension's registration. Idempotent: each step
// is skipped while its inputs are unchanged, so a second run takes seconds.
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashOf, isRoot, root, run, step, venv, venvBin } from './lib.mjs';

const buildOnly = process.argv.includes('--build-only');
const extensionDir = join(root, 'jupyter-extension');
const extensionName = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')).name;
const labextensionOut = join(extensionDir, 'convlab_jupyterlab', 'labextension');

function npmPackages() {
  step('npm-packages', hashOf(['package-lock.json']), () => run('npm', ['ci', '--no-audit', '--no-fund']), () =>
    existsSync(join(root, 'node_modules', '.package-lock.json')),
  );
}

function pythonVenv() {
  step(
    'python-venv',
    hashOf(['requirements.txt']),
    () => {
      if (!existsSync(venvBin('python'))) run('python3', ['-m', 'venv', venv]);
      run(venvBin('pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', 'requirements.txt']);
    },
    () => existsSync(venvBin('jupyter-lab')),
  );
}

function buildLibrary() {
  // tsc -b is incremental: it checks what changed and rebuilds only that.
  run(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'kernel-lib']);
}

function buildExtension() {
  step(
    'extension-build',
    hashOf(['jupyter-extension/src', 'jupyter-extension/style', 'jupyter-extension/package.json', 'kernel-lib/src/contract', 'package-lock.json']),
    () => {
      run(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'jupyter-extension']);
      // The node-only builder: `jupyter labextension build` would run Yarn in the workspace and wipe node_modules.
      run('node', [
        join(root, 'node_modules', '@jupyter', 'builder', 'lib', 'build-labextension.js'),
        '--core-package-file',
        join(root, 'node_modules', '@jupyterlab', 'core-meta', 'core.package.json'),
        '.',
      ], { cwd: extensionDir });
    },
    () => existsSync(join(labextensionOut, 'package.json')),
  );
}

function tslabKernelspec() {
  const tslab = join(root, 'node_modules', '.bin', 'tslab');
  const kernelJson = join(venv, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');
  step(
    'tslab-kernelspec',
    tslab,
    () => run(venvBin('python'), [join(root, 'node_modules', 'tslab', 'python', 'install.py'), `--tslab=${tslab}`, '--sys-prefix']),
    () => existsSync(kernelJson) && readFileSync(kernelJson, 'utf8').includes(tslab),
  );
}

function registerExtension() {
  const link = join(venv, 'share', 'jupyter', 'labextensions', extensionName);
  if (isSymlink(link) && readlinkSync(link) === labextensionOut) {
    console.log('set-up: extension-link: up to date');
  } else {
    rmSync(link, { recursive: true, force: true });
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(labextensionOut, link);
    console.log(`set-up: extension-link: ${link} -> ${labextensionOut}`);
  }
  // JupyterLab's "news" announcements ask a question on first start; this project's Lab stays quiet.
  const pageConfig = join(venv, 'etc', 'jupyter', 'labconfig', 'page_config.json');
  if (!existsSync(pageConfig)) {
    mkdirSync(join(pageConfig, '..'), { recursive: true });
    writeFileSync(pageConfig, JSON.stringify({ disabledExtensions: { '@jupyterlab/apputils-extension:announcements': true } }, null, 2));
  }
}

function isSymlink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

try {
  const started = Date.now();
  if (!buildOnly) npmPackages();
  buildLibrary();
  buildExtension();
  if (!buildOnly) {
    pythonVenv();
    tslabKernelspec();
    registerExtension();
  }
  console.log(`set-up: ready in ${((Date.now() - started) / 1000).toFixed(1)} s (root ${root}${isRoot ? ', running as root' : ''})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
