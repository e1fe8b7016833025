// Small helpers shared by the project's scripts: paths, running commands, and content stamps.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The Python environment the set-up fills: the project's .venv (made if missing), or an existing
 * one named by CONVLAB_VENV (Binder's postBuild passes its conda environment).
 */
export const venv = process.env.CONVLAB_VENV ? resolve(process.env.CONVLAB_VENV) : join(root, '.venv');
export const venvBin = (name) => join(venv, 'bin', name);
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a command with inherited output; throws with the command line when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`set-up: \`${[command, ...args].join(' ')}\` failed with ${result.error ?? `exit code ${result.status}`}`);
  }
}

function listFiles(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !['node_modules', 'dist', 'lib', '__pycache__'].includes(name))
    .sort()
    .flatMap((name) => listFiles(join(path, name)));
}

/** A hash of the contents of files and folders (relative to the root), for up-to-date checks. */
export function hashOf(paths) {
  const hash = createHash('sha256');
  for (const file of paths.flatMap((p) => listFiles(join(root, p)))) {
    hash.update(file.slice(root.length));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

const stampDir = join(root, '.setup');

/**
 * Runs `action` unless the stamp `name` records the same `key` as last time, so that a set-up step
 * whose inputs did not change is skipped. The stamp is written only after the action succeeds.
 */
export function step(name, key, action, isStillThere = () => true) {
  const stamp = join(stampDir, `${name}.stamp`);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key && isStillThere()) {
    console.log(`set-up: ${name}: up to date`);
    return;
  }
  console.log(`set-up: ${name}: running`);
  const started = Date.now();
  action();
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stamp, key);
  console.log(`set-up: ${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
