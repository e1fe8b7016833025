import { assert } from '../assert';
import { halfToNumber, numberToHalf } from './float16';

/** The element types convlab reads and writes in weight files. */
export type WeightDtype = 'float16' | 'float32' | 'float64';

export const WEIGHT_DTYPES: readonly WeightDtype[] = ['float16', 'float32', 'float64'];

/** Bytes per element. */
export const DTYPE_BYTES: Readonly<Record<WeightDtype, number>> = { float16: 2, float32: 4, float64: 8 };

/** Element i of a little- or big-endian array of `dtype` starting at byte `offset` of `view`. */
export function readElement(view: DataView, offset: number, dtype: WeightDtype, littleEndian: boolean): number {
  if (dtype === 'float64') return view.getFloat64(offset, littleEndian);
  if (dtype === 'float32') return view.getFloat32(offset, littleEndian);
  return halfToNumber(view.getUint16(offset, littleEndian));
}

/** Decodes `count` elements of `dtype` from `bytes` at `offset` into float64. */
export function decodeElements(bytes: Uint8Array, offset: number, count: number, dtype: WeightDtype, littleEndian = true): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = DTYPE_BYTES[dtype];
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = readElement(view, offset + i * size, dtype, littleEndian);
  return out;
}

/**
 * Encodes values as little-endian `dtype` into `out` at byte `offset`. Float32 and float16 round to
 * nearest; a finite value outside the dtype's range is refused (it would become ±∞).
 */
export function encodeElements(op: string, name: string, values: Float64Array, dtype: WeightDtype, out: Uint8Array, offset: number): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const size = DTYPE_BYTES[dtype];
  const max = dtype === 'float16' ? 65504 : dtype === 'float32' ? 3.4028234663852886e38 : Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    assert(
      !Number.isFinite(v) || Math.abs(v) <= max * (1 + 2 ** -12),
      () => `${op}: values of ${name} must fit in ${dtype} (|v| ≤ ${max}), got ${v} at index ${i}`,
    );
    const at = offset + i * size;
    if (dtype === 'float64') view.setFloat64(at, v, true);
    else if (dtype === 'float32') view.setFloat32(at, v, true);
    else view.setUint16(at, numberToHalf(v), true);
  }
}

/** Checks a dtype option. */
export function checkDtype(op: string, dtype: unknown): asserts dtype is WeightDtype {
  assert(
    WEIGHT_DTYPES.includes(dtype as WeightDtype),
    () => `${op}: dtype must be one of ${WEIGHT_DTYPES.map((d) => `'${d}'`).join(', ')}, got ${JSON.stringify(dtype)}`,
    TypeError,
  );
}
