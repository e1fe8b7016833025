import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Heap, hasRelaxedSimd, runtime } from '../../../kernel-lib/src/fast/runtime';
import { CONV_PLAN, POOL_PLAN, recordValues } from '../../../kernel-lib/src/fast/records';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from '../../../kernel-lib/src/fast/wasmModule';

function heap(): { heap: Heap; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true });
  return { heap: new Heap(memory), memory };
}

describe('Heap', () => {
  it("gives 16-byte aligned blocks above the module's static data, each followed by slack", () => {
    const { heap: h } = heap();
    const a = h.alloc(10);
    const b = h.alloc(100);
    expect(a).toBe(65536);
    expect(a % 16).toBe(0);
    expect(b % 16).toBe(0);
    expect(b - a).toBeGreaterThanOrEqual(10 + 32);
  });

  it('reuses released blocks and merges free neighbours, so repeated calls do not grow it', () => {
    const { heap: h, memory } = heap();
    const keep = h.alloc(1000);
    for (let i = 0; i < 100; i++) {
      const blocks = [h.alloc(5000), h.alloc(70_000), h.alloc(12)];
      blocks.reverse().forEach((p) => h.release(p));
    }
    const size = memory.buffer.byteLength;
    const [a, b] = [h.alloc(5000), h.alloc(70_000)];
    h.release(a);
    h.release(b);
    expect(h.alloc(75_000)).toBe(a);
    expect(memory.buffer.byteLength).toBe(size);
    h.release(keep);
  });

  it('grows the shared memory on demand, and old views stay valid', () => {
    const { heap: h, memory } = heap();
    const p = h.alloc(8);
    const view = h.f64(p, 1);
    view[0] = 42;
    h.alloc(3 * 65536);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(5 * 65536);
    expect(h.f64(p, 1)[0]).toBe(42);
    expect(view[0]).toBe(42);
  });

  it('throws a RangeError past the 1 GiB its memory may reach', () => {
    const { heap: h } = heap();
    expect(() => h.alloc(2 ** 30)).toThrow(RangeError);
  });
});

describe('the kernels module', () => {
  it('imports nothing but its shared memory, and instantiates here', () => {
    const module = new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(runtime()).not.toBeNull();
  });

  it('comes in two builds: with relaxed SIMD (fused multiply-adds), refused by an engine without it, and plain SIMD128', () => {
    const relaxed = Buffer.from(KERNELS_RELAXED_WASM_BASE64, 'base64');
    expect(WebAssembly.validate(relaxed)).toBe(hasRelaxedSimd());
    expect(WebAssembly.validate(Buffer.from(KERNELS_WASM_BASE64, 'base64'))).toBe(true);
  });

  it.each([
    ['relaxed', ['--experimental-wasm-relaxed-simd']],
    ['simd128', []],
  ])('loads the %s build where the engine has it (Node %s), and both equal the reference within 1e-12', (simd, flags) => {
    // a fresh Node, with or without the flag: the probe decides, kernelStatus says which, conv2d and its backward agree
    const script = `
      const cl = require('./kernel-lib/dist/index.js');
      const x = cl.randn([3, 4, 13, 17], 1), w = cl.randn([6, 2, 3, 5], 2), dy = cl.randn([3, 6, 7, 8], 3);
      const opts = { stride: [2, 2], padding: 1, groups: 2 };
      const dense = { padding: 'same' }, w2 = cl.randn([5, 4, 3, 3], 4), dy2 = cl.randn([3, 5, 13, 17], 5);
      const run = () => [cl.conv2d(x, w, undefined, opts), ...Object.values(cl.conv2dBackward(x, w, dy, opts)),
        cl.conv2d(x, w2, undefined, dense), ...Object.values(cl.conv2dBackward(x, w2, dy2, dense))];
      const fast = run();
      const simd = cl.kernelStatus().simd;
      cl.configureKernels({ kernels: 'reference' });
      const worst = Math.max(...run().map((r, i) => cl.maxAbsDiff(fast[i], r) / Math.max(1, cl.maxAbs(r))));
      console.log(JSON.stringify({ simd, worst }));`;
    const out = JSON.parse(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }));
    expect(out.simd).toBe(simd);
    expect(out.worst).toBeLessThanOrEqual(1e-12);
  });

  it('is the build of assembly/*.as (node kernel-lib/src/fast/assembly/build.mjs --check)', () => {
    const out = execFileSync(process.execPath, ['kernel-lib/src/fast/assembly/build.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/is up to date/);
  });
});

describe('recordValues (the one definition of the TypeScript–AssemblyScript records)', () => {
  it('orders values by the table, and throws when a field is missing or unknown', () => {
    expect(recordValues(['A', 'B', 'C'], { C: 3, A: 1, B: 2 })).toEqual([1, 2, 3]);
    expect(() => recordValues(['A', 'B'], { A: 1 })).toThrow(new Error('fast: record field B is missing'));
    expect(() => recordValues(['A'], { A: 1, Z: 2 })).toThrow(new Error('fast: record fields Z are not in the table'));
  });

  it('assembly/records.as gives every field of CONV_PLAN and POOL_PLAN its index in the table', () => {
    const text = readFileSync('kernel-lib/src/fast/assembly/records.as', 'utf8');
    for (const [name, fields] of [
      ['CONV_PLAN', CONV_PLAN],
      ['POOL_PLAN', POOL_PLAN],
    ] as const) {
      const block = text.slice(text.indexOf(`export namespace ${name} {`));
      fields.forEach((f, i) => expect(block).toContain(`export const ${f}: i32 = ${i};`));
    }
  });
});
