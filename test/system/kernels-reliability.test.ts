import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from './support/commands';
import { freshArtifactDir, root, venvBin } from './support/paths';

// What a user does to a running training cell, in a real kernel of each kind: interrupt it once,
// interrupt it twice, restart the kernel in the middle; and a display call outside any kernel.
interface StepReport {
  text: string;
  errors: string[];
  displays: number;
  status: string | null;
  seconds: number;
  alive: boolean;
  restarted: boolean;
}

const IMPORT = 'import * as cl from "convlab";';
const SETUP = `const n = 2000;
const x = cl.rand([n, 1, 8, 8], 1);
const y = cl.zeros([n, 10]);
for (let i = 0; i < n; i++) y.data[i * 10 + (i % 10)] = 1;
const net = new cl.Sequential([new cl.Flatten(), new cl.Dense({ inputs: 64, outputs: 10, activation: "softmax", seed: 1 })]);
console.log("ready");`;
// Many mini-batches for a long time: it ends only when interrupted.
const TRAIN = `let batches = 0;
const run = await cl.interruptible((signal) => cl.fit(net, { x: x, y: y }, { /* not { x, y }: tslab does not resolve shorthand properties naming an earlier cell's variables */  epochs: 10000, batchSize: 10, learningRate: 0.01, loss: "softmaxCrossEntropy", seed: 1, signal, onBatch: () => { batches++; } }));
console.log(\`stopped: \${run.stopped} after \${batches} mini-batches\`);`;
// Work that takes 2 s to wind down once its signal is aborted, so that a second interrupt finds it still running.
const SLOW_TO_STOP = `let ticks = 0;
const wound = await cl.interruptible(async (signal) => {
  while (!signal.aborted) { await new Promise((r) => setTimeout(r, 50)); ticks++; }
  for (let i = 0; i < 40; i++) await new Promise((r) => setTimeout(r, 50));
  return "wound down";
});
console.log(\`\${wound} after \${ticks} ticks\`);`;

async function drive(kernel: string, steps: object[]): Promise<StepReport[]> {
  const cwd = freshArtifactDir(`reliability-${kernel}`);
  const { stdout } = await runCommand(venvBin('python'), [
    join(root, 'test', 'system', 'support', 'drive_kernel.py'),
    kernel,
    cwd,
    JSON.stringify(steps),
  ]);
  return JSON.parse(stdout) as StepReport[];
}

describe.each(['tslab', 'deno'])('a training cell in the %s kernel', (kernel) => {
  it('one interrupt stops fit between mini-batches: the cell ends normally and the kernel keeps its state', async () => {
    const [, setup, training, after] = await drive(kernel, [
      { code: IMPORT, timeout: 120 },
      { code: SETUP, timeout: 120 },
      { code: TRAIN, interrupts: [8], timeout: 120 },
      { code: 'console.log(`still here: ${batches > 0} ${typeof net}`)', timeout: 60 },
    ]);
    expect(setup.text).toContain('ready');
    expect(training.status, JSON.stringify(training)).toBe('ok');
    expect(training.text).toMatch(/^stopped: true after \d+ mini-batches/m);
    expect(training.alive).toBe(true);
    expect(after.text).toContain('still here: true object');
  }, 400_000);

  it('two interrupts: a clear message or the cell ended by the kernel, never a hang, and the kernel still answers', async () => {
    const [, , training, after] = await drive(kernel, [
      { code: IMPORT, timeout: 120 },
      { code: SETUP, timeout: 120 },
      { code: SLOW_TO_STOP, interrupts: [5, 6], timeout: 120 },
      { code: 'console.log("answers")', timeout: 60 },
    ]);
    expect(training.seconds).toBeLessThan(60);
    if (kernel === 'deno') {
      expect(training.status).toBe('ok');
      expect(training.text).toContain('interruptible: interrupted again: the work stops at its next check of the signal');
      expect(training.text).toMatch(/wound down after \d+ ticks/);
    } else {
      expect(['ok', 'error']).toContain(training.status); // tslab's own handler may end the cell at the second interrupt
    }
    expect(after.text).toContain('answers');
  }, 400_000);

  it('a restart in the middle of training ends it; the restarted kernel imports convlab again and runs the next cell', async () => {
    const [, , training, , after] = await drive(kernel, [
      { code: IMPORT, timeout: 120 },
      { code: SETUP, timeout: 120 },
      { code: TRAIN, restart_after: 8, timeout: 120 },
      { code: IMPORT, timeout: 120 },
      { code: 'console.log(`fresh: ${cl.sum(cl.tensor([[1, 2]]))}`)', timeout: 120 },
    ]);
    expect(training.restarted).toBe(true);
    expect(after.text).toContain('fresh: 3');
    expect(after.seconds).toBeLessThan(60);
  }, 400_000);
});

describe('a display call outside any kernel', () => {
  const script = `const cl = require(${JSON.stringify(join(root, 'kernel-lib'))});
console.log("kernel:", String(cl.currentKernel()));
console.log("sent:", cl.show(cl.tensor([[1, 2], [3, 4]]), { title: "outside" }));
const live = cl.liveView({ title: "progress" });
live.update({ step: 1, total: 2, loss: [1] });
live.update({ step: 2, total: 2, loss: [1, 0.5] });
console.log("markdown:", cl.showMarkdown("**done**"));`;

  it('in plain Node prints the text fallbacks and exits at once (no thread or timer keeps it alive)', async () => {
    const started = Date.now();
    const { stdout } = await runCommand(process.execPath, ['-e', script]);
    expect(stdout).toContain('kernel: undefined');
    expect(stdout).toMatch(/matrix "outside", shape 2x2/);
    expect(stdout).toContain('sent: undefined');
    expect(stdout).toMatch(/live "progress", step 2 of 2/);
    expect(stdout).toContain('**done**\nmarkdown: false');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('in plain Deno (deno run) the same: Deno.jupyter is absent there, and the process exits', async () => {
    const dir = freshArtifactDir('deno-plain');
    const file = join(dir, 'outside.cjs');
    writeFileSync(file, script);
    const { stdout } = await runCommand(join(root, 'node_modules', 'deno', 'deno'), ['run', '-A', file], {
      cwd: dir,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
    });
    expect(stdout).toContain('kernel: undefined');
    expect(stdout).toMatch(/matrix "outside", shape 2x2/);
    expect(stdout).toMatch(/live "progress", step 2 of 2/);
    expect(stdout).toContain('markdown: false');
  });
});
