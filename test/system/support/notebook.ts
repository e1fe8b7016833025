import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './commands';
import { root, venvBin } from './paths';

/** The parts of an nbformat 4 notebook the tests read. */
export interface NotebookOutput {
  output_type: string;
  data?: Record<string, unknown>;
  text?: string | string[];
  name?: string;
}
export interface Notebook {
  cells: Array<{ cell_type: string; source: string | string[]; outputs?: NotebookOutput[] }>;
  metadata: Record<string, unknown>;
}

export function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, 'utf8')) as Notebook;
}

/** Copies a notebook without its stored outputs, so that whatever the test sees was produced now. */
export function copyWithoutOutputs(source: string, target: string): void {
  const notebook = readNotebook(source);
  for (const cell of notebook.cells) if (cell.cell_type === 'code') cell.outputs = [];
  writeFileSync(target, JSON.stringify(notebook, null, 1));
}

/** The two kernels every lesson runs in: tslab (Node) and Deno's built-in kernel. */
export type KernelName = 'tslab' | 'deno';

/**
 * Executes a notebook headless (nbclient) in the kernel its metadata names, or in `kernel`;
 * resolves to the executed notebook or rejects with stderr.
 */
export async function executeNotebook(source: string, target: string, timeoutSeconds = 600, kernel?: KernelName): Promise<Notebook> {
  const args = [
    join(root, 'scripts', 'execute_notebook.py'),
    source,
    target,
    `--timeout=${timeoutSeconds}`,
    ...(kernel ? [`--kernel=${kernel}`] : []),
  ];
  await runCommand(venvBin('python'), args, { cwd: root });
  return readNotebook(target);
}
