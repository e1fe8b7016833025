// The pure parts of the PyTorch peer's protocol (bench/peers/torch_peer.py): JSON lines, arrays as
// base64 little-endian bytes, and the search for a Python that imports torch.
import { spawnSync } from 'node:child_process';

const TYPES = { f32: Float32Array, f64: Float64Array, i32: Int32Array };
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** A typed array (or plain numbers, as `dtype`) with its shape → { dtype, shape, b64 }. */
export function encodeArray(data, shape, dtype = 'f32') {
  const Type = TYPES[dtype];
  if (Type === undefined) throw new TypeError(`encodeArray: dtype must be one of ${Object.keys(TYPES).join(', ')}, got ${dtype}`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new RangeError(`encodeArray: shape [${shape}] holds ${size} values, got ${data.length}`);
  if (!littleEndian) throw new Error('encodeArray: the peer protocol is little-endian, this machine is not');
  const typed = data instanceof Type ? data : Type.from(data);
  return { dtype, shape: [...shape], b64: Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString('base64') };
}

/** { dtype, shape, b64 } → { data (a fresh typed array), shape }. */
export function decodeArray(a) {
  const Type = TYPES[a?.dtype];
  if (Type === undefined) throw new TypeError(`decodeArray: dtype must be one of ${Object.keys(TYPES).join(', ')}, got ${a?.dtype}`);
  const bytes = Buffer.from(a.b64, 'base64');
  const size = a.shape.reduce((x, y) => x * y, 1);
  if (bytes.length !== size * Type.BYTES_PER_ELEMENT)
    throw new RangeError(`decodeArray: shape [${a.shape}] of ${a.dtype} needs ${size * Type.BYTES_PER_ELEMENT} bytes, got ${bytes.length}`);
  const data = new Type(size);
  new Uint8Array(data.buffer).set(bytes);
  return { data, shape: a.shape };
}

/** One message → one line. */
export const encodeLine = (message) => `${JSON.stringify(message)}\n`;

/** Splits a byte stream's chunks into complete lines, calling onLine(parsed) for each; keeps a partial last line. */
export function lineReader(onLine) {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    let end;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (line.trim() !== '') onLine(JSON.parse(line));
    }
  };
}

const PROBE = 'import json, sys, torch; print(json.dumps({"torch": torch.__version__, "python": sys.version.split()[0]}))';

/** Runs `python -c PROBE`: { ok: true, torch, python } or { ok: false, reason }. */
export function probePython(python, timeoutMs = 120_000) {
  const r = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', timeout: timeoutMs });
  if (r.error) return { ok: false, reason: r.error.code === 'ENOENT' ? 'not found' : r.error.message };
  if (r.status !== 0) {
    const last = r.stderr.trim().split('\n').pop() ?? '';
    return { ok: false, reason: last || `exit status ${r.status}` };
  }
  try {
    return { ok: true, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
  } catch {
    return { ok: false, reason: `unexpected output ${JSON.stringify(r.stdout.slice(0, 80))}` };
  }
}

export const DEFAULT_CANDIDATES = ['/opt/torch-venv/bin/python', '.venv/bin/python', 'python3', 'python'];

/**
 * The first Python that imports torch: CONVLAB_TORCH_PYTHON alone when set ('off' skips the
 * peer), else each of `candidates`. Returns { available: true, python, torch, tried } or
 * { available: false, reason, tried }, tried listing [python, why not] for each miss.
 */
export function findTorchPython({ env = process.env, candidates = DEFAULT_CANDIDATES, probe = probePython } = {}) {
  const chosen = env.CONVLAB_TORCH_PYTHON;
  if (chosen === 'off') return { available: false, reason: 'CONVLAB_TORCH_PYTHON=off', tried: [] };
  const list = chosen !== undefined && chosen !== '' ? [chosen] : candidates;
  const tried = [];
  for (const python of list) {
    const r = probe(python);
    if (r.ok) return { available: true, python, torch: r.torch, pythonVersion: r.python, tried };
    tried.push([python, r.reason]);
  }
  const where = chosen ? `CONVLAB_TORCH_PYTHON=${chosen}` : `none of ${list.join(', ')}`;
  return { available: false, reason: `no Python with torch (${where}: ${tried.map(([p, why]) => `${p}: ${why}`).join('; ')})`, tried };
}
