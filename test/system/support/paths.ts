import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '../../..');
export const venvBin = (name: string): string => join(root, '.venv', 'bin', name);
export const notebooksDir = join(root, 'notebooks');

/** A fresh folder under artifacts/ (git-ignored). Inside the repo, so tslab resolves `convlab` from node_modules. */
export function freshArtifactDir(kind: string): string {
  const parent = join(root, 'artifacts', kind);
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'run-'));
}

/** Where tests save screenshots for people to look at. */
export function screenshotPath(name: string): string {
  const dir = join(root, 'artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
