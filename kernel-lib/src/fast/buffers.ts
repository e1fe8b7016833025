import { KernelMemoryError, type Runtime } from './runtime';

type Data = Float64Array | Int32Array;

/**
 * Copies `inputs` into the kernels' memory and allocates room for `outputs` (contents undefined),
 * runs `body` on the byte pointers (inputs first), copies the outputs back and releases the
 * memory. Returns false, leaving the outputs alone, when the kernels' memory cannot hold what
 * this needs (the caller then runs its reference).
 */
export function withBuffers(rt: Runtime, inputs: readonly Data[], outputs: readonly Data[], body: (ptrs: number[]) => void): boolean {
  const { heap } = rt;
  const ptrs: number[] = [];
  try {
    for (const a of [...inputs, ...outputs]) ptrs.push(heap.alloc(a.byteLength));
    inputs.forEach((a, i) => view(rt, a, ptrs[i]).set(a));
    body(ptrs);
    outputs.forEach((a, i) => a.set(view(rt, a, ptrs[inputs.length + i])));
    return true;
  } catch (e) {
    if (e instanceof KernelMemoryError) return false;
    throw e;
  } finally {
    ptrs.forEach((p) => heap.release(p));
  }
}

function view(rt: Runtime, a: Data, ptr: number): Data {
  return a instanceof Float64Array ? rt.heap.f64(ptr, a.length) : rt.heap.i32(ptr, a.length);
}
