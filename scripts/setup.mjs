// The project's one set-up: what the machine must have (Python's venv; for `npm test` a Chromium,
// installed with apt-get when root on Debian/Ubuntu), Node packages, the Python venv with
// JupyterLab, the library and extension builds, the tslab and Deno kernelspecs, and the extension
// installed into the venv from its wheel (as any Jupyter user installs it). Idempotent: each step
// is skipped while its inputs are unchanged, so a second run takes seconds.
// Usage: setup.mjs [--browser] [--build-only]   (--browser: npm test's set-up, which needs a Chromium)
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { denoKernelspec, tslabKernelspec } from './kernels.mjs';
import { hashOf, isRoot, root, run, step, venv, venvBin } from './lib.mjs';
import { ensureChromium, ensurePython } from './system.mjs';

const buildOnly = process.argv.includes('--build-only');
const forBrowser = process.argv.includes('--browser');
const extensionDir = join(root, 'jupyter-extension');
const extensionPackage = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
const labextensionOut = join(extensionDir, 'convlab_jupyterlab', 'labextension');
const wheelDir = join(extensionDir, 'dist');
const wheel = join(wheelDir, `${extensionPackage.name.replace(/-/g, '_')}-${extensionPackage.version}-py3-none-any.whl`);

function npmPackages() {
  step(
    'npm-packages',
    hashOf(['package-lock.json']),
    () => run('npm', ['ci', '--no-audit', '--no-fund']),
    () => existsSync(join(root, 'node_modules', '.package-lock.json')),
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
  // The static pictures' font subsets (kernel-lib/fonts), cut again only when their inputs change.
  run(process.execPath, [join(root, 'kernel-lib', 'scripts', 'fonts.mjs')]);
  pruneStaleOutputs(join(root, 'kernel-lib', 'src'), join(root, 'kernel-lib', 'dist'));
}

/** Removes outputs whose source was deleted or renamed (tsc leaves them), so `npm pack` ships none. */
function pruneStaleOutputs(srcDir, outDir) {
  if (!existsSync(outDir)) return;
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const out = join(outDir, entry.name);
    if (entry.isDirectory()) {
      pruneStaleOutputs(join(srcDir, entry.name), out);
      if (readdirSync(out).length === 0) rmSync(out, { recursive: true });
      continue;
    }
    const base = entry.name.replace(/(\.d\.ts|\.js)(\.map)?$/, '');
    if (base !== entry.name && !existsSync(join(srcDir, `${base}.ts`))) {
      rmSync(out);
      console.log(`set-up: removed stale ${relative(root, out)}`);
    }
  }
}

function buildExtension() {
  step(
    'extension-build',
    hashOf([
      'jupyter-extension/src',
      'jupyter-extension/style',
      'jupyter-extension/package.json',
      // What the extension bundles of the library: convlab/contract, /view and /static, and what they import.
      'kernel-lib/src/contract',
      'kernel-lib/src/view',
      'kernel-lib/src/static',
      'kernel-lib/src/portable',
      'package-lock.json',
    ]),
    () => {
      run(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'jupyter-extension']);
      // The node-only builder: `jupyter labextension build` would run Yarn in the workspace and wipe node_modules.
      run(
        'node',
        [
          join(root, 'node_modules', '@jupyter', 'builder', 'lib', 'build-labextension.js'),
          '--core-package-file',
          join(root, 'node_modules', '@jupyterlab', 'core-meta', 'core.package.json'),
          '.',
        ],
        { cwd: extensionDir },
      );
    },
    () => existsSync(join(labextensionOut, 'package.json')),
  );
}

/**
 * Builds the extension's wheel (hatchling from the venv, no build isolation, no Node) and installs
 * it into the venv, which copies the prebuilt labextension to share/jupyter/labextensions.
 */
function installExtension() {
  const installed = join(venv, 'share', 'jupyter', 'labextensions', extensionPackage.name);
  step(
    'extension-wheel',
    hashOf([
      'jupyter-extension/convlab_jupyterlab',
      'jupyter-extension/pyproject.toml',
      'jupyter-extension/hatch_build.py',
      'jupyter-extension/install.json',
      'jupyter-extension/LICENSE',
    ]),
    () => {
      // Earlier set-ups linked this folder to the build output: pip would write through the link.
      if (isSymlink(installed)) rmSync(installed);
      rmSync(wheelDir, { recursive: true, force: true });
      run(venvBin('pip'), ['wheel', '--quiet', '--no-build-isolation', '--no-deps', '--wheel-dir', wheelDir, extensionDir]);
      run(venvBin('pip'), ['install', '--quiet', '--force-reinstall', '--no-deps', wheel]);
    },
    () => existsSync(wheel) && existsSync(join(installed, 'package.json')) && !isSymlink(installed),
  );
}

/** JupyterLab's "news" announcements ask a question on first start; this project's Lab stays quiet. */
function quietAnnouncements() {
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
  if (!buildOnly) {
    // The machine first: a missing browser or venv module stops the set-up here, not minutes later.
    ensurePython();
    if (forBrowser) ensureChromium();
    npmPackages();
  }
  buildLibrary();
  buildExtension();
  if (!buildOnly) {
    pythonVenv();
    tslabKernelspec();
    denoKernelspec();
    installExtension();
    quietAnnouncements();
  }
  console.log(`set-up: ready in ${((Date.now() - started) / 1000).toFixed(1)} s (root ${root}${isRoot ? ', running as root' : ''})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
