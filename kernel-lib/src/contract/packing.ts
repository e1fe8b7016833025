/**
 * The wire form of a payload's long number arrays. A notebook stores a payload as indented JSON,
 * one number a line (about 25 characters a number); packed, an array travels as its float64 values,
 * little-endian, in base64 — raw-DEFLATE-compressed first (fflate) when that is shorter:
 * `{ "f64deflate": base64, "count": n }`, else `{ "f64": base64 }` (about 10.7 characters a
 * number). Both are lossless: every float64, NaN and ±Infinity included, comes back bit for bit.
 * Maps after a ReLU, digits and padded inputs are mostly exact zeros, which deflate to almost
 * nothing (a 20-map grid of ReLU maps: 123 KB plain, 30 KB deflated). The library packs what it
 * sends to the kernel (`packPayload`), and `validatePayload` unpacks before it checks, so a payload
 * saved unpacked (by earlier versions, or written by hand) or in the plain form reads as before.
 */
import { deflateSync, inflateSync } from 'fflate';
import { LIMITS } from './checks';
import { decodeBase64, encodeBase64 } from './drawingCodec';

/** Arrays of at least this many numbers are packed; shorter ones stay readable in the notebook. */
export const PACK_MIN_LENGTH = 16;
/** Objects nested deeper than this are left as they are (the validator refuses such payloads anyway). */
const MAX_DEPTH = 32;

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length >= PACK_MIN_LENGTH && value.every((v) => typeof v === 'number');
}

function packNumbers(values: readonly number[]): { f64: string } | { f64deflate: string; count: number } {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  const deflated = deflateSync(bytes, { level: 9 });
  return deflated.length < bytes.length ? { f64deflate: encodeBase64(deflated), count: values.length } : { f64: encodeBase64(bytes) };
}

/** The little-endian float64 bytes of a packed array, or undefined when `value` is not one (wrong keys, bad base64 or deflate data, a length that does not match). */
function packedBytes(value: Record<string, unknown>, budget: { left: number }): Uint8Array | undefined {
  const keys = Object.keys(value).sort().join();
  if (keys === 'f64' && typeof value.f64 === 'string') {
    const bytes = decodeBase64(value.f64);
    return bytes && bytes.length % 8 === 0 ? bytes : undefined;
  }
  if (keys !== 'count,f64deflate' || typeof value.f64deflate !== 'string') return undefined;
  const count = value.count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
  // Deflate multiplies: a few bytes can claim gigabytes. The numbers are counted before anything is inflated.
  if (count > budget.left) throw new PackingError(`packed arrays hold more than ${LIMITS.values} numbers (one claims ${count})`);
  budget.left -= count;
  const deflated = decodeBase64(value.f64deflate);
  if (!deflated) return undefined;
  let bytes: Uint8Array;
  try {
    // One byte of room: a stream longer than `count` numbers shows as a longer result (it is cut to the buffer otherwise).
    bytes = inflateSync(deflated, { out: new Uint8Array(count * 8 + 1) });
  } catch {
    return undefined;
  }
  return bytes.length === count * 8 ? bytes : undefined;
}

function unpackNumbers(value: Record<string, unknown>, budget: { left: number }): number[] | undefined {
  const bytes = packedBytes(value, budget);
  if (!bytes) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** A packed payload that claims more numbers than any payload may hold. */
export class PackingError extends RangeError {}

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
 * // { data: { f64deflate: 'Y0ABH+yhDAcI…', count: 16 }, shape: [4, 4] }  (60 characters instead of 171)
 */
export function packPayload(payload: unknown): unknown {
  return walk(payload, 0, (v) => (isNumberArray(v) ? packNumbers(v) : v));
}

/**
 * The payload with every packed array turned back into numbers; anything else, and a payload with
 * nothing packed, is returned as it is. Throws a `PackingError` when its deflated arrays claim more
 * than `LIMITS.values` numbers in all (before inflating any of them).
 */
export function unpackPayload(value: unknown): unknown {
  const budget = { left: LIMITS.values };
  return walk(value, 0, (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (unpackNumbers(v as Record<string, unknown>, budget) ?? v) : v,
  );
}
