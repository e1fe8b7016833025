// What the set-up needs from the machine itself, checked before anything else runs: Python 3 with
// its venv module, and (for `npm test`) a Chromium or Chrome for the browser tests. When one is
// missing and this is a Debian/Ubuntu machine where we are root, it is installed with apt-get;
// otherwise the set-up stops at once with one message that says what to install.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { isRoot, root } from './lib.mjs';

/** Where the set-up records the browser it found; test/system/support/browser.ts reads it. */
export const chromiumRecord = join(root, '.setup', 'chromium');

const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** A failure the user can act on: printed alone, without a stack. */
export class SetupError extends Error {}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser answers `--version` (a snap wrapper without snapd, or a broken install, does not). */
function answers(path) {
  const result = spawnSync(path, ['--version', '--no-sandbox'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * The candidate browsers in the order they are tried. `CONVLAB_CHROMIUM_SEARCH` (a PATH-like list)
 * replaces the built-in places, the PATH included: the set-up's own tests use it to act out a
 * machine without a browser.
 */
function candidates(env) {
  if (env.CONVLAB_CHROMIUM_SEARCH !== undefined) return env.CONVLAB_CHROMIUM_SEARCH.split(delimiter).filter(Boolean);
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => PATH_NAMES.map((name) => join(dir, name)));
  return [...new Set([...KNOWN_PATHS, ...onPath])];
}

/**
 * Finds a working Chromium or Chrome: `CONVLAB_CHROMIUM` when set (and then only that one), else
 * Debian's /usr/bin/chromium, other usual places, and the PATH. Returns { path, version } or undefined.
 */
export function findChromium(env = process.env) {
  if (env.CONVLAB_CHROMIUM) {
    const path = env.CONVLAB_CHROMIUM;
    const version = isExecutable(path) ? answers(path) : undefined;
    if (!version)
      throw new SetupError(
        `set-up: CONVLAB_CHROMIUM=${path} is not a browser that runs (\`${path} --version\` failed); unset it or point it at Chromium or Chrome`,
      );
    return { path, version };
  }
  for (const path of candidates(env)) {
    if (!existsSync(path) || !isExecutable(path)) continue;
    const version = answers(path);
    if (version) return { path, version };
  }
  return undefined;
}

function osRelease() {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const field = (name) => (text.match(new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm')) ?? [])[1] ?? '';
    return { id: field('ID'), like: field('ID_LIKE'), name: field('PRETTY_NAME') };
  } catch {
    return { id: '', like: '', name: process.platform };
  }
}

/** Whether the set-up may install Debian packages itself: root on Debian/Ubuntu with apt-get, unless told not to. */
function canApt(env) {
  if (env.CONVLAB_NO_SYSTEM_INSTALL === '1' || !isRoot) return false;
  const { id, like } = osRelease();
  const debianLike = ['debian', 'ubuntu'].includes(id) || /\b(debian|ubuntu)\b/.test(like);
  return debianLike && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

let aptUpdated = false;
function aptInstall(packages) {
  console.log(`set-up: installing ${packages.join(', ')} with apt-get (root on ${osRelease().name})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [...(aptUpdated ? [] : [['update', '-qq']]), ['install', '-y', '-qq', ...packages]]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0)
      throw new SetupError(
        `set-up: \`apt-get ${args.join(' ')}\` failed with exit code ${result.status}; install ${packages.join(', ')} yourself and run the command again`,
      );
  }
  aptUpdated = true;
}

function hasPythonVenv() {
  return spawnSync('python3', ['-c', 'import venv, ensurepip'], { stdio: 'ignore' }).status === 0;
}

/** Python 3 with venv and ensurepip (Debian splits them into python3-venv). */
export function ensurePython(env = process.env) {
  if (hasPythonVenv()) return;
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python.status === 0 && canApt(env)) {
    aptInstall(['python3-venv']);
    if (hasPythonVenv()) return;
  }
  throw new SetupError(
    python.status === 0
      ? `set-up: ${python.stdout.trim()} cannot make a virtual environment (no venv/ensurepip module). Install it (Debian/Ubuntu: \`sudo apt-get install python3-venv\`) and run the command again.`
      : 'set-up: no `python3` on the PATH. Install Python 3.9 or newer (Debian/Ubuntu: `sudo apt-get install python3 python3-venv`) and run the command again.',
  );
}

/**
 * A Chromium for the browser tests: found, or installed with apt-get (Debian's `chromium`), or a
 * SetupError that says what to install. Records the path for the tests and returns it.
 */
export function ensureChromium(env = process.env, record = chromiumRecord) {
  let found = findChromium(env);
  if (!found && canApt(env)) {
    aptInstall(['chromium']);
    found = findChromium(env);
  }
  if (!found) {
    const { name } = osRelease();
    throw new SetupError(
      [
        `set-up: the browser tests need Chromium or Google Chrome, and none was found on this machine (${name}${isRoot ? '' : ', not root'}${env.CONVLAB_NO_SYSTEM_INSTALL === '1' ? ', CONVLAB_NO_SYSTEM_INSTALL=1' : ''}).`,
        '  Install one and run the command again:',
        '    Debian/Ubuntu: sudo apt-get install chromium     (Ubuntu: or Google Chrome from its .deb)',
        '    Fedora: sudo dnf install chromium     macOS: install Google Chrome or Chromium',
        '  or point the tests at one you have: CONVLAB_CHROMIUM=/path/to/chrome npm test',
      ].join('\n'),
    );
  }
  mkdirSync(dirname(record), { recursive: true });
  writeFileSync(record, found.path);
  console.log(`set-up: browser for the tests: ${found.path} (${found.version})`);
  return found.path;
}
