import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, LIMITS, PACK_MIN_LENGTH, packPayload, unpackPayload, validatePayload } from '../../../kernel-lib/src/contract';
import { examples } from './examples';

/** Node's own encoders, independent of the contract's (fflate): little-endian float64 bytes, in base64 and raw-deflated. */
const nodeBytes = (values: number[]) => Buffer.from(new Float64Array(values).buffer);
const nodeBase64 = (values: number[]) => nodeBytes(values).toString('base64');
const nodeDeflated = (values: number[]) => ({ f64deflate: deflateRawSync(nodeBytes(values)).toString('base64'), count: values.length });

describe('packPayload / unpackPayload: the wire form of long number arrays', () => {
  it('packs an array of PACK_MIN_LENGTH or more numbers as its float64 bytes, deflated when that is shorter, as Node decodes them', () => {
    const numbers = fc.oneof(fc.double(), fc.constant(0), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(numbers, { minLength: PACK_MIN_LENGTH, maxLength: 300 }), (data) => {
        const packed = packPayload({ data, shape: [data.length] }) as { data: { f64?: string; f64deflate?: string; count?: number } };
        if (packed.data.f64 !== undefined) {
          expect(packed.data).toEqual({ f64: nodeBase64(data) });
        } else {
          expect(Object.keys(packed.data).sort()).toEqual(['count', 'f64deflate']);
          expect(packed.data.count).toBe(data.length);
          const deflated = Buffer.from(packed.data.f64deflate!, 'base64');
          expect(inflateRawSync(deflated).equals(nodeBytes(data))).toBe(true);
          expect(deflated.length).toBeLessThan(8 * data.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('deflates what is mostly zeros (a ReLU map, a digit) to a small part of the plain form, and leaves incompressible noise plain when deflate is no shorter', () => {
    const relu = Array.from({ length: 24 * 24 * 20 }, (_, i) => Math.max(0, Math.sin(i * 0.37) - 0.4));
    const packed = packPayload({ data: relu }) as { data: { f64deflate: string; count: number } };
    expect(packed.data.count).toBe(relu.length);
    expect(packed.data.f64deflate.length).toBeLessThan(nodeBase64(relu).length / 2);
    // 16 doubles with random mantissas: deflate only adds its framing.
    const noise = [
      0.8736, -2.1e-7, 3.3e10, -0.4449, 1.2e-300, 7.77, -6.5e3, 0.0123, 9.9e99, -1.75, 2.5e-5, 4.4e44, -8.1, 0.301, 6.02e23, -5.5e-55,
    ].map((v, i) => v * (1 + i * 1.37e-9) + Math.PI * 1e-12);
    expect(packPayload({ data: noise })).toEqual({ data: { f64: nodeBase64(noise) } });
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

  it('a malformed deflated array is left as it is and refused; one that claims too many numbers is refused before anything is inflated', () => {
    const data = Array.from({ length: 6 }, (_, i) => i % 2);
    const good = nodeDeflated(data);
    const cases: unknown[] = [
      { ...good, count: 5 }, // the stream holds one number more than it says
      { ...good, count: 7 }, // one fewer
      { ...good, count: 2.5 },
      { ...good, count: -1 },
      { f64deflate: good.f64deflate }, // no count
      { ...good, f64deflate: good.f64deflate.slice(0, 8) }, // cut short
      { f64deflate: Buffer.from('not deflate data').toString('base64'), count: 6 },
      { ...good, extra: 1 },
    ];
    for (const packed of cases) {
      expect(unpackPayload({ data: packed })).toEqual({ data: packed });
      const check = validatePayload({ version: 1, kind: 'matrix', title: 'm', shape: [2, 3], data: packed });
      expect(check.ok).toBe(false);
      expect(check.ok ? '' : check.message).toMatch(/^matrix: data/);
    }
    const check = validatePayload({ version: 1, kind: 'matrix', title: 'm', shape: [2, 3], data: good });
    expect(check.ok && check.payload).toMatchObject({ data });
    // 64 MB of zeros deflate to 64 KB: claimed as 6 numbers, it is cut at 49 bytes and refused.
    const bomb = { f64deflate: deflateRawSync(Buffer.alloc(64 << 20)).toString('base64'), count: 6 };
    expect(validatePayload({ version: 1, kind: 'matrix', title: 'm', shape: [2, 3], data: bomb }).ok).toBe(false);
    // Two arrays of LIMITS.values numbers each: more than a payload may hold, refused by name.
    const half = { f64deflate: good.f64deflate, count: LIMITS.values };
    const over = validatePayload({
      version: 1,
      kind: 'compare',
      title: 'c',
      shape: [1024, 1024],
      items: [
        { label: 'a', data: half },
        { label: 'b', data: half },
      ],
    });
    expect(over).toEqual({
      ok: false,
      message: `payload: packed arrays hold more than ${LIMITS.values} numbers (one claims ${LIMITS.values})`,
    });
  });
});
