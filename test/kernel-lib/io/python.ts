import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** Runs test/python/convlab_io.py in the project's venv (asynchronously) and parses its JSON output. */
export async function python<T>(...args: string[]): Promise<T> {
  const { stdout } = await run(join(root, '.venv', 'bin', 'python'), [join(root, 'test', 'python', 'convlab_io.py'), ...args], {
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(stdout) as T;
}

/** A fresh temporary folder. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'convlab-io-'));
}
