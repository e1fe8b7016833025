// Types of protocol.mjs, for the tests.
export type DType = 'f32' | 'f64' | 'i32';
export interface EncodedArray {
  dtype: DType;
  shape: number[];
  b64: string;
}
export function encodeArray(data: ArrayLike<number>, shape: readonly number[], dtype?: DType): EncodedArray;
export function decodeArray(a: EncodedArray): { data: Float32Array | Float64Array | Int32Array; shape: number[] };
export function encodeLine(message: unknown): string;
export function lineReader(onLine: (message: any) => void): (chunk: string) => void;
export type Probe = { ok: true; torch: string; python: string } | { ok: false; reason: string };
export function probePython(python: string, timeoutMs?: number): Probe;
export const DEFAULT_CANDIDATES: string[];
export type Found =
  | { available: true; python: string; torch: string; pythonVersion: string; tried: [string, string][] }
  | { available: false; reason: string; tried: [string, string][] };
export function findTorchPython(opts?: {
  env?: Record<string, string | undefined>;
  candidates?: string[];
  probe?: (python: string) => Probe;
}): Found;
