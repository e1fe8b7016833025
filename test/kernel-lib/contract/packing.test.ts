import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, PACK_MIN_LENGTH, packPayload, unpackPayload, validatePayload } from '../../../kernel-lib/src/contract';
import { examples } from './examples';

/** Node's own encoder, independent of the contract's: little-endian float64 bytes in base64. */
const nodeBase64 = (values: number[]) => Buffer.from(new Float64Array(values).buffer).toString('base64');

describe('packPayload / unpackPayload: the wire form of long number arrays', () => {
  it('packs an array of PACK_MIN_LENGTH or more numbers as the base64 of its float64 bytes, as Node encodes them', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: PACK_MIN_LENGTH, maxLength: 300 }), (data) => {
        const packed = packPayload({ data, shape: [data.length] }) as { data: { f64: string }; shape: number[] };
        expect(packed.data).toEqual({ f64: nodeBase64(data) });
        expect(packed.shape).toEqual([data.length]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives back every float64 bit for bit: NaN, ±Infinity, -0 and subnormals included', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: PACK_MIN_LENGTH, maxLength: 200 }), fc.integer({ min: 0, max: 3 }), (data, depth) => {
        let value: unknown = { data };
        for (let i = 0; i < depth; i++) value = { layer: [value, { other: data.slice(0, 3) }] };
        const back = unpackPayload(JSON.parse(JSON.stringify(packPayload(value)))) as unknown;
        let inner = back as Record<string, unknown>;
        for (let i = 0; i < depth; i++) inner = (inner.layer as Record<string, unknown>[])[0];
        const got = inner.data as number[];
        expect(got).toHaveLength(data.length);
        data.forEach((v, i) => expect(Object.is(got[i], v)).toBe(true));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves short arrays, arrays that are not all numbers, strings and the payload itself as they are', () => {
    const short = Array.from({ length: PACK_MIN_LENGTH - 1 }, (_, i) => i);
    const mixed = [...short, 'x', 1];
    const payload = { shape: [3, 5], short, mixed, title: 'f64' };
    const packed = packPayload(payload);
    expect(packed).toEqual(payload);
    expect(packed).toBe(payload);
    expect(unpackPayload(payload)).toBe(payload);
  });

  it('a packed payload of every kind validates to the same payload as the unpacked one, and is at most half its size in the notebook', () => {
    for (const kind of KINDS) {
      const payload = examples[kind];
      const wire = JSON.parse(JSON.stringify(packPayload(payload)));
      const check = validatePayload(wire);
      expect(check.ok, `${kind}: ${check.ok ? '' : check.message}`).toBe(true);
      expect(check.ok && check.payload).toEqual(payload);
    }
    // nbformat writes a payload as JSON indented by one space a level: one number a line.
    const big = { ...examples.matrix, shape: [28, 28], data: Array.from({ length: 784 }, (_, i) => Math.sin(i) / 3) };
    const stored = (v: unknown) => JSON.stringify(v, null, 1).length;
    expect(stored(packPayload(big))).toBeLessThan(stored(big) / 2);
  });

  it('a malformed packed array is left as it is, and the validator then refuses the payload with a message (never throws)', () => {
    const data = Array.from({ length: 6 }, (_, i) => i);
    const good = nodeBase64(data);
    const cases: unknown[] = [
      { f64: good.slice(0, -4) }, // 4.5 numbers: not a multiple of 8 bytes... and bad padding
      { f64: 'not base64!' },
      { f64: good, extra: 1 },
      { f64: 42 },
      { f32: good },
    ];
    for (const packed of cases) {
      expect(unpackPayload({ data: packed })).toEqual({ data: packed });
      const check = validatePayload({ version: 1, kind: 'matrix', title: 'm', shape: [2, 3], data: packed });
      expect(check.ok).toBe(false);
      expect(check.ok ? '' : check.message).toMatch(/^matrix: data/);
    }
    const check = validatePayload({ version: 1, kind: 'matrix', title: 'm', shape: [2, 3], data: { f64: good } });
    expect(check.ok && check.payload).toMatchObject({ data });
  });
});
