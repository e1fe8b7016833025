import { spawn, type SpawnOptions } from 'node:child_process';

/**
 * Runs a command to completion; resolves to its stdout and stderr, or rejects with both and the exit
 * code. Asynchronous on purpose: a test worker whose event loop is blocked for a minute (installing
 * JupyterLab, training in a notebook) loses its connection to vitest.
 */
export function runCommand(command: string, args: string[], options: SpawnOptions = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error) => reject(new Error(`\`${[command, ...args].join(' ')}\` could not start: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`\`${[command, ...args].join(' ')}\` failed with ${signal ?? `exit code ${code}`}:\n${stderr}\n${stdout}`));
    });
  });
}

/** Output without terminal colours, for matching what a person reads. */
export function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
