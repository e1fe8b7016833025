import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { venvBin } from './paths';

export interface Lab {
  url: string;
  /** Everything the server printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForStatus(url: string, server: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`jupyter lab exited with ${server.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`jupyter lab did not answer /api/status within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts a JupyterLab server on a free 127.0.0.1 port, serving `rootDir`, with a fresh config dir
 * (no user settings, no announcements) and the app exposed as window.jupyterapp for tests.
 * `app` chooses the front end: 'lab' (JupyterLab) or 'notebook' (Notebook 7).
 */
export async function startLab(rootDir: string, app: 'lab' | 'notebook' = 'lab'): Promise<Lab> {
  const config = mkdtempSync(join(tmpdir(), 'convlab-jupyter-config-'));
  mkdirSync(join(config, 'labconfig'), { recursive: true });
  writeFileSync(
    join(config, 'labconfig', 'page_config.json'),
    JSON.stringify({ disabledExtensions: { '@jupyterlab/apputils-extension:announcements': true } }),
  );
  const port = await freePort();
  const appClass = app === 'lab' ? 'LabApp' : 'JupyterNotebookApp';
  const server = spawn(
    venvBin(app === 'lab' ? 'jupyter-lab' : 'jupyter-notebook'),
    [
      '--no-browser',
      '--ip=127.0.0.1',
      `--port=${port}`,
      '--port-retries=0',
      '--allow-root',
      '--IdentityProvider.token=',
      '--ServerApp.password=',
      '--ServerApp.disable_check_xsrf=True',
      `--ServerApp.root_dir=${rootDir}`,
      `--${appClass}.workspaces_dir=${join(config, 'workspaces')}`,
      `--${appClass}.user_settings_dir=${join(config, 'settings')}`,
      `--${appClass}.expose_app_in_browser=True`,
      ...(app === 'lab' ? ['--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'] : []),
    ],
    { env: { ...process.env, JUPYTER_CONFIG_DIR: config }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  server.stdout?.on('data', (chunk) => (output += chunk));
  server.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (server.exitCode !== null || server.pid === undefined) return;
    const exited = new Promise((r) => server.once('exit', r));
    process.kill(-server.pid, 'SIGTERM'); // the whole group: the server and its kernels
    const forced = setTimeout(() => server.pid && process.kill(-server.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(forced);
  };
  try {
    await waitForStatus(url, server, () => output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, log: () => output, stop };
}
