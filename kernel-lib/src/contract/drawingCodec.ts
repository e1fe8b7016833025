/**
 * The drawing view's encoding of a drawing, pure and dependency-free (no Buffer, no atob), so that
 * the library, the validator and the page decode alike (the weights are base64 float32 by
 * `encodeFloat32` of convlab's portable models): the drawing as a copyable string
 * `DIGIT_PREFIX + base64(784 bytes)`: the 28x28 pixels row-major, ink 0 (none) … 255 (full), the
 * pixel value being byte / 255.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** The side of a drawing, and its pixel count. */
export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
/** What every drawing encoding starts with (the format's name and version). */
export const DIGIT_PREFIX = 'digit28:';

/** base64 of bytes (with '=' padding). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1] ?? 0, bytes[i + 2] ?? 0];
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** The number of bytes a base64 text of `length` characters decodes to, or -1 if no valid text has that length. */
export function base64Bytes(text: string): number {
  if (text.length % 4 !== 0) return -1;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - pad;
}

/** Bytes of a base64 text; undefined for anything that is not canonical base64 with padding. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const size = base64Bytes(text);
  if (size < 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const out = new Uint8Array(size);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const q = [0, 1, 2, 3].map((k) => {
      const ch = text.charCodeAt(i + k);
      if (last && k >= 2 && ch === 61 /* = */) return 0;
      return ch < 128 ? LOOKUP[ch] : -1;
    });
    if (q.some((v) => v < 0)) return undefined;
    const n = (q[0] << 18) | (q[1] << 12) | (q[2] << 6) | q[3];
    const bytes = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    for (let k = 0; k < 3 && o < size; k++) out[o++] = bytes[k];
  }
  return out;
}

/**
 * The copyable encoding of a 28x28 drawing: pixel values in [0, 1] (row-major) quantised to bytes
 * (round(255·v), clamped), as `digit28:` + base64.
 *
 * @example
 * encodeDigit(new Array(784).fill(0)).startsWith('digit28:AAAA'); // true
 */
export function encodeDigit(pixels: ArrayLike<number>): string {
  const bytes = new Uint8Array(DIGIT_PIXELS);
  for (let i = 0; i < DIGIT_PIXELS; i++) bytes[i] = Math.round(255 * Math.min(1, Math.max(0, pixels[i] || 0)));
  return DIGIT_PREFIX + encodeBase64(bytes);
}

/** The 784 pixel values (byte / 255) of a drawing encoding, or a message saying what is wrong with it. */
export function decodeDigit(encoding: unknown): { pixels: Float64Array; message?: undefined } | { pixels?: undefined; message: string } {
  if (typeof encoding !== 'string') return { message: `a drawing encoding must be a string, got ${typeof encoding}` };
  const text = encoding.trim();
  if (!text.startsWith(DIGIT_PREFIX)) return { message: `a drawing encoding must start with "${DIGIT_PREFIX}"` };
  const body = text.slice(DIGIT_PREFIX.length);
  if (base64Bytes(body) !== DIGIT_PIXELS)
    return { message: `a drawing encoding must hold ${DIGIT_PIXELS} bytes (28x28) in base64, got ${body.length} characters` };
  const bytes = decodeBase64(body);
  if (!bytes) return { message: 'a drawing encoding must be base64 after its prefix' };
  return { pixels: Float64Array.from(bytes, (b) => b / 255) };
}
