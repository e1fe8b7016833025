// The static fallbacks' cost in the kernel's process: how long `payloadBundle` takes to build the
// PNG, HTML and text of a view from its description (SVG written, rendered by resvg), for the
// 20-map 24x24 grid and a 28x28 kernel (goal < 50 ms each). Median, minimum and maximum of RUNS.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from '../../scripts/lib.mjs';

const require = createRequire(import.meta.url);
const cl = require(join(root, 'kernel-lib', 'dist', 'index.js'));

const CASES = [
  { name: 'grid: 20 maps of 24x24' },
  {
    name: 'kernel 28x28',
    payload: () => ({
      version: 1,
      kind: 'kernel',
      title: 'kernel 28x28',
      symbol: 'w',
      shape: [28, 28],
      data: Array.from(cl.randn([28, 28], 2).data),
      bias: 0.1,
    }),
  },
  {
    name: 'kernel 16x16, values written',
    payload: () => ({
      version: 1,
      kind: 'kernel',
      title: 'kernel 16x16',
      symbol: 'w',
      shape: [16, 16],
      data: Array.from(cl.randn([16, 16], 3).data),
      bias: 0.1,
    }),
  },
];

/** Milliseconds per bundle of each case: median, min and max of `runs` (after one warm-up). */
export function benchStatic(runs = 9) {
  const grid = {
    version: 1,
    kind: 'grid',
    title: '20 maps',
    shape: [1, 20, 24, 24],
    data: Array.from(cl.rand([20, 24, 24], 1).data, (v) => Number(v.toPrecision(6))),
    scale: 'shared',
  };
  const payloads = [grid, CASES[1].payload(), CASES[2].payload()];
  return CASES.map((c, i) => {
    cl.payloadBundle(payloads[i]);
    const times = [];
    let bytes = 0;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const bundle = cl.payloadBundle(payloads[i]);
      times.push(performance.now() - t);
      bytes = bundle['image/png'].length + (bundle['text/html']?.length ?? 0);
    }
    times.sort((a, b) => a - b);
    return {
      name: c.name,
      median: times[Math.floor(runs / 2)],
      min: times[0],
      max: times.at(-1),
      fallbackBytes: bytes,
      goalMs: i < 2 ? 50 : undefined,
    };
  });
}

export function printStatic(results) {
  console.log('static fallbacks in the kernel process (payloadBundle: description → SVG → resvg PNG, HTML, text)');
  for (const r of results) {
    const goal = r.goalMs ? `  goal < ${r.goalMs} ms: ${r.median < r.goalMs ? 'met' : 'NOT met'}` : '';
    console.log(
      `  ${r.name.padEnd(36)} median ${r.median.toFixed(0).padStart(4)} ms  (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)}; PNG + HTML ${(r.fallbackBytes / 1024).toFixed(0)} KiB)${goal}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printStatic(benchStatic());
