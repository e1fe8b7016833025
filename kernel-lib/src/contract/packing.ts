/**
 * The wire form of a payload's long number arrays. A notebook stores a payload as indented JSON,
 * one number a line (about 25 characters a number); packed, an array travels as
 * `{ "f64": base64 of its float64 values, little-endian }`: about 10.7 characters a number, and
 * lossless (every float64, NaN and ±Infinity included, comes back bit for bit). The library packs
 * what it sends to the kernel (`packPayload`), and `validatePayload` unpacks before it checks, so a
 * payload saved unpacked (by earlier versions, or written by hand) reads as before.
 */
import { decodeBase64, encodeBase64 } from './drawingCodec';

/** Arrays of at least this many numbers are packed; shorter ones stay readable in the notebook. */
export const PACK_MIN_LENGTH = 16;
/** Objects nested deeper than this are left as they are (the validator refuses such payloads anyway). */
const MAX_DEPTH = 32;

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length >= PACK_MIN_LENGTH && value.every((v) => typeof v === 'number');
}

function packNumbers(values: readonly number[]): { f64: string } {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return { f64: encodeBase64(bytes) };
}

/** The numbers of a packed array, or undefined when `value` is not one (wrong key, bad base64, length not a multiple of 8). */
function unpackNumbers(value: Record<string, unknown>): number[] | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'f64' || typeof value.f64 !== 'string') return undefined;
  const bytes = decodeBase64(value.f64);
  if (!bytes || bytes.length % 8 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** `value` with `leaf` applied to every node, top down; a node none of whose parts changed is returned as it is (not copied). */
function walk(value: unknown, depth: number, leaf: (v: unknown) => unknown): unknown {
  const replaced = leaf(value);
  if (!Object.is(replaced, value) || depth > MAX_DEPTH || typeof value !== 'object' || value === null) return replaced;
  if (Array.isArray(value)) {
    const parts = value.map((v) => walk(v, depth + 1, leaf));
    return parts.some((v, i) => !Object.is(v, value[i])) ? parts : value;
  }
  const entries = Object.entries(value);
  const parts = entries.map(([, v]) => walk(v, depth + 1, leaf));
  return parts.some((v, i) => !Object.is(v, entries[i][1])) ? Object.fromEntries(entries.map(([k], i) => [k, parts[i]])) : value;
}

/**
 * The payload with every array of `PACK_MIN_LENGTH` or more numbers packed (a new object; the
 * payload itself is not changed).
 *
 * @example
 * packPayload({ data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], shape: [4, 4] });
 * // { data: { f64: 'AAAAAAAAAAAAAAAAAADwPw…' }, shape: [4, 4] }
 */
export function packPayload(payload: unknown): unknown {
  return walk(payload, 0, (v) => (isNumberArray(v) ? packNumbers(v) : v));
}

/** The payload with every packed array turned back into numbers; anything else, and a payload with nothing packed, is returned as it is. */
export function unpackPayload(value: unknown): unknown {
  return walk(value, 0, (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (unpackNumbers(v as Record<string, unknown>) ?? v) : v,
  );
}
