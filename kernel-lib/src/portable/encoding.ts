// Dependency-free (no imports), so that the browser side can share it: float32 arrays as base64 text.

/**
 * Float32 values as base64 text: each value rounded to float32 and written as 4 little-endian bytes
 * (IEEE 754 binary32), the bytes base64-encoded (RFC 4648, with '=' padding). About 5.3 characters
 * per value, against ~19 for a JSON number of full precision.
 *
 * @example
 * encodeFloat32([1, -2]); // 'AACAPwAAAMA='
 */
export function encodeFloat32(values: ArrayLike<number>): string {
  const floats = Float32Array.from(values as ArrayLike<number>);
  const bytes = new Uint8Array(floats.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < floats.length; i++) view.setFloat32(4 * i, floats[i], true);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/**
 * The inverse of encodeFloat32. Refuses text that is not base64 of a whole number of float32 values,
 * or (with `length`) not exactly `length` values, with "decodeFloat32: <rule>, got <actual>".
 *
 * @example
 * Array.from(decodeFloat32('AACAPwAAAMA=', 2)); // [1, -2]
 */
export function decodeFloat32(text: string, length?: number): Float32Array {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new TypeError(
      `decodeFloat32: text must be base64 (A–Z a–z 0–9 + / and '=' padding, a multiple of 4 characters), got ${describe(text)}`,
    );
  }
  const binary = atob(text);
  if (binary.length % 4 !== 0)
    throw new RangeError(`decodeFloat32: the bytes must be whole float32 values (a multiple of 4), got ${binary.length} bytes`);
  if (length !== undefined && binary.length !== 4 * length) {
    throw new RangeError(`decodeFloat32: text must hold ${length} float32 values, got ${binary.length / 4}`);
  }
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return typeof value;
  return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)` : JSON.stringify(value);
}
