import { writeFileSync } from 'node:fs';
import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { DTYPE_BYTES, WeightDtype, checkDtype, decodeElements, encodeElements } from './dtypes';
import { ByteSource, readSource } from './source';

/** A decoded .safetensors file: its tensors by name and its `__metadata__` (string → string). */
export interface Safetensors {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/** Options of readSafetensors. */
export interface ReadWeightsOptions {
  /** Files larger than this are refused before being read. Default 1 GiB. */
  maxBytes?: number;
}

/** Options of writeSafetensors. */
export interface WriteSafetensorsOptions {
  /** Element type written for every tensor. Default 'float32' (PyTorch's default). */
  dtype?: WeightDtype;
  /** Free-form string pairs stored in the header as `__metadata__`. */
  metadata?: Record<string, string>;
}

const CODES: Readonly<Record<string, WeightDtype>> = { F16: 'float16', F32: 'float32', F64: 'float64' };
const CODE_OF: Readonly<Record<WeightDtype, string>> = { float16: 'F16', float32: 'F32', float64: 'F64' };
const MAX_HEADER = 100_000_000; // the reference implementation's limit
const OP = 'readSafetensors';

/**
 * Reads a .safetensors file (PyTorch's and Hugging Face's weight format) into float64 tensors.
 * Layout: 8-byte little-endian header length N, N bytes of JSON
 * `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: {…} }`, then the raw
 * little-endian data; offsets count from the first data byte. Dtypes F16, F32, F64.
 * The whole header is checked before any tensor is built (offsets inside the data, contiguous, not
 * overlapping, covering it all; sizes = product of shape × dtype size), so a malformed file gives one
 * clear error naming the file and never a partial result.
 *
 * @example
 * const w = readSafetensors('model.safetensors'); // { '0.weight': Tensor [20,1,5,5], '0.bias': … }
 */
export function readSafetensors(source: ByteSource, options: ReadWeightsOptions = {}): Record<string, Tensor> {
  const { bytes, name } = readSource(OP, source, options.maxBytes ?? 2 ** 30);
  return decodeSafetensors(bytes, name).tensors;
}

/** Decodes .safetensors bytes (see readSafetensors); `name` labels errors. */
export function decodeSafetensors(bytes: Uint8Array, name = 'bytes'): Safetensors {
  const fail = (rule: string): never => {
    throw new RangeError(`${OP}: ${name} is not a valid .safetensors file: ${rule}`);
  };
  if (bytes.length < 8) fail(`it must start with an 8-byte header length, got ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (n > bytes.length - 8) fail(`the header length ${n} runs past the end of the file (${bytes.length - 8} bytes after the length)`);
  if (n > MAX_HEADER) fail(`the header length must be at most ${MAX_HEADER}, got ${n}`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    fail(`the header must be UTF-8 JSON, got ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header must be a JSON object');
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const entries: Array<{ key: string; dtype: WeightDtype; shape: number[]; begin: number; end: number }> = [];
  let metadata: Record<string, string> = {};
  for (const [key, entry] of Object.entries(header as Record<string, unknown>)) {
    if (key === '__metadata__') {
      metadata = checkMetadata(entry, fail);
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof e !== 'object' || e === null) fail(`entry ${JSON.stringify(key)} must be an object`);
    const dtype = CODES[String(e.dtype)];
    if (typeof e.dtype !== 'string' || dtype === undefined) {
      fail(`entry ${JSON.stringify(key)} has dtype ${JSON.stringify(e.dtype)}; supported: ${Object.keys(CODES).join(', ')}`);
    }
    const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
    if (!Array.isArray(e.shape) || !e.shape.every(isCount))
      fail(`entry ${JSON.stringify(key)} must have a shape of non-negative integers, got ${JSON.stringify(e.shape)}`);
    const offsets = e.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
      fail(`entry ${JSON.stringify(key)} must have data_offsets [begin, end] of non-negative integers, got ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as number[];
    const shape = e.shape as number[];
    if (begin > end || end > dataLength)
      fail(`entry ${JSON.stringify(key)} has data_offsets [${begin}, ${end}] outside the ${dataLength} data bytes`);
    const expected = shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[dtype];
    if (end - begin !== expected) {
      fail(
        `entry ${JSON.stringify(key)} (${dtype} ${fmtShape(shape)}) needs ${expected} bytes, but its data_offsets [${begin}, ${end}] hold ${end - begin}`,
      );
    }
    entries.push({ key, dtype, shape, begin, end });
  }
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const e of sorted) {
    if (e.begin < at)
      fail(`entry ${JSON.stringify(e.key)}'s data_offsets [${e.begin}, ${e.end}] overlap the previous tensor (ending at ${at})`);
    if (e.begin > at) fail(`the data has a gap of ${e.begin - at} bytes before ${JSON.stringify(e.key)}`);
    at = e.end;
  }
  if (at !== dataLength) fail(`the tensors cover ${at} of the ${dataLength} data bytes`);
  const tensors: Record<string, Tensor> = {};
  for (const e of entries) {
    const count = e.shape.reduce((a, b) => a * b, 1);
    tensors[e.key] = new Tensor(e.shape, decodeElements(bytes, dataStart + e.begin, count, e.dtype));
  }
  return { tensors, metadata };
}

function checkMetadata(value: unknown, fail: (rule: string) => never): Record<string, string> {
  const ok =
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
  if (!ok) fail(`__metadata__ must be an object of strings, got ${JSON.stringify(value)}`);
  return { ...(value as Record<string, string>) };
}

/**
 * Encodes tensors as .safetensors bytes (see readSafetensors for the layout), in name order, the
 * header padded with spaces to a multiple of 8 bytes as the reference implementation does.
 *
 * @example
 * encodeSafetensors({ '0.weight': w }, { dtype: 'float64' }); // Uint8Array
 */
export function encodeSafetensors(tensors: Record<string, Tensor>, options: WriteSafetensorsOptions = {}): Uint8Array {
  const op = 'writeSafetensors';
  const { dtype = 'float32', metadata } = options;
  checkDtype(op, dtype);
  assert(
    typeof tensors === 'object' && tensors !== null,
    () => `${op}: tensors must be an object of Tensors, got ${String(tensors)}`,
    TypeError,
  );
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    assert(
      typeof metadata === 'object' && metadata !== null && Object.values(metadata).every((v) => typeof v === 'string'),
      () => `${op}: metadata must be an object of strings, got ${JSON.stringify(metadata)}`,
      TypeError,
    );
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const key of names) {
    assert(
      key.length > 0 && key !== '__metadata__',
      () => `${op}: tensor names must be non-empty and not "__metadata__", got ${JSON.stringify(key)}`,
    );
    const t = tensors[key];
    assert(t instanceof Tensor, () => `${op}: ${JSON.stringify(key)} must be a Tensor, got ${typeof t}`, TypeError);
    const size = t.size * DTYPE_BYTES[dtype];
    header[key] = { dtype: CODE_OF[dtype], shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  const jsonBytes = () => new TextEncoder().encode(json).length;
  while (jsonBytes() % 8 !== 0) json += ' ';
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 8);
  for (const key of names) {
    const begin = (header[key] as { data_offsets: number[] }).data_offsets[0];
    encodeElements(op, JSON.stringify(key), tensors[key].data, dtype, out, 8 + head.length + begin);
  }
  return out;
}

/**
 * Writes tensors to a .safetensors file that PyTorch (`safetensors.torch.load_file`), NumPy
 * (`safetensors.numpy.load_file`) and Hugging Face read. Default dtype float32.
 *
 * @example
 * writeSafetensors('model.safetensors', stateDict(net));
 */
export function writeSafetensors(path: string, tensors: Record<string, Tensor>, options: WriteSafetensorsOptions = {}): void {
  assert(
    typeof path === 'string' && path.length > 0,
    () => `writeSafetensors: path must be a non-empty string, got ${JSON.stringify(path)}`,
    TypeError,
  );
  writeFileSync(path, encodeSafetensors(tensors, options));
}
