/**
 * IEEE 754 binary16 ↔ number. A half is 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits:
 * normal (−1)^s · 2^(e−15) · (1 + f/1024), subnormal (−1)^s · 2^(−14) · f/1024, e = 31 is ±∞/NaN.
 *
 * @example
 * halfToNumber(0x3c00); // 1
 * numberToHalf(65504);  // 0x7bff, the largest finite half
 */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return sign * 2 ** -14 * (f / 1024);
  if (e === 31) return f === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (e - 15) * (1 + f / 1024);
}

/** The nearest half (round to nearest, ties to even) of a number, as its 16 bits; overflow gives ±∞. */
export function numberToHalf(v: number): number {
  if (Number.isNaN(v)) return 0x7e00;
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  const a = Math.abs(v);
  if (a === Infinity) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | roundEven(a / 2 ** -24); // subnormal (may round up to the smallest normal)
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1; // guard log2 rounding
  if (2 ** (e + 1) <= a) e += 1;
  let f = roundEven((a / 2 ** e - 1) * 1024);
  if (f === 1024) {
    f = 0;
    e += 1;
  }
  if (e + 15 >= 31) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | f;
}

function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
