import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/** Runs a command to completion; returns its stdout and stderr, or throws with both and the exit code. */
export function runCommand(command: string, args: string[], options: SpawnSyncOptions = {}): { stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.status !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` failed with ${result.error ?? `exit code ${result.status}`}:\n${stderr}\n${stdout}`);
  }
  return { stdout, stderr };
}

/** Output without terminal colours, for matching what a person reads. */
export function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
