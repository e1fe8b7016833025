import { readFileSync, statSync } from 'node:fs';
import { assert } from '../assert';

/** A file to read: a path, or its bytes already in memory (a Uint8Array or Node Buffer). */
export type ByteSource = string | Uint8Array;

/** Bytes with the name errors use for them: the path, or 'bytes' for an in-memory source. */
export interface NamedBytes {
  readonly bytes: Uint8Array;
  readonly name: string;
}

/**
 * Reads a path or passes bytes through, refusing files larger than `maxBytes` before reading them.
 * Errors name `op` and the file, e.g. `loadImage: cannot read "a.png": ENOENT …`.
 *
 * @example
 * readSource('readSafetensors', 'model.safetensors', 1 << 30).name; // '"model.safetensors"'
 */
export function readSource(op: string, source: ByteSource, maxBytes: number): NamedBytes {
  if (source instanceof Uint8Array) {
    assert(source.length <= maxBytes, () => `${op}: input must be at most ${maxBytes} bytes, got ${source.length} bytes`);
    return { bytes: source, name: 'bytes' };
  }
  assert(typeof source === 'string', () => `${op}: input must be a path or a Uint8Array, got ${describe(source)}`, TypeError);
  const name = JSON.stringify(source);
  let size: number;
  try {
    size = statSync(source).size;
  } catch (e) {
    throw new Error(`${op}: cannot read ${name}: ${(e as Error).message}`);
  }
  assert(size <= maxBytes, () => `${op}: ${name} must be at most ${maxBytes} bytes, got ${size} bytes`);
  try {
    return { bytes: new Uint8Array(readFileSync(source)), name };
  } catch (e) {
    throw new Error(`${op}: cannot read ${name}: ${(e as Error).message}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
