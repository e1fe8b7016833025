// npm run bench:render: how long a convlab view takes in Chromium, from the output's arrival (the
// kernel's WebSocket message carrying it, before JupyterLab decodes it) to its plot drawn
// (data-convlab-rendered, set once Plotly.react has resolved). Three views: a 20-map 24x24 grid
// (goal < 150 ms), a 28x28 kernel with its values written, and a 1024x1024 matrix (downsampled to
// 256x256 by the library). Not a test: it prints the median, minimum and maximum of several runs
// per view (CONVLAB_BENCH_RUNS, default 7), and writes them to artifacts/bench/render.json. First,
// the time to build the static fallbacks in the kernel's process (static.mjs).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, venvBin } from '../../scripts/lib.mjs';
import { chromiumRecord } from '../../scripts/system.mjs';
import { benchStatic, printStatic } from './static.mjs';

const RUNS = Number(process.env.CONVLAB_BENCH_RUNS ?? 7);
const CASES = [
  { name: 'grid: 20 maps of 24x24', code: 'cl.showFeatureMaps(cl.rand([20, 24, 24], 1), { title: "20 maps" });', goalMs: 150 },
  { name: 'kernel 28x28, values written', code: 'cl.showKernel(cl.randn([28, 28], 2), 0.1, { values: "show" });' },
  { name: 'matrix 1024x1024 (sent as 256x256)', code: 'cl.show(cl.randn([1024, 1024], 3));' },
];
/** The explorer: a control moved in the page to the view redrawn (recomputed in the browser, no kernel). */
const EXPLORE = [
  { name: 'explorer 28x28, 5x5 kernel', code: 'cl.explore(cl.randn([28, 28], 4), cl.randn([5, 5], 5));', goalMs: 50 },
  { name: 'explorer 128x128, 3x3 kernel', code: 'cl.explore(cl.randn([128, 128], 6), cl.randn([3, 3], 7));', goalMs: 50 },
];

function notebook(dir) {
  const cell = (source) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source });
  const cells = [
    cell('import * as cl from "convlab";\ncl.show(cl.rand([4, 4], 0), { title: "warm-up: loads plotly" });'),
    ...CASES.map((c) => cell(c.code)),
    ...EXPLORE.map((c) => cell(c.code)),
  ];
  const nb = {
    cells,
    metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(join(dir, 'bench.ipynb'), JSON.stringify(nb));
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startLab(dir) {
  const config = mkdtempSync(join(tmpdir(), 'convlab-bench-jupyter-'));
  mkdirSync(join(config, 'labconfig'));
  writeFileSync(
    join(config, 'labconfig', 'page_config.json'),
    JSON.stringify({ disabledExtensions: { '@jupyterlab/apputils-extension:announcements': true } }),
  );
  const port = await freePort();
  const server = spawn(
    venvBin('jupyter-lab'),
    [
      '--no-browser',
      '--ip=127.0.0.1',
      `--port=${port}`,
      '--port-retries=0',
      '--allow-root',
      '--IdentityProvider.token=',
      '--ServerApp.password=',
      '--ServerApp.disable_check_xsrf=True',
      `--ServerApp.root_dir=${dir}`,
      `--LabApp.workspaces_dir=${join(config, 'workspaces')}`,
      `--LabApp.user_settings_dir=${join(config, 'settings')}`,
      '--LabApp.expose_app_in_browser=True',
      '--LabApp.news_url=None',
    ],
    { env: { ...process.env, JUPYTER_CONFIG_DIR: config }, stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${url}/api/status`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await fetch(`${url}/lab/api/settings/@jupyterlab/notebook-extension:tracker`, {
    method: 'PUT',
    body: JSON.stringify({ raw: '{"windowingMode":"none"}' }),
  });
  return { url, stop: () => process.kill(-server.pid, 'SIGTERM') };
}

/**
 * Before JupyterLab loads: timestamps every kernel WebSocket message that carries a convlab view
 * the moment it arrives, before JupyterLab decodes it (this listener is registered first).
 */
function stampArrivals() {
  window.__convlabArrivals = [];
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const at = performance.now();
        const text = typeof event.data === 'string' ? event.data : decoder.decode(event.data);
        if (text.includes('application/vnd.convlab.v1+json')) window.__convlabArrivals.push({ at, bytes: text.length });
      });
    }
  };
}

/** Runs cell `index` and returns the milliseconds from its view's message arriving to its plot drawn. */
function timeCell(page, index) {
  return page.evaluate(async (index) => {
    const app = window.jupyterapp;
    const panel = app.shell.currentWidget;
    window.__convlabArrivals.length = 0;
    const cell = panel.content.widgets[index].node;
    const old = new Set(cell.querySelectorAll('.convlab-tensor'));
    const isNewAndDrawn = () => [...cell.querySelectorAll('.convlab-tensor[data-convlab-rendered]')].some((node) => !old.has(node));
    const drawn = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (isNewAndDrawn()) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(cell, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-convlab-rendered'] });
    });
    panel.content.activeCellIndex = index;
    await app.commands.execute('notebook:run-cell');
    const end = await drawn;
    const [arrival] = window.__convlabArrivals;
    return { ms: end - arrival.at, bytes: arrival.bytes };
  }, index);
}

/**
 * Moves the stride slider of the explorer in cell `index` (1 ↔ 2) and returns the milliseconds from
 * the input event to the redrawn view painted (its setting written on the node once Plotly.react has
 * resolved, then the next animation frame).
 */
function timeControl(page, index, stride) {
  return page.evaluate(
    async ([index, stride]) => {
      const cell = window.jupyterapp.shell.currentWidget.content.widgets[index].node;
      const view = cell.querySelector('.convlab-tensor[data-convlab-rendered="explore"]');
      const slider = view.querySelector('[data-control="stride"]');
      const redrawn = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (JSON.parse(view.dataset.convlabSettings).stride !== stride) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now()));
        });
        observer.observe(view, { attributes: true, attributeFilter: ['data-convlab-settings'] });
      });
      const start = performance.now();
      slider.value = String(stride);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      return (await redrawn) - start;
    },
    [index, stride],
  );
}

const staticResults = benchStatic();
printStatic(staticResults);

const dir = join(root, 'artifacts', 'bench-render', `run-${Date.now()}`);
mkdirSync(dir, { recursive: true });
notebook(dir);
const lab = await startLab(dir);
const profile = mkdtempSync(join(tmpdir(), 'convlab-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CONVLAB_CHROMIUM || readFileSync(chromiumRecord, 'utf8').trim(),
  headless: true,
  viewport: { width: 1400, height: 1000 },
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
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(stampArrivals);
  await page.goto(`${lab.url}/lab/tree/bench.ipynb?reset`);
  await page.waitForFunction(() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status === 'idle', undefined, {
    timeout: 120_000,
  });
  const first = await timeCell(page, 0);
  console.log(`convlab render benchmark: JupyterLab in Chromium, ${RUNS} runs per view, ms from the message's arrival to the plot drawn`);
  console.log(`  first view of the page (includes loading plotly): ${first.ms.toFixed(0)} ms`);
  const results = [];
  for (const [i, c] of CASES.entries()) {
    const times = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const t = await timeCell(page, i + 1);
      times.push(t.ms);
      bytes = t.bytes;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    results.push({ name: c.name, median, min: times[0], max: times.at(-1), payloadBytes: bytes, goalMs: c.goalMs });
    const goal = c.goalMs ? `  goal < ${c.goalMs} ms: ${median < c.goalMs ? 'met' : 'NOT met'}` : '';
    console.log(
      `  ${c.name.padEnd(36)} median ${median.toFixed(0).padStart(4)} ms  (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}; message ${(bytes / 1024).toFixed(0)} KiB)${goal}`,
    );
  }
  console.log('  explorer: ms from a control moved to the view recomputed in the page and painted');
  const explore = [];
  for (const [i, c] of EXPLORE.entries()) {
    const index = CASES.length + 1 + i;
    await timeCell(page, index);
    const times = [];
    for (let run = 0; run < RUNS * 2; run++) times.push(await timeControl(page, index, run % 2 === 0 ? 2 : 1));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    explore.push({ name: c.name, median, min: times[0], max: times.at(-1), goalMs: c.goalMs });
    console.log(
      `  ${c.name.padEnd(36)} median ${median.toFixed(0).padStart(4)} ms  (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})  goal < ${c.goalMs} ms: ${median < c.goalMs ? 'met' : 'NOT met'}`,
    );
  }
  mkdirSync(join(root, 'artifacts', 'bench'), { recursive: true });
  writeFileSync(
    join(root, 'artifacts', 'bench', 'render.json'),
    JSON.stringify({ date: new Date().toISOString(), runs: RUNS, first: first.ms, results, explore, static: staticResults }, null, 2),
  );
} finally {
  await context.close();
  lab.stop();
}
