import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { root } from './paths';

export interface Browser {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * The browser the set-up found or installed (scripts/system.mjs records it in .setup/chromium), or
 * CONVLAB_CHROMIUM when set. Throws a message that says what to run when there is none.
 */
export function chromiumPath(): string {
  const record = join(root, '.setup', 'chromium');
  const path = process.env.CONVLAB_CHROMIUM || (existsSync(record) ? readFileSync(record, 'utf8').trim() : '');
  if (!path)
    throw new Error(
      'browser tests: no Chromium recorded; `npm test` finds or installs one first (or set CONVLAB_CHROMIUM=/path/to/chrome)',
    );
  if (!existsSync(path))
    throw new Error(`browser tests: the recorded Chromium ${path} is gone; \`npm test\` looks again (or set CONVLAB_CHROMIUM)`);
  return path;
}

/** The set-up's Chromium, headless, in a fresh profile; no test tool ever downloads a browser. */
export async function openBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  const profile = mkdtempSync(join(tmpdir(), 'convlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return {
    page,
    context,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
