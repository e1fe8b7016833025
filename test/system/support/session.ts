import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openBrowser, type Browser } from './browser';
import { startLab, type Lab } from './lab';
import { freshArtifactDir } from './paths';

/** An nbformat 4 notebook for the tslab kernel whose code cells hold `sources`, unexecuted. */
export function tslabNotebook(sources: string[]): object {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
    cells: sources.map((source) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source })),
  };
}

/** What a lab session gives its tests once it has started: the folder, the server and the browser. */
export interface LabSession {
  dir: string;
  lab: Lab;
  browser: Browser;
}

/**
 * A JupyterLab serving a fresh artifact folder (`kind`) with `notebooks` written into it, and a
 * Chromium page of `viewport` size, started before the describe block's tests and stopped after.
 */
export function useLabSession(kind: string, notebooks: Record<string, object>, viewport: { width: number; height: number }): LabSession {
  const session = {} as LabSession;
  beforeAll(async () => {
    session.dir = freshArtifactDir(kind);
    for (const [name, notebook] of Object.entries(notebooks)) writeFileSync(join(session.dir, name), JSON.stringify(notebook));
    session.lab = await startLab(session.dir);
    session.browser = await openBrowser();
    await session.browser.page.setViewportSize(viewport);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.lab?.stop();
  });
  return session;
}
