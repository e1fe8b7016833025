import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './wasmModule';

/** The element type a fast kernel runs in: float64 equals the reference, float32 is for training. */
export type Precision = 'f64' | 'f32';

/** Bytes per element. */
export const BYTES: Record<Precision, number> = { f64: 8, f32: 4 };

/** A compiled module (opaque here; structured-cloneable to workers). */
export interface WasmModule {
  readonly [Symbol.toStringTag]: string;
}

/** A shared WebAssembly.Memory. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

/** The part of the WebAssembly API used here: the project's TypeScript libs do not declare it. */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: { new (bytes: Uint8Array): WasmModule; exports(m: WasmModule): { name: string }[] };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Instance: new (m: WasmModule, imports: object) => { exports: Record<string, unknown> };
}

/** WebAssembly, where the JavaScript engine has it. */
export const wasm: WasmApi | undefined = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Which build of the kernels runs: with relaxed SIMD's fused multiply-add, or plain SIMD128. */
export type SimdLevel = 'relaxed' | 'simd128';

/**
 * The smallest module that uses relaxed SIMD: a function returning f32x4.relaxed_madd of three
 * zero vectors. Engines without relaxed SIMD (Node 20 unless started with
 * --experimental-wasm-relaxed-simd) refuse it.
 */
const RELAXED_PROBE = Uint8Array.from([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version 1
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b], // types: () -> v128
  ...[0x03, 0x02, 0x01, 0x00], // one function of type 0
  ...[0x0a, 0x3d, 0x01, 0x3b, 0x00], // code: one body of 59 bytes, no locals
  ...Array.from({ length: 3 }, () => [0xfd, 0x0c, ...new Array<number>(16).fill(0)]).flat(), // 3 × v128.const 0
  ...[0xfd, 0x85, 0x02, 0x0b], // f32x4.relaxed_madd, end
]);

/** Whether this engine runs relaxed SIMD (validates the probe module). */
export function hasRelaxedSimd(): boolean {
  try {
    return wasm?.validate(RELAXED_PROBE) ?? false;
  } catch {
    return false;
  }
}

/** A kernel exported by the module: byte pointers and integers in, results in memory. */
export type Kernel = (...args: number[]) => void;

/**
 * The compiled kernels, one shared memory and its allocator. Every kernel may read up to 32 bytes
 * past the end of a buffer it reads (the lanes of a tile beyond a row), so `alloc` leaves that
 * slack after every block.
 */
export interface Runtime {
  readonly module: WasmModule;
  /** 'relaxed': the kernels built with relaxed SIMD (fused multiply-adds); 'simd128': without. */
  readonly simd: SimdLevel;
  readonly memory: WasmMemory;
  readonly heap: Heap;
  kernel(name: string, precision: Precision): Kernel;
}

const PAGE = 65536;
const MAX_PAGES = 16384; // 1 GiB, as declared by the module (assembly/build.mjs)
const RESERVED = PAGE; // the module's own static data lives below
const SLACK = 64;

/** Thrown when the kernels' memory cannot hold a block; fast ops then run their reference. */
export class KernelMemoryError extends RangeError {}

/**
 * First-fit allocator over the shared memory, growing it on demand. Blocks are 16-byte aligned
 * and followed by SLACK bytes; `release` returns a block and merges it with free neighbours.
 */
export class Heap {
  private readonly sizes = new Map<number, number>();
  private free: { start: number; size: number }[] = [];
  private top = RESERVED;

  constructor(private readonly memory: WasmMemory) {}

  /** A block of at least `bytes` bytes (contents undefined); throws KernelMemoryError past 1 GiB. */
  alloc(bytes: number): number {
    const size = Math.ceil((bytes + SLACK) / 16) * 16;
    const hole = this.free.findIndex((b) => b.size >= size);
    let start: number;
    if (hole >= 0) {
      const b = this.free[hole];
      start = b.start;
      if (b.size === size) this.free.splice(hole, 1);
      else this.free[hole] = { start: b.start + size, size: b.size - size };
    } else {
      start = this.top;
      this.top += size;
      const needed = Math.ceil(this.top / PAGE) - this.memory.buffer.byteLength / PAGE;
      if (needed > 0) {
        if (this.memory.buffer.byteLength / PAGE + needed > MAX_PAGES) {
          const mib = Math.ceil(this.top / 2 ** 20);
          this.top -= size;
          throw new KernelMemoryError(`fast: kernels need ${mib} MiB of memory, more than their 1 GiB`);
        }
        this.memory.grow(needed);
      }
    }
    this.sizes.set(start, size);
    return start;
  }

  release(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) return;
    this.sizes.delete(ptr);
    this.free.push({ start: ptr, size });
    this.free.sort((a, b) => a.start - b.start);
    const merged: { start: number; size: number }[] = [];
    for (const b of this.free) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last.start + last.size === b.start) last.size += b.size;
      else merged.push({ ...b });
    }
    const last = merged[merged.length - 1];
    if (last !== undefined && last.start + last.size === this.top) {
      this.top = last.start;
      merged.pop();
    }
    this.free = merged;
  }

  /** Bytes in use (blocks not yet released), for memory checks. */
  get used(): number {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    return total;
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  /** A view of `length` elements of the given precision. */
  view(precision: Precision, ptr: number, length: number): Float64Array | Float32Array {
    return precision === 'f64' ? this.f64(ptr, length) : this.f32(ptr, length);
  }
}

let loaded: Runtime | null | undefined;
let loadError = '';

/**
 * The runtime, created on first use; null where WebAssembly SIMD or shared memory is unavailable
 * (then every fast op runs its JavaScript reference). `whyUnavailable()` says why. Where the engine
 * has relaxed SIMD it loads the kernels built with it (fused multiply-adds), else the plain ones.
 */
export function runtime(): Runtime | null {
  if (loaded !== undefined) return loaded;
  try {
    if (wasm === undefined) throw new Error('no WebAssembly in this JavaScript engine');
    const simd: SimdLevel = hasRelaxedSimd() ? 'relaxed' : 'simd128';
    const module = new wasm.Module(Buffer.from(simd === 'relaxed' ? KERNELS_RELAXED_WASM_BASE64 : KERNELS_WASM_BASE64, 'base64'));
    const memory = new wasm.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
    const instance = new wasm.Instance(module, { env: { memory } });
    const kernels = instance.exports as Record<string, Kernel>;
    loaded = {
      module,
      simd,
      memory,
      heap: new Heap(memory),
      kernel: (name, precision) => {
        const k = kernels[`${name}_${precision}`];
        if (typeof k !== 'function') throw new Error(`fast: no kernel ${name}_${precision}`);
        return k;
      },
    };
  } catch (e) {
    loadError = e instanceof Error ? e.message : String(e);
    loaded = null;
  }
  return loaded;
}

/** Why `runtime()` is null, or '' when it is available. */
export function whyUnavailable(): string {
  runtime();
  return loadError;
}
