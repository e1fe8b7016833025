// npm run bench: the notes' workloads on seeded inputs, for convlab and its peers, in one run.
// Prints median and minimum milliseconds per call, the agreement of every result with convlab's
// float64 reference, the speed ratios against tfjs-wasm and the goals of issue 6; writes the
// numbers to artifacts/bench/. Timings are noisy on a shared 2-core machine: see the load line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { float32Workloads, float64Workloads, lib, referenceWorkloads } from './convlab.mjs';
import { agreement, measure } from './measure.mjs';
import { backpropSpeed, printBackpropSpeed } from './backprop-speed.mjs';
import { tfjsWorkloads } from './tfjs.mjs';
import { epochWorkload, trainingWorkloads } from './training.mjs';
import { tfjsVocab, vocabFloat32, vocabWorkloads } from './vocab.mjs';
import { encodeArray } from './peers/protocol.mjs';
import { peerRow, startTorchPeer } from './peers/torch.mjs';
import { avgPoolWorkloads } from './peers/workloads.mjs';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const slow = { warmup: 1, min: quick ? 1 : 3, max: 3, budgetMs: 0 };
const fast = quick ? { warmup: 1, min: 3, max: 5, budgetMs: 200 } : {};

const SPECS = {
  layer1: { x: [64, 1, 28, 28], w: [20, 1, 5, 5] },
  layer2: { x: [64, 20, 12, 12], w: [40, 20, 5, 5] },
  pool: { x: [64, 20, 24, 24] },
};
const size = (shape) => shape.reduce((a, b) => a * b, 1);

function convData({ x, w }, seed) {
  const g = lib.conv2dGeometry('bench', x, w);
  const yShape = [g.batch, g.outChannels, g.outHeight, g.outWidth];
  const normal = (shape, s, scale = 1) => lib.randn(shape, s, scale).data;
  return {
    x: normal(x, seed),
    w: normal(w, seed + 1, 0.2),
    b: normal([w[0]], seed + 2),
    dy: normal(yShape, seed + 3),
    yShape,
    ySize: size(yShape),
  };
}

/** Pooling inputs are σ(z) ∈ (0, 1), as in the network: tfjs-wasm's MaxPoolGrad drops windows whose maximum is negative. */
function poolData({ x }, seed) {
  const yShape = [x[0], x[1], x[2] / 2, x[3] / 2];
  const z = lib.randn(x, seed).data;
  return { x: z.map((v) => 1 / (1 + Math.exp(-v))), dy: lib.randn(yShape, seed + 1).data, yShape, ySize: size(yShape) };
}

const rows = [];
/**
 * Times engines on one workload, interleaved (see measure), and checks each one's results
 * against the reference's. `entries`: [engine name, instance, tolerance].
 */
function record(workload, entries, expected, opts) {
  const timings = measure(
    entries.map(([, instance]) => instance.run),
    opts,
  );
  entries.forEach(([engine, instance, tolerance], i) => {
    const error = agreement(instance.result(), expected);
    const { median, min, runs } = timings[i];
    rows.push({ workload, engine, median, min, runs: runs.length, error, tolerance, agrees: error <= tolerance, times: runs });
    instance.dispose?.();
  });
  process.stdout.write('.');
}

const TOL = { f64: 1e-12, convlabF32: 1e-5, tfjs: 1e-4, torch: 1e-4 };
const TORCH1 = 'PyTorch f32, 1 thread';
const TORCH2 = 'PyTorch f32, 2 threads';

/**
 * The optional PyTorch peer's row for a workload: `op` of bench/peers/torch_peer.py on the same
 * inputs (float32), timed in its own process after convlab's and tfjs's rows of that workload.
 */
async function recordTorch(torch, workload, engine, op, arrays, expected, opts, extra = {}) {
  if (torch === null) return;
  const args = Object.fromEntries(Object.entries(arrays).map(([k, [data, shape]]) => [k, encodeArray(data, shape, 'f32')]));
  const reply = await torch.call(op, { ...args, ...extra, threads: engine === TORCH1 ? 1 : 2, measure: opts });
  rows.push(peerRow(workload, engine, reply, expected, TOL.torch));
}
const NAIVE = 'naive (convlab reference, f64)';

async function main() {
  const tf = require('@tensorflow/tfjs');
  require('@tensorflow/tfjs-backend-wasm');
  const started = Date.now();
  const load = loadavg();
  console.log(`convlab bench on ${cpus().length} × ${cpus()[0].model}; load average ${load.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`convlab kernels: ${JSON.stringify(lib.kernelStatus())}`);

  const { peer: torch, found } = await startTorchPeer();
  console.log(
    torch === null
      ? `PyTorch peer: not measured (${found.reason}); set CONVLAB_TORCH_PYTHON to a Python with torch to add it`
      : `PyTorch peer: torch ${found.hello.torch} on Python ${found.hello.python} (${found.python}), float32, 1 and 2 threads`,
  );
  const f32 = float32Workloads();
  const f64 = float64Workloads();
  const ref = referenceWorkloads();
  const peers = {};
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    await tf.ready();
    peers[backend] = tfjsWorkloads(tf, backend);
  }
  const withBackend = async (backend) => {
    await tf.setBackend(backend);
    return peers[backend];
  };

  for (const layer of ['layer1', 'layer2']) {
    const spec = SPECS[layer];
    const d = convData(spec, layer === 'layer1' ? 1 : 2);
    for (const [pass, key] of [
      ['forward', 'convForward'],
      ['backward', 'convBackward'],
    ]) {
      const workload = `conv ${layer} ${pass}`;
      const naive = ref[key](spec, d);
      naive.run();
      const expected = naive.result();
      record(workload, [[NAIVE, naive, TOL.f64]], expected, slow);
      const wasmPeer = (await withBackend('wasm'))[key](spec, d);
      record(
        workload,
        [
          ['convlab f32 (resident)', f32[key](spec, d), TOL.convlabF32],
          ['convlab f64 (ops API)', f64[key](spec, d), TOL.f64],
          ['tfjs-wasm', wasmPeer, TOL.tfjs],
        ],
        expected,
        fast,
      );
      if (layer === 'layer1') record(workload, [['tfjs-cpu', (await withBackend('cpu'))[key](spec, d), TOL.tfjs]], expected, slow);
      const inputs =
        pass === 'forward'
          ? { x: [d.x, spec.x], w: [d.w, spec.w], b: [d.b, [spec.w[0]]] }
          : { x: [d.x, spec.x], w: [d.w, spec.w], dy: [d.dy, d.yShape] };
      await recordTorch(torch, workload, TORCH1, pass === 'forward' ? 'conv_forward' : 'conv_backward', inputs, expected, fast);
    }
  }

  const spec = SPECS.pool;
  const d = poolData(spec, 3);
  const pooled = f32.pool(spec, d);
  for (const [pass, key] of [
    ['forward', 'poolForward'],
    ['backward', 'poolBackward'],
  ]) {
    const workload = `max-pool 2x2 ${pass}`;
    const naive = ref[key](spec, d);
    naive.run();
    const expected = naive.result();
    record(workload, [[NAIVE, naive, TOL.f64]], expected, slow);
    const wasmPeer = (await withBackend('wasm'))[key](spec, d);
    record(
      workload,
      [
        ['convlab f32 (resident)', pooled[pass], TOL.convlabF32],
        ['convlab f64 (ops API)', f64[key](spec, d), TOL.f64],
        ['tfjs-wasm', wasmPeer, TOL.tfjs],
      ],
      expected,
      fast,
    );
    record(workload, [['tfjs-cpu', (await withBackend('cpu'))[key](spec, d), TOL.tfjs]], expected, quick ? slow : fast);
    const inputs = pass === 'forward' ? { x: [d.x, spec.x] } : { x: [d.x, spec.x], dy: [d.dy, d.yShape] };
    await recordTorch(torch, workload, TORCH1, pass === 'forward' ? 'max_pool_forward' : 'max_pool_backward', inputs, expected, fast);
  }
  pooled.dispose();

  const avg = avgPoolWorkloads(lib, spec, d);
  for (const pass of ['forward', 'backward']) {
    const workload = `average-pool 2x2 ${pass}`;
    const naive = avg.entry(pass, 'reference');
    naive.run();
    const expected = naive.result();
    record(workload, [[NAIVE, naive, TOL.f64]], expected, slow);
    record(workload, [['convlab f64 (ops API)', avg.entry(pass, 'fast'), TOL.f64]], expected, fast);
    const inputs = pass === 'forward' ? { x: [d.x, spec.x] } : { x: [d.x, spec.x], dy: [d.dy, d.yShape] };
    await recordTorch(torch, workload, TORCH1, pass === 'forward' ? 'avg_pool_forward' : 'avg_pool_backward', inputs, expected, fast);
  }

  const vocab = vocabWorkloads(lib);
  for (const [name, label] of [
    ['depthwise', 'depthwise 3x3 64x32x56x56'],
    ['transposed', 'transposed conv s2 64x20x12x12→24x24'],
  ]) {
    for (const pass of ['forward', 'backward']) {
      const workload = `${label} ${pass}`;
      const naive = vocab[name].entry(pass, 'reference');
      naive.run();
      const expected = naive.result();
      record(workload, [[NAIVE, naive, TOL.f64]], expected, slow);
      await withBackend('wasm');
      const entries = [
        ['convlab f32 (resident)', vocabFloat32(lib, name, vocab[name], pass), TOL.convlabF32],
        ['convlab f64 (ops API)', vocab[name].entry(pass, 'fast'), TOL.f64],
        ['tfjs-wasm', tfjsVocab(tf, name, vocab[name], pass), TOL.tfjs],
      ];
      record(workload, entries, expected, fast);
    }
  }

  const workload = 'training step (SGD, batch 64)';
  const training = trainingWorkloads(lib, { batch: 64, lr: 0.1, seed: 4 });
  const expected = training.referenceGrads();
  record(workload, [[NAIVE, training.convlab('reference'), TOL.f64]], expected, slow);
  const wasmPeer = training.tfjs((await withBackend('wasm')).trainStep);
  record(
    workload,
    [
      ['convlab f32 (resident)', training.convlab('float32'), TOL.convlabF32],
      ['convlab f64 (ops API)', training.convlab('float64'), TOL.f64],
      ['tfjs-wasm', wasmPeer, TOL.tfjs],
    ],
    expected,
    fast,
  );
  record(workload, [['tfjs-cpu', training.tfjs((await withBackend('cpu')).trainStep), TOL.tfjs]], expected, slow);
  if (torch !== null) {
    const reply = await torch.call('train_step', { ...training.peer(), threads: 2, measure: fast });
    rows.push(peerRow(workload, TORCH2, reply, expected, TOL.torch));
  }
  await recordEpochs(torch);
  torch?.close();
  const cores = training.coreCheck(quick ? 50 : 300);
  const memory = training.memoryCheck(quick ? 100 : 1000);
  const backprop = backpropSpeed({ quick });
  console.log();
  report({ started, load, cores, memory, backprop });
}

/** One epoch at mini-batch 10 (async: fit yields between batches), float64 and float32 interleaved, 3 rounds (1 with --quick). */
async function recordEpochs(torch) {
  const workload = 'epoch, mini-batch 10 (8,000 digits)';
  const entries = [
    ['convlab f32 (resident)', epochWorkload(lib, 'float32'), 1e-3],
    ['convlab f64 (ops API)', epochWorkload(lib, 'float64'), 0],
  ];
  const first = epochWorkload(lib, 'float64');
  await first.run();
  const expected = first.result(); // an earlier float64 run: the timed ones must repeat it exactly
  const times = entries.map(() => []);
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    for (const [i, [, w]] of entries.entries()) {
      const t = performance.now();
      await w.run();
      times[i].push(performance.now() - t);
    }
  }
  if (torch !== null) {
    // The same epoch in PyTorch, as many rounds, after convlab's; its result is the epoch's mean loss.
    const { data, request } = first.peer();
    await torch.call('load_data', data);
    const runs = [];
    let reply;
    for (let round = 0; round < (quick ? 1 : 3); round++) runs.push((reply = await torch.call('epoch', { ...request, threads: 2 })).ms);
    const sorted = [...runs].sort((a, b) => a - b);
    const error = Math.abs(reply.loss - expected.loss[0]) / Math.max(1, Math.abs(expected.loss[0]));
    const tolerance = 1e-2; // 800 float32 steps in another summation order
    const median = sorted[sorted.length >> 1];
    rows.push({
      workload,
      engine: TORCH2,
      median,
      min: sorted[0],
      runs: runs.length,
      error,
      tolerance,
      agrees: error <= tolerance,
      times: runs,
    });
  }
  entries.forEach(([engine, w, tolerance], i) => {
    const sorted = [...times[i]].sort((a, b) => a - b);
    const error = agreement(w.result(), expected);
    const median = sorted[sorted.length >> 1];
    rows.push({
      workload,
      engine,
      median,
      min: sorted[0],
      runs: sorted.length,
      error,
      tolerance,
      agrees: error <= tolerance,
      times: times[i],
    });
  });
  process.stdout.write('.');
}

/** Issue 17's goals against the PyTorch peer: [goal, workload, convlab engine, PyTorch engine, at most this ratio]. */
const TORCH_GOALS = [
  ['epoch, mini-batch 10, f32 ≤ 1.0x PyTorch 2 threads', 'epoch, mini-batch 10 (8,000 digits)', 'convlab f32 (resident)', TORCH2, 1],
  ['epoch, mini-batch 10, f64 ≤ 1.5x', 'epoch, mini-batch 10 (8,000 digits)', 'convlab f64 (ops API)', TORCH2, 1.5],
  ['training step, batch 64, f32 ≤ 1.0x PyTorch 2 threads', 'training step (SGD, batch 64)', 'convlab f32 (resident)', TORCH2, 1],
  ['conv layer 1 forward, f64 op ≤ 2x PyTorch 1 thread', 'conv layer1 forward', 'convlab f64 (ops API)', TORCH1, 2],
  ['conv layer 2 forward, f64 op ≤ 2x', 'conv layer2 forward', 'convlab f64 (ops API)', TORCH1, 2],
  ['conv layer 2 backward, f64 op ≤ 2x', 'conv layer2 backward', 'convlab f64 (ops API)', TORCH1, 2],
  ['max-pool forward, f64 op ≤ 1x', 'max-pool 2x2 forward', 'convlab f64 (ops API)', TORCH1, 1],
  ['max-pool backward, f64 op ≤ 1x', 'max-pool 2x2 backward', 'convlab f64 (ops API)', TORCH1, 1],
  ['average-pool forward, f64 op ≤ 1x', 'average-pool 2x2 forward', 'convlab f64 (ops API)', TORCH1, 1],
  ['average-pool backward, f64 op ≤ 1x', 'average-pool 2x2 backward', 'convlab f64 (ops API)', TORCH1, 1],
];

function torchGoalsOf() {
  const find = (w, e) => rows.find((x) => x.workload === w && x.engine === e);
  return TORCH_GOALS.flatMap(([goal, w, ours, theirs, target]) => {
    const [a, b] = [find(w, ours), find(w, theirs)];
    return a === undefined || b === undefined ? [] : [{ goal, target, median: a.median / b.median, min: a.min / b.min }];
  });
}

function report({ started, load, cores, memory, backprop }) {
  const engines = [...new Set(rows.map((r) => r.engine))];
  const workloads = [...new Set(rows.map((r) => r.workload))];
  const cell = (w, e) => {
    const r = rows.find((x) => x.workload === w && x.engine === e);
    return r === undefined ? '—' : `${fmt(r.median)} / ${fmt(r.min)}${r.agrees ? '' : ' ✗'}`;
  };
  console.log('\nmedian / min ms per call (✗: disagrees with the reference)\n');
  table(
    ['workload', ...engines],
    workloads.map((w) => [w, ...engines.map((e) => cell(w, e))]),
  );

  console.log('\nagreement with the float64 reference: max |a − b| / max(1, max |b|)\n');
  table(
    ['workload', ...engines],
    workloads.map((w) => [
      w,
      ...engines.map((e) => {
        const r = rows.find((x) => x.workload === w && x.engine === e);
        return r === undefined ? '—' : `${r.error.toExponential(1)} ${r.agrees ? '≤' : '>'} ${r.tolerance.toExponential(0)}`;
      }),
    ]),
  );

  const ratio = (w, key, engine) => {
    const peer = rows.find((x) => x.workload === w && x.engine === 'tfjs-wasm');
    const ours =
      rows.find((x) => x.workload === w && x.engine === (engine ?? 'convlab f32 (resident)')) ??
      rows.find((x) => x.workload === w && x.engine === 'convlab f64 (ops API)');
    return peer === undefined ? NaN : peer[key] / ours[key]; // NaN: no tfjs-wasm kernel for it
  };
  const goals = [
    ['training step ≥ 5x faster than tfjs-wasm', 'training step (SGD, batch 64)', 5],
    ['conv layer 1 forward ≥ 1.5x', 'conv layer1 forward', 1.5],
    ['conv layer 2 forward ≥ 1.5x', 'conv layer2 forward', 1.5],
    ['conv layer 1 backward ≥ 3x', 'conv layer1 backward', 3],
    ['conv layer 2 backward ≥ 3x', 'conv layer2 backward', 3],
    ['max-pool forward no slower (≥ 1x)', 'max-pool 2x2 forward', 1],
    ['max-pool backward no slower (≥ 1x)', 'max-pool 2x2 backward', 1],
    ['depthwise 3x3 forward no slower', 'depthwise 3x3 64x32x56x56 forward', 1],
    ['depthwise 3x3 backward no slower', 'depthwise 3x3 64x32x56x56 backward', 1],
    ['transposed conv forward no slower', 'transposed conv s2 64x20x12x12→24x24 forward', 1],
    ['transposed conv backward no slower', 'transposed conv s2 64x20x12x12→24x24 backward', 1],
    ...['depthwise 3x3 64x32x56x56', 'transposed conv s2 64x20x12x12→24x24'].flatMap((w) =>
      ['forward', 'backward'].map((pass) => [
        `  the same, f64 ops API: ${w.split(' ')[0]} ${pass}`,
        `${w} ${pass}`,
        1,
        'convlab f64 (ops API)',
      ]),
    ),
  ].map(([goal, w, target, engine]) => ({ goal, target, median: ratio(w, 'median', engine), min: ratio(w, 'min', engine) }));
  console.log('\ngoals: tfjs-wasm time / convlab f32 time (f64 ops API where convlab has no f32 path), by medians and by minima\n');
  table(
    ['goal', 'median ratio', 'min ratio', 'met'],
    goals.map((g) => [
      g.goal,
      `${g.median.toFixed(2)}x`,
      `${g.min.toFixed(2)}x`,
      g.median >= g.target ? 'yes' : `no (${(g.target / g.median).toFixed(2)}x short)`,
    ]),
  );
  const torchGoals = torchGoalsOf();
  if (torchGoals.length > 0) {
    console.log('\ngoals of issue 17: convlab time / PyTorch time (same run; lower is faster), by medians and by minima\n');
    table(
      ['goal', 'median ratio', 'min ratio', 'met'],
      torchGoals.map((g) => [
        g.goal,
        `${g.median.toFixed(2)}x`,
        `${g.min.toFixed(2)}x`,
        g.median <= g.target ? 'yes' : `no (${(g.median / g.target).toFixed(2)}x over)`,
      ]),
    );
  } else console.log('\ngoals of issue 17 (against PyTorch): not measured, no PyTorch peer in this run');
  console.log(
    `training uses both cores: ${cores.threads} threads; over ${cores.steps} convlab f32 steps, CPU time / wall time = ${cores.ratio.toFixed(2)} ` +
      `(2 = both cores busy throughout; other processes' load lowers it)`,
  );
  console.log(
    `memory over ${memory.steps} convlab f32 steps: kernels' memory ${mib(memory.before.wasm)} → ${mib(memory.after.wasm)} MiB, ` +
      `allocated in it ${mib(memory.before.used)} → ${mib(memory.after.used)} MiB, JS heap ${mib(memory.before.heap)} → ${mib(memory.after.heap)} MiB, ` +
      `RSS ${mib(memory.before.rss)} → ${mib(memory.after.rss)} MiB`,
  );
  console.log("notes: pooling inputs are σ(z) ∈ (0, 1), non-negative, because tfjs-wasm's max-pool backward drops windows");
  console.log('       whose maximum is negative; tfjs-wasm has no conv filter-gradient kernel, so its dw is a conv of x');
  console.log('       with dy (transposed formulation); tfjs-wasm runs one thread under Node; tfjs-cpu is skipped on layer 2');
  console.log('       (seconds per call). convlab f32 reads inputs resident in its memory, as training does; the f64 ops');
  console.log('       API includes copying Tensors in and out. Its max-pool backward recomputes the argmax from x.');
  console.log('       tfjs-wasm has no depthwise or filter backward kernel: its depthwise and transposed backward passes are');
  console.log('       written with its forward kernels (depthwiseConv2d, conv2d with dilation), as its conv layer rows are.');
  printBackpropSpeed(backprop);
  const out = `artifacts/bench/bench-${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`;
  mkdirSync('artifacts/bench', { recursive: true });
  const json = JSON.stringify(
    {
      started: new Date(started).toISOString(),
      load,
      cpus: cpus().length,
      kernels: lib.kernelStatus(),
      rows,
      goals,
      torchGoals,
      cores,
      memory,
      backprop,
    },
    null,
    1,
  );
  writeFileSync(out, json);
  writeFileSync('artifacts/bench/latest.json', json);
  console.log(`\nwrote ${out} (and artifacts/bench/latest.json) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);

function table(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  body.forEach((r) => console.log(line(r)));
}

await main();
