// The PyTorch bench peer's protocol without torch: the array codec against hand-computed IEEE 754
// bytes, the line splitter, and the search for a Python reporting "not available" cleanly.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeArray, encodeArray, encodeLine, findTorchPython, lineReader, probePython } from '../../../bench/peers/protocol.mjs';

describe('bench peer array codec', () => {
  it('writes little-endian IEEE 754 bytes, base64', () => {
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000 → bytes 00 00 80 3f 00 00 00 c0
    expect(encodeArray(Float32Array.of(1, -2), [2]).b64).toBe(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString('base64'));
    // 1.0 = 0x3ff0000000000000
    expect(encodeArray([1], [1], 'f64').b64).toBe(Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]).toString('base64'));
    expect(encodeArray([258, -1], [2], 'i32').b64).toBe(Buffer.from([2, 1, 0, 0, 0xff, 0xff, 0xff, 0xff]).toString('base64'));
  });

  it('round-trips shapes and values, rounding float64 to float32 when asked', () => {
    const values = Float64Array.from([0.1, -3.25, 1e-8, 7, 2 ** 24 + 1, -0.5]);
    const f64 = decodeArray(encodeArray(values, [2, 3], 'f64'));
    expect(f64.shape).toEqual([2, 3]);
    expect(Array.from(f64.data)).toEqual(Array.from(values));
    const f32 = decodeArray(encodeArray(values, [3, 2], 'f32'));
    expect(f32.data).toBeInstanceOf(Float32Array);
    expect(Array.from(f32.data)).toEqual(Array.from(values, Math.fround));
  });

  it('rejects a shape that does not match the values, a wrong byte count and an unknown dtype', () => {
    expect(() => encodeArray([1, 2, 3], [2, 2])).toThrow('encodeArray: shape [2,2] holds 4 values, got 3');
    const short = { ...encodeArray([1, 2], [2]), shape: [3] };
    expect(() => decodeArray(short)).toThrow('decodeArray: shape [3] of f32 needs 12 bytes, got 8');
    expect(() => encodeArray([1], [1], 'f16' as never)).toThrow('encodeArray: dtype must be one of f32, f64, i32, got f16');
  });
});

describe('bench peer JSON lines', () => {
  it('parses messages split across chunks anywhere, and only complete lines', () => {
    const got: unknown[] = [];
    const feed = lineReader((m) => got.push(m));
    const text = encodeLine({ id: 1, ok: true }) + encodeLine({ id: 2, error: 'a\nb' }) + encodeLine({ id: 3 });
    expect(text.split('\n').length).toBe(4); // a newline inside a string is escaped: one message a line
    for (const chunk of [text.slice(0, 5), text.slice(5, 23), text.slice(23, -3), text.slice(-3, -1)]) feed(chunk);
    expect(got).toEqual([
      { id: 1, ok: true },
      { id: 2, error: 'a\nb' },
    ]);
    feed('\n');
    expect(got).toEqual([{ id: 1, ok: true }, { id: 2, error: 'a\nb' }, { id: 3 }]);
  });
});

describe('finding a Python with torch', () => {
  const probe = (table: Record<string, string>) => (python: string) =>
    python in table
      ? { ok: true as const, torch: table[python], python: '3.11.2' }
      : { ok: false as const, reason: 'No module named torch' };

  it('takes the first candidate that imports torch, listing the ones before it', () => {
    const found = findTorchPython({ env: {}, candidates: ['a', 'b', 'c'], probe: probe({ b: '2.15.0', c: '2.1.0' }) });
    expect(found).toEqual({
      available: true,
      python: 'b',
      torch: '2.15.0',
      pythonVersion: '3.11.2',
      tried: [['a', 'No module named torch']],
    });
  });

  it('uses CONVLAB_TORCH_PYTHON alone when set, and skips the peer for "off"', () => {
    const only = findTorchPython({ env: { CONVLAB_TORCH_PYTHON: 'x' }, candidates: ['b'], probe: probe({ b: '2.15.0' }) });
    expect(only).toEqual({
      available: false,
      reason: 'no Python with torch (CONVLAB_TORCH_PYTHON=x: x: No module named torch)',
      tried: [['x', 'No module named torch']],
    });
    expect(findTorchPython({ env: { CONVLAB_TORCH_PYTHON: 'off' }, probe: probe({}) })).toEqual({
      available: false,
      reason: 'CONVLAB_TORCH_PYTHON=off',
      tried: [],
    });
  });

  it('reports "not available" with every reason when no candidate works, with the real probe', () => {
    expect(probePython('/nonexistent/convlab-python')).toEqual({ ok: false, reason: 'not found' });
    const found = findTorchPython({ env: {}, candidates: ['/nonexistent/p1', '/nonexistent/p2'] });
    expect(found).toEqual({
      available: false,
      reason: 'no Python with torch (none of /nonexistent/p1, /nonexistent/p2: /nonexistent/p1: not found; /nonexistent/p2: not found)',
      tried: [
        ['/nonexistent/p1', 'not found'],
        ['/nonexistent/p2', 'not found'],
      ],
    });
  });

  it('reads the version from a Python that imports torch and the last error line from one that does not', () => {
    // stand-in interpreters: shell scripts answering `-c <probe>` as such Pythons would
    const dir = mkdtempSync(join(tmpdir(), 'convlab-probe-'));
    const script = (name: string, body: string) => {
      const file = join(dir, name);
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
      return file;
    };
    const good = script('good', 'echo \'{"torch": "2.15.0+cpu", "python": "3.11.2"}\'');
    const bad = script(
      'bad',
      'echo "Traceback (most recent call last):" >&2; echo "ModuleNotFoundError: No module named \'torch\'" >&2; exit 1',
    );
    const odd = script('odd', 'echo hello');
    expect(probePython(good)).toEqual({ ok: true, torch: '2.15.0+cpu', python: '3.11.2' });
    expect(probePython(bad)).toEqual({ ok: false, reason: "ModuleNotFoundError: No module named 'torch'" });
    expect(probePython(odd)).toEqual({ ok: false, reason: 'unexpected output "hello\\n"' });
    expect(findTorchPython({ env: {}, candidates: [bad, good] })).toMatchObject({
      available: true,
      python: good,
      tried: [[bad, "ModuleNotFoundError: No module named 'torch'"]],
    });
    rmSync(dir, { recursive: true });
  });
});
