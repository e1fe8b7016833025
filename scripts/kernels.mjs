// The two TypeScript kernels, registered in the project's Python environment (never the user's
// home): tslab (Node) and Deno's built-in Jupyter kernel, both from this project's node_modules.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, run, step, venv, venvBin } from './lib.mjs';

const kernelsDir = join(venv, 'share', 'jupyter', 'kernels');

/**
 * Node's flags for the tslab kernel: relaxed SIMD, which the fast kernels use for fused
 * multiply-adds, is behind --experimental-wasm-relaxed-simd in Node 20; a Node that does not know
 * the flag (it has relaxed SIMD on, or not at all) is started without it.
 */
export function tslabNodeFlags() {
  const flag = '--experimental-wasm-relaxed-simd';
  return spawnSync(process.execPath, [flag, '-e', ''], { stdio: 'ignore' }).status === 0 ? [flag] : [];
}

export function tslabKernelspec() {
  const tslab = join(root, 'node_modules', '.bin', 'tslab');
  const kernelJson = join(kernelsDir, 'tslab', 'kernel.json');
  const argv = [
    process.execPath,
    ...tslabNodeFlags(),
    join(root, 'node_modules', 'tslab', 'bin', 'tslab'),
    'kernel',
    '--config-path',
    '{connection_file}',
  ];
  step(
    'tslab-kernelspec',
    `${venv}\n${argv.join(' ')}`,
    () => {
      run(venvBin('python'), [join(root, 'node_modules', 'tslab', 'python', 'install.py'), `--tslab=${tslab}`, '--sys-prefix']);
      // the same kernel, started by this Node with its flags rather than by tslab's `#!/usr/bin/env node`
      writeFileSync(kernelJson, JSON.stringify({ ...JSON.parse(readFileSync(kernelJson, 'utf8')), argv }));
    },
    () => existsSync(kernelJson) && JSON.stringify(JSON.parse(readFileSync(kernelJson, 'utf8')).argv) === JSON.stringify(argv),
  );
}

/**
 * The Deno executable of the pinned `deno` npm package. The binary ships inside its platform
 * package (@deno/linux-x64-glibc, …); the package's own resolver picks that package (glibc or
 * musl, CPU) and links the binary into node_modules/deno, so no install script needs to have run.
 */
export function denoExecutable() {
  const require = createRequire(join(root, 'package.json'));
  try {
    return require('deno/install_api.cjs').runInstall();
  } catch (error) {
    throw new Error(
      `set-up: the deno npm package has no binary for ${process.platform}-${process.arch}: ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** The files `deno jupyter --install` writes (kernel.json and logos), made in a scratch home. */
function denoKernelFiles(deno) {
  const home = mkdtempSync(join(tmpdir(), 'convlab-deno-home-'));
  try {
    const result = spawnSync(deno, ['jupyter', '--install', '--force'], {
      env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), DENO_NO_UPDATE_CHECK: '1' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`set-up: \`deno jupyter --install\` failed:\n${result.stderr}`);
    const find = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (!entry.isDirectory()) continue;
        if (entry.name === 'deno' && existsSync(join(path, 'kernel.json'))) return path;
        const inner = find(path);
        if (inner) return inner;
      }
      return undefined;
    };
    const made = find(home);
    if (!made) throw new Error(`set-up: \`deno jupyter --install\` wrote no kernels/deno/kernel.json under ${home}:\n${result.stdout}`);
    return { made, cleanup: () => rmSync(home, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Registers Deno's kernel as `deno` in the venv. `deno jupyter --install` only writes to the user's
 * data dir, so its files are made in a scratch home, copied here, and kernel.json is written with
 * this project's binary, no update check (nothing is downloaded at run time) and no prompts.
 */
export function denoKernelspec() {
  const deno = denoExecutable();
  const target = join(kernelsDir, 'deno');
  const kernelJson = join(target, 'kernel.json');
  step(
    'deno-kernelspec',
    `${venv}\n${deno}\n${readFileSync(join(root, 'node_modules', 'deno', 'package.json'), 'utf8')}`,
    () => {
      const { made, cleanup } = denoKernelFiles(deno);
      try {
        rmSync(target, { recursive: true, force: true });
        mkdirSync(kernelsDir, { recursive: true });
        cpSync(made, target, { recursive: true });
      } finally {
        cleanup();
      }
      const spec = {
        argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'],
        display_name: 'Deno',
        language: 'typescript',
        env: { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' },
      };
      writeFileSync(kernelJson, `${JSON.stringify(spec, null, 2)}\n`);
    },
    () => existsSync(kernelJson) && readFileSync(kernelJson, 'utf8').includes(deno),
  );
}
