import { writeFileSync } from 'node:fs';
import { assert } from '../assert';
import { Tensor } from '../tensor';
import { DTYPE_BYTES, WeightDtype, checkDtype, decodeElements, encodeElements } from './dtypes';
import type { ReadWeightsOptions } from './safetensors';
import { ByteSource, readSource } from './source';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const DESCR: Readonly<Record<string, WeightDtype>> = { f2: 'float16', f4: 'float32', f8: 'float64' };
const OP = 'readNpy';

/**
 * Reads a NumPy .npy file (format versions 1–3) into a float64 tensor. Layout: `\x93NUMPY`, major and
 * minor version, a header length (2 bytes in v1, 4 in v2/v3, little-endian), a Python dict literal
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (20, 1, 5, 5), }`, then the data. Dtypes
 * float16/32/64 of either byte order; Fortran (column-major) order is converted to row-major.
 * The data length must equal product(shape) × element size exactly.
 *
 * @example
 * readNpy('w.npy').shape; // [20, 1, 5, 5]
 */
export function readNpy(source: ByteSource, options: ReadWeightsOptions = {}): Tensor {
  const { bytes, name } = readSource(OP, source, options.maxBytes ?? 2 ** 30);
  return decodeNpy(bytes, name);
}

/** Decodes .npy bytes (see readNpy); `name` labels errors. */
export function decodeNpy(bytes: Uint8Array, name = 'bytes'): Tensor {
  const fail = (rule: string): never => {
    throw new RangeError(`${OP}: ${name} is not a valid .npy file: ${rule}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('it must start with the magic string \\x93NUMPY');
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`the format version must be 1, 2 or 3, got ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major > 1 && bytes.length < 12) fail(`a version ${major} file needs a 4-byte header length, got ${bytes.length} bytes`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLength > bytes.length) fail(`the header length ${headerLength} runs past the end of the file (${bytes.length} bytes)`);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const { dtype, littleEndian, fortran, shape } = parseHeader(text, fail);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataLength = bytes.length - start - headerLength;
  const expected = count * DTYPE_BYTES[dtype];
  if (dataLength !== expected) fail(`${dtype} [${shape.join(',')}] needs ${expected} data bytes, got ${dataLength}`);
  const values = decodeElements(bytes, start + headerLength, count, dtype, littleEndian);
  return new Tensor(shape, fortran ? fortranToRowMajor(values, shape) : values);
}

function parseHeader(
  text: string,
  fail: (rule: string) => never,
): { dtype: WeightDtype; littleEndian: boolean; fortran: boolean; shape: number[] } {
  const m = /^\{\s*(.*?)\s*,?\s*\}\s*$/s.exec(text.trim() + '\n');
  if (m === null) fail(`the header must be a Python dict literal, got ${JSON.stringify(text.slice(0, 80))}`);
  const body = (m as RegExpExecArray)[1];
  const entry = /'(\w+)'\s*:\s*('[^']*'|True|False|\([^)]*\))/g;
  const fields = new Map([...body.matchAll(entry)].map((e) => [e[1], e[2]] as const));
  const rest = body.replace(entry, '').replace(/[\s,]/g, '');
  if (rest !== '' || fields.size !== 3 || !fields.has('descr') || !fields.has('fortran_order') || !fields.has('shape')) {
    fail(`the header must hold exactly 'descr', 'fortran_order' and 'shape', got ${JSON.stringify(text.trim().slice(0, 120))}`);
  }
  const descr = (fields.get('descr') as string).slice(1, -1);
  const dm = /^([<>|=])(f[248])$/.exec(descr);
  if (dm === null || dm[1] === '|') fail(`descr must be a float16/32/64 type such as '<f4', got '${descr}'`);
  const dtype = DESCR[(dm as RegExpExecArray)[2]];
  const littleEndian = (dm as RegExpExecArray)[1] !== '>';
  const fortran = fields.get('fortran_order') === 'True';
  const inner = (fields.get('shape') as string).slice(1, -1).trim();
  const parts =
    inner === ''
      ? []
      : inner
          .replace(/,\s*$/, '')
          .split(',')
          .map((s) => s.trim());
  if (!parts.every((p) => /^\d+$/.test(p) && Number.isSafeInteger(Number(p))))
    fail(`shape must be a tuple of non-negative integers, got (${inner})`);
  return { dtype, littleEndian, fortran, shape: parts.map(Number) };
}

/** Column-major values (the first index varies fastest) → row-major. */
function fortranToRowMajor(values: Float64Array, shape: readonly number[]): Float64Array {
  const rank = shape.length;
  const out = new Float64Array(values.length);
  const index = new Array<number>(rank).fill(0);
  for (let r = 0; r < values.length; r++) {
    let f = 0;
    for (let axis = rank - 1; axis >= 0; axis--) f = f * shape[axis] + index[axis];
    out[r] = values[f];
    for (let axis = rank - 1; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  return out;
}

/**
 * Encodes a tensor as .npy bytes (format 1.0, little-endian, C order, the header padded with spaces
 * to a multiple of 64 bytes and ended by '\n', as numpy.save writes it). Default dtype float64.
 *
 * @example
 * encodeNpy(tensor([[1, 2], [3, 4]])).length; // 128 + 32
 */
export function encodeNpy(t: Tensor, options: { dtype?: WeightDtype } = {}): Uint8Array {
  const { dtype = 'float64' } = options;
  checkDtype('writeNpy', dtype);
  assert(t instanceof Tensor, () => `writeNpy: t must be a Tensor, got ${typeof t}`, TypeError);
  const shape = t.rank === 1 ? `(${t.shape[0]},)` : `(${t.shape.join(', ')})`;
  let header = `{'descr': '<f${DTYPE_BYTES[dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + t.size * DTYPE_BYTES[dtype]);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  encodeElements('writeNpy', 'the tensor', t.data, dtype, out, 10 + header.length);
  return out;
}

/**
 * Writes a tensor to a .npy file that `numpy.load` reads. Default dtype float64 (exact).
 *
 * @example
 * writeNpy('kernels.npy', conv.weight.value, { dtype: 'float32' });
 */
export function writeNpy(path: string, t: Tensor, options: { dtype?: WeightDtype } = {}): void {
  assert(
    typeof path === 'string' && path.length > 0,
    () => `writeNpy: path must be a non-empty string, got ${JSON.stringify(path)}`,
    TypeError,
  );
  writeFileSync(path, encodeNpy(t, options));
}
