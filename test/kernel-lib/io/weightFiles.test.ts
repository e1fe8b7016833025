import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Tensor,
  decodeNpy,
  decodeSafetensors,
  encodeNpy,
  encodeSafetensors,
  randn,
  readNpy,
  readSafetensors,
  tensor,
  writeSafetensors,
} from '../../../kernel-lib/src';
import { scratch } from './python';
import { halfToNumber, numberToHalf } from '../../../kernel-lib/src/io/float16';
import { mutation } from './mutation';

/** A .safetensors file built by hand: length, JSON, then the given data bytes. */
function handMade(header: unknown, data: Uint8Array, headerText = JSON.stringify(header)): Uint8Array {
  const head = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + head.length + data.length);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}

const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

describe('safetensors', () => {
  it('reads a file built by hand (F32 [2,2] and F64 [3], little-endian, offsets from the data start)', () => {
    const data = new Uint8Array([...f32([1, -2, 0.5, 3]), ...new Uint8Array(Float64Array.from([0.1, 0.2, 0.3]).buffer)]);
    const file = handMade(
      {
        b: { dtype: 'F64', shape: [3], data_offsets: [16, 40] },
        a: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
        __metadata__: { format: 'pt' },
      },
      data,
    );
    const { tensors, metadata } = decodeSafetensors(file);
    expect(tensors.a.shape).toEqual([2, 2]);
    expect(tensors.a.toArray()).toEqual([
      [1, -2],
      [0.5, 3],
    ]);
    expect(Array.from(tensors.b.data)).toEqual([0.1, 0.2, 0.3]);
    expect(metadata).toEqual({ format: 'pt' });
  });

  it('reads F16 by IEEE binary16 (1 = 0x3C00, −2 = 0xC000, 65504 = 0x7BFF, 2^−24 = 0x0001)', () => {
    const file = handMade(
      { h: { dtype: 'F16', shape: [4], data_offsets: [0, 8] } },
      new Uint8Array([0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00]),
    );
    expect(Array.from(decodeSafetensors(file).tensors.h.data)).toEqual([1, -2, 65504, 2 ** -24]);
  });

  it('float16 round-trips every finite bit pattern and rounds to the nearest half', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const v = halfToNumber(bits);
      if (Number.isFinite(v)) expect(numberToHalf(v)).toBe(bits === 0x8000 ? 0x8000 : bits);
    }
    expect(numberToHalf(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and 1 + 2^−10: ties to even
    expect(numberToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(numberToHalf(1e6)).toBe(0x7c00);
  });

  it('writes what it reads: float64 exactly, float32 as Math.fround, float16 within 2^−11 relative; header padded to 8 bytes', () => {
    const tensors = { '0.weight': randn([3, 1, 3, 3], 1), '0.bias': randn([3], 2), empty: new Tensor([0, 4], new Float64Array(0)) };
    const exact = decodeSafetensors(encodeSafetensors(tensors, { dtype: 'float64', metadata: { by: 'convlab' } }));
    expect(exact.tensors['0.weight'].data).toEqual(tensors['0.weight'].data);
    expect(exact.tensors.empty.shape).toEqual([0, 4]);
    expect(exact.metadata).toEqual({ by: 'convlab' });
    const single = encodeSafetensors(tensors);
    expect(new DataView(single.buffer).getUint32(0, true) % 8).toBe(0);
    expect(Array.from(decodeSafetensors(single).tensors['0.bias'].data)).toEqual(Array.from(tensors['0.bias'].data, Math.fround));
    const half = decodeSafetensors(encodeSafetensors(tensors, { dtype: 'float16' })).tensors['0.weight'].data;
    half.forEach((v, i) =>
      expect(Math.abs(v - tensors['0.weight'].data[i])).toBeLessThanOrEqual(Math.abs(tensors['0.weight'].data[i]) * 2 ** -11 + 2 ** -25),
    );
  });

  const good = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['fewer than 8 bytes', new Uint8Array(5), /8-byte header length, got 5 bytes/],
    [
      'a header length past the end',
      (() => {
        const f = handMade({ a: good }, f32([1, 2]));
        new DataView(f.buffer).setUint32(0, 9999, true);
        return f;
      })(),
      /header length 9999 runs past the end/,
    ],
    ['a header that is not JSON', handMade(null, f32([1, 2]), '{"a": NaN}'), /must be UTF-8 JSON/],
    ['a JSON array header', handMade([1], new Uint8Array(0)), /must be a JSON object/],
    ['an unknown dtype', handMade({ a: { ...good, dtype: 'I7' } }, f32([1, 2])), /dtype "I7"; supported: F16, F32, F64/],
    ['offsets outside the data', handMade({ a: { ...good, data_offsets: [0, 16] } }, f32([1, 2])), /outside the 8 data bytes/],
    [
      'offsets that do not match the shape',
      handMade({ a: { ...good, shape: [3] } }, f32([1, 2])),
      /needs 12 bytes, but its data_offsets \[0, 8\] hold 8/,
    ],
    ['overlapping tensors', handMade({ a: good, b: good }, f32([1, 2])), /overlap the previous tensor/],
    ['a hole in the data', handMade({ a: { ...good, data_offsets: [4, 12] } }, f32([1, 2, 3])), /gap of 4 bytes/],
    ['bytes no tensor covers', handMade({ a: good }, f32([1, 2, 3])), /cover 8 of the 12 data bytes/],
    ['a non-integer shape', handMade({ a: { ...good, shape: [2.5] } }, f32([1, 2])), /shape of non-negative integers/],
    [
      'metadata that is not strings',
      handMade({ a: good, __metadata__: { n: 1 } }, f32([1, 2])),
      /__metadata__ must be an object of strings/,
    ],
  ];
  it.each(cases)('throws on %s, naming the function and the file', (_, file, pattern) => {
    expect(() => decodeSafetensors(file, '"model.safetensors"')).toThrow(
      /^readSafetensors: "model.safetensors" is not a valid .safetensors file: /,
    );
    expect(() => decodeSafetensors(file)).toThrow(pattern);
  });

  it('reads and writes paths; names the file in errors; refuses a file over maxBytes before reading it', () => {
    const dir = scratch();
    const path = join(dir, 'w.safetensors');
    writeSafetensors(path, { a: randn([4], 1) }, { dtype: 'float64' });
    expect(readSafetensors(path).a.data).toEqual(randn([4], 1).data);
    expect(() => readSafetensors(path, { maxBytes: 10 })).toThrow(
      /^readSafetensors: ".*w.safetensors" must be at most 10 bytes, got \d+ bytes$/,
    );
    expect(() => readSafetensors(join(dir, 'missing.safetensors'))).toThrow(
      /^readSafetensors: cannot read ".*missing.safetensors": ENOENT/,
    );
    writeFileSync(join(dir, 'cut.npy'), encodeNpy(randn([3], 1)).slice(0, 20));
    expect(() => readNpy(join(dir, 'cut.npy'))).toThrow(
      /^readNpy: ".*cut.npy" is not a valid .npy file: the header length \d+ runs past the end/,
    );
  });

  it('any mutation of a valid file gives a clear error or a whole, well-shaped result (fast-check)', () => {
    const valid = encodeSafetensors({ '0.weight': randn([2, 1, 3, 3], 3), '0.bias': randn([2], 4) }, { metadata: { a: 'b' } });
    fc.assert(
      fc.property(mutation(valid.length), (mutate) => {
        const file = mutate(valid);
        let result;
        try {
          result = decodeSafetensors(file);
        } catch (e) {
          expect((e as Error).message).toMatch(/^readSafetensors: bytes is not a valid \.safetensors file: \S/);
          return;
        }
        for (const t of Object.values(result.tensors)) expect(t.size).toBe(t.shape.reduce((a, b) => a * b, 1));
      }),
      { numRuns: 500, seed: 15 },
    );
  });
});

describe('npy', () => {
  it('reads a file as numpy.save writes it (v1.0, "<f8", C order, header padded to 64 bytes)', () => {
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    const text = header + ' '.repeat(128 - 10 - header.length - 1) + '\n';
    const file = new Uint8Array([
      0x93,
      ...new TextEncoder().encode('NUMPY'),
      1,
      0,
      text.length,
      0,
      ...new TextEncoder().encode(text),
      ...new Uint8Array(Float64Array.from([1, 2, 3, 4, 5, 6]).buffer),
    ]);
    expect(decodeNpy(file).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(
      encodeNpy(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toEqual(file);
  });

  it("reads Fortran order and big-endian '>f4'", () => {
    const header = "{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }\n";
    const data = new Uint8Array(24);
    const view = new DataView(data.buffer);
    [1, 4, 2, 5, 3, 6].forEach((v, i) => view.setFloat32(4 * i, v, false)); // column-major
    const file = new Uint8Array([
      0x93,
      ...new TextEncoder().encode('NUMPY'),
      1,
      0,
      header.length,
      0,
      ...new TextEncoder().encode(header),
      ...data,
    ]);
    expect(decodeNpy(file).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('round-trips float64, float32 and float16, rank 0 to 4', () => {
    for (const shape of [[], [5], [2, 3], [2, 1, 3, 3]]) {
      const t = randn(shape, 7);
      expect(decodeNpy(encodeNpy(t)).data).toEqual(t.data);
      expect(decodeNpy(encodeNpy(t)).shape).toEqual(shape);
      expect(Array.from(decodeNpy(encodeNpy(t, { dtype: 'float32' })).data)).toEqual(Array.from(t.data, Math.fround));
    }
  });

  it('throws on bad files, naming the function and the file', () => {
    const valid = encodeNpy(randn([2, 2], 1));
    expect(() => decodeNpy(new Uint8Array([1, 2, 3]), '"w.npy"')).toThrow(
      /^readNpy: "w.npy" is not a valid .npy file: it must start with the magic string/,
    );
    expect(() => decodeNpy(valid.slice(0, valid.length - 1))).toThrow(/needs 32 data bytes, got 31/);
    const other = encodeNpy(randn([2, 2], 1));
    other.set(new TextEncoder().encode("'<i8'"), 10 + "{'descr': ".length);
    expect(() => decodeNpy(other)).toThrow(/descr must be a float16\/32\/64 type such as '<f4', got '<i8'/);
  });

  it('any mutation of a valid file gives a clear error or a whole result (fast-check)', () => {
    const valid = encodeNpy(randn([2, 3, 3], 2), { dtype: 'float32' });
    fc.assert(
      fc.property(mutation(valid.length), (mutate) => {
        try {
          const t = decodeNpy(mutate(valid));
          expect(t.size).toBe(t.shape.reduce((a, b) => a * b, 1));
        } catch (e) {
          expect((e as Error).message).toMatch(/^readNpy: bytes is not a valid \.npy file: \S/);
        }
      }),
      { numRuns: 500, seed: 15 },
    );
  });
});
