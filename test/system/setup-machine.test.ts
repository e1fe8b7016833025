import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './support/paths';

// What the set-up does about the machine (scripts/system.mjs), acted out without touching it:
// CONVLAB_CHROMIUM_SEARCH replaces the places a browser is looked for, fake browsers and a fake
// apt-get stand in for real ones, and setpriv runs the set-up as an unprivileged user.
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function node(args: string[], env: Record<string, string | undefined>, prefix: string[] = [], cwd = root): Promise<Run> {
  const started = Date.now();
  const clean = { ...process.env, CONVLAB_CHROMIUM: undefined, CONVLAB_CHROMIUM_SEARCH: undefined, ...env };
  const command = [...prefix, process.execPath, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd, env: clean as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Calls one export of scripts/system.mjs in a fresh Node and returns what it printed as JSON. */
const call = (expression: string, env: Record<string, string | undefined>) =>
  node(
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(join(root, 'scripts', 'system.mjs'))}); console.log(JSON.stringify(${expression}));`,
    ],
    env,
  );

const dir = mkdtempSync(join(tmpdir(), 'convlab-setup-machine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('the set-up finds a browser for the tests, installs one, or stops at once saying what to install', () => {
  it('takes the first candidate that answers --version, skipping missing, non-executable and broken ones', async () => {
    const broken = script('broken-chrome', 'exit 3');
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, '#!/bin/sh\necho Chromium 1\n');
    const good = script('good-chromium', 'echo "Chromium 156.0.1 built for tests"');
    const search = [join(dir, 'missing'), plain, broken, good].join(':');
    const run = await call('m.findChromium({ CONVLAB_CHROMIUM_SEARCH: process.env.SEARCH })', { SEARCH: search });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ path: good, version: 'Chromium 156.0.1 built for tests' });
  });

  it('an explicit CONVLAB_CHROMIUM that does not run is refused by name, not silently replaced', async () => {
    const run = await call('m.findChromium({ CONVLAB_CHROMIUM: "/nowhere/chrome" })', {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CONVLAB_CHROMIUM=/nowhere/chrome is not a browser that runs');
  });

  it('with no browser and no right to install, `setup.mjs --browser` stops within seconds, before any other step', async () => {
    const run = await node(['scripts/setup.mjs', '--browser'], { CONVLAB_CHROMIUM_SEARCH: '', CONVLAB_NO_SYSTEM_INSTALL: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^set-up: the browser tests need Chromium or Google Chrome, and none was found/);
    expect(run.stderr).toContain('sudo apt-get install chromium');
    expect(run.stderr).toContain('CONVLAB_CHROMIUM=/path/to/chrome npm test');
    expect(run.stdout).not.toContain('npm-packages');
    expect(run.ms).toBeLessThan(60_000); // one message at the start, not a long run that ends in skipped suites
  });

  it.runIf(process.getuid?.() === 0 && existsSync('/usr/bin/setpriv'))(
    'as an unprivileged user, the same message says "not root" and nothing is installed',
    async () => {
      // The checkout may sit in a folder only root can enter (CI's clone does): the user runs a copy of
      // the set-up's scripts in a folder of its own.
      const copy = join(dir, 'checkout');
      mkdirSync(copy, { mode: 0o755 });
      chmodSync(dir, 0o755);
      cpSync(join(root, 'scripts'), join(copy, 'scripts'), { recursive: true });
      for (const file of ['package.json', 'jupyter-extension/package.json']) cpSync(join(root, file), join(copy, file));
      const run = await node(
        [join(copy, 'scripts', 'setup.mjs'), '--browser'],
        { CONVLAB_CHROMIUM_SEARCH: '', HOME: dir },
        ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
        copy,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/none was found on this machine \(.*, not root\)/);
      expect(run.stdout).not.toContain('installing');
    },
  );

  it.runIf(process.getuid?.() === 0 && /^ID=(debian|ubuntu)$/m.test(readFileSync('/etc/os-release', 'utf8')))(
    'as root on Debian/Ubuntu with none found, it runs `apt-get update` and `apt-get install -y chromium`, then uses what that installed',
    async () => {
      const installed = join(dir, 'installed-chromium');
      const log = join(dir, 'apt.log');
      const bin = join(dir, 'bin');
      rmSync(bin, { recursive: true, force: true });
      mkdirSync(bin);
      writeFileSync(
        join(bin, 'apt-get'),
        `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> ${log}\n` +
          `case "$*" in *install*chromium*) printf '#!/bin/sh\\necho Chromium 156 from apt\\n' > ${installed}; chmod +x ${installed};; esac\n`,
      );
      chmodSync(join(bin, 'apt-get'), 0o755);
      const record = join(dir, 'record');
      const run = await call('m.ensureChromium({ ...process.env }, process.env.RECORD)', {
        CONVLAB_CHROMIUM_SEARCH: installed,
        RECORD: record,
        PATH: `${bin}:${process.env.PATH}`,
      });
      expect(run.code, run.stderr).toBe(0);
      const calls = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .filter((line) => !line.endsWith('--version')); // the probe for apt-get
      expect(calls).toEqual(['noninteractive update -qq', 'noninteractive install -y -qq chromium']);
      expect(run.stdout).toMatch(/^set-up: installing chromium with apt-get \(root on (Debian|Ubuntu)/);
      expect(run.stdout).toContain(`set-up: browser for the tests: ${installed} (Chromium 156 from apt)`);
      expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toBe(installed);
      expect(readFileSync(record, 'utf8')).toBe(installed);
    },
  );
});
