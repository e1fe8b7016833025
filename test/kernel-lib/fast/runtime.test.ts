import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Heap, runtime } from '../../../kernel-lib/src/fast/runtime';
import { KERNELS_WASM_BASE64 } from '../../../kernel-lib/src/fast/wasmModule';

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

  it('is the build of assembly/*.as (node kernel-lib/src/fast/assembly/build.mjs --check)', () => {
    const out = execFileSync(process.execPath, ['kernel-lib/src/fast/assembly/build.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/is up to date/);
  });
});
