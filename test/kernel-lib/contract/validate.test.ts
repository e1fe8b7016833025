import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, LIMITS, validatePayload } from '../../../kernel-lib/src/contract';
import { examples } from './examples';

const message = (value: unknown) => {
  const result = validatePayload(value);
  return result.ok ? 'ok' : result.message;
};
const withField = (kind: keyof typeof examples, patch: Record<string, unknown>) => ({ ...examples[kind], ...patch });

describe('validatePayload', () => {
  it.each(KINDS)('accepts the example %s payload, and its JSON round trip', (kind) => {
    expect(validatePayload(examples[kind])).toEqual({ ok: true, payload: examples[kind] });
    expect(validatePayload(JSON.parse(JSON.stringify(examples[kind]))).ok).toBe(true);
  });

  it('names the broken rule of the envelope', () => {
    expect(message(null)).toBe('payload must be a JSON object');
    expect(message([1])).toBe('payload must be a JSON object');
    expect(message({ ...examples.matrix, version: 2 })).toBe('payload version must be 1');
    expect(message({ ...examples.matrix, kind: 'toString' })).toBe('kind is not one this renderer knows');
    expect(message({ ...examples.matrix, title: 3 })).toBe('matrix: title must be a string');
    expect(message({ ...examples.matrix, title: 'x'.repeat(LIMITS.text + 1) })).toBe('matrix: title is longer than 1000 characters');
    expect(message({ ...examples.matrix, notice: {} })).toBe('matrix: notice must be a string');
  });

  it('refuses wrong lengths, non-finite numbers, missing fields and oversized shapes', () => {
    expect(message(withField('matrix', { data: [1] }))).toBe('matrix: data has 1 values but the shape needs 6');
    expect(message(withField('matrix', { data: [1, 2, NaN, 4, 5, 6] }))).toBe('matrix: data[2] must be a finite number');
    expect(message(withField('matrix', { data: [1, 2, 3, Infinity, 5, 6] }))).toBe('matrix: data[3] must be a finite number');
    expect(message(withField('matrix', { data: [1, 2, '3', 4, 5, 6] }))).toBe('matrix: data[2] must be a finite number');
    expect(message(withField('matrix', { shape: undefined }))).toBe('matrix: shape must be an array of 2 dimensions');
    expect(message(withField('matrix', { shape: [4096, 4096], data: [] }))).toBe(
      'matrix: shape has a side of 4096, over the limit of 1024',
    );
    expect(message(withField('matrix', { shape: [0, 2] }))).toBe('matrix: shape must hold positive integers');
    expect(message(withField('matrix', { scale: 'rainbow' }))).toBe('matrix: scale must be one of "sequential", "diverging"');
  });

  it('checks that derived shapes agree: conv output, full-mode δ, pooled output', () => {
    expect(message(withField('conv', { output: { shape: [4, 4], data: new Array(16).fill(0) } }))).toBe(
      'conv: output must be 3x3 (input − kernel + 1), got 4x4',
    );
    expect(message(withField('conv', { kernel: { shape: [5, 5], data: new Array(25).fill(0) } }))).toBe(
      'conv: output would be empty: input − kernel + 1',
    );
    expect(message(withField('conv-backward', { output: examples.conv.kind === 'conv' ? examples.conv.input : null }))).toBe(
      'conv-backward: output must be 3x3 (delta + kernel − 1), got 4x4',
    );
    expect(message(withField('pool', { argmax: [2, 7, 13, 15] }))).toBe('pool: argmax[0] must index a cell of window 0');
    expect(message(withField('pool', { argmax: undefined }))).toBe('pool: argmax must be an array of numbers');
    expect(message(withField('pool-backward', { argmax: [0, 2, 8, 10] }))).toBe("pool-backward: argmax belongs to mode 'max' only");
    expect(message(withField('pool', { size: [2, 2.5] }))).toBe('pool: size[1] must be an integer from 1 to 64');
  });

  it('checks the options of the views: focus inside the positions, labels one per channel, numbering, pool values', () => {
    expect(message(withField('conv', { focus: [2, 1] }))).toBe('ok');
    expect(message(withField('conv', { focus: [3, 0] }))).toBe('conv: focus[0] must be an integer from 0 to 2');
    expect(message(withField('conv', { focus: 'middle' }))).toBe('conv: focus must be [row, col]');
    expect(message(withField('conv-backward', { focus: [0, 3] }))).toBe('conv-backward: focus[1] must be an integer from 0 to 2');
    expect(message(withField('pool', { focus: [1, 1] }))).toBe('ok');
    expect(message(withField('pool', { focus: [2, 0] }))).toBe('pool: focus[0] must be an integer from 0 to 1'); // 2x2 windows
    expect(message(withField('pool-backward', { focus: [0, -1] }))).toBe('pool-backward: focus[1] must be an integer from 0 to 1');
    expect(message(withField('grid', { labels: ['a', 'b', 'c'] }))).toBe('ok');
    expect(message(withField('grid', { labels: ['a', 'b'] }))).toBe('grid: labels must be an array of 3 strings, one per channel');
    expect(message(withField('grid', { labels: ['a', 2, 'c'] }))).toBe('grid: labels[1] must be a string');
    expect(message(withField('grid', { labels: ['a', 'b', 'x'.repeat(LIMITS.label + 1)] }))).toBe(
      'grid: labels[2] is longer than 100 characters',
    );
    expect(message(withField('conv', { indexBase: 0 }))).toBe('ok');
    expect(message(withField('live', { indexBase: 2 }))).toBe('live: indexBase must be one of 0, 1');
    expect(message(withField('pool', { values: 'show' }))).toBe('ok');
    expect(message(withField('pool-backward', { values: 'all' }))).toBe('pool-backward: values must be one of "auto", "show", "hide"');
  });

  it('checks compare items and live series', () => {
    expect(message(withField('compare', { items: [{ label: 'a', data: [1, 2] }] }))).toBe(
      'compare: items must be an array of 2 or 3 matrices',
    );
    expect(
      message(
        withField('compare', {
          items: [
            { label: 'a', data: [1, 2] },
            { label: 1, data: [1, 2] },
          ],
        }),
      ),
    ).toBe('compare: items[1].label must be a string');
    expect(message(withField('live', { step: 11 }))).toBe('live: step must be an integer from 0 to 10');
    expect(message(withField('live', { series: [{ name: 'l', panel: 'loss', values: [1, null] }] }))).toBe(
      'live: series[0].values[1] must be a finite number',
    );
    expect(message(withField('live', { kernels: { shape: [1, 100, 100], data: [] } }))).toBe(
      'live: kernels.shape has a side of 100, over the limit of 64',
    );
  });

  it('checks the optional fields of the live and compare views: status, role, accuracyRange, tolerance', () => {
    const series = (role: unknown) => [{ name: 'l', panel: 'loss', values: [1], role }];
    expect(message(withField('live', { status: 'epoch 3/10 · loss 0.08', series: series('validation'), accuracyRange: [0.9, 1] }))).toBe(
      'ok',
    );
    expect(message(withField('live', { status: 3 }))).toBe('live: status must be a string');
    expect(message(withField('live', { status: 'x'.repeat(LIMITS.text + 1) }))).toBe('live: status is longer than 1000 characters');
    expect(message(withField('live', { series: series('test') }))).toBe('live: series[0].role must be one of "training", "validation"');
    expect(message(withField('live', { accuracyRange: [1, 0.9] }))).toBe('live: accuracyRange must be [min, max] with min < max');
    expect(message(withField('live', { accuracyRange: [0, Infinity] }))).toBe('live: accuracyRange[1] must be a finite number');
    expect(message(withField('live', { accuracyRange: [0] }))).toBe('live: accuracyRange has 1 values but the shape needs 2');
    expect(message(withField('compare', { tolerance: 1e-9 }))).toBe('ok');
    expect(message(withField('compare', { tolerance: -1 }))).toBe('compare: tolerance must not be negative');
    expect(message(withField('compare', { tolerance: NaN }))).toBe('compare: tolerance must be a finite number');
  });

  it('never echoes hostile content in its messages', () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    for (const value of [
      { ...examples.matrix, kind: hostile },
      { ...examples.matrix, scale: hostile },
      { ...examples.matrix, shape: [2, hostile] },
      withField('compare', {
        items: [
          { label: hostile, data: [1] },
          { label: 'b', data: [1, 2] },
        ],
      }),
      withField('grid', { labels: [hostile, 'b'] }),
      withField('grid', { labels: [hostile.repeat(30), 'b', 'c'] }),
    ]) {
      expect(message(value)).not.toContain('<');
    }
  });

  it('counts every number of a payload against the limit', () => {
    const side = 1024;
    const big = { shape: [side, side], data: new Array(side * side).fill(0) };
    expect(message(withField('pool-backward', { mode: 'avg', input: big, delta: { shape: [512, 512], data: [] }, output: big }))).toMatch(
      /^pool-backward: delta.data has 0 values|more than 1048576 numbers/,
    );
    expect(
      message({
        ...examples.compare,
        shape: [side, side],
        items: [
          { label: 'a', data: big.data },
          { label: 'b', data: big.data },
        ],
      }),
    ).toBe('compare: the payload holds more than 1048576 numbers');
  });
});

describe('validatePayload, fuzzed', () => {
  const never = (value: unknown) => {
    const result = validatePayload(value);
    return result.ok ? result.payload === value : typeof result.message === 'string' && result.message.length > 0;
  };

  it('never throws on arbitrary values: it returns the payload or a message (2,000 cases)', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }), never), {
      numRuns: 2000,
    });
  });

  it('never throws on valid payloads with one field replaced by anything (3,000 cases)', () => {
    const mutated = fc.tuple(fc.constantFrom(...KINDS), fc.string(), fc.anything(), fc.nat()).map(([kind, key, value, pick]) => {
      const payload = structuredClone(examples[kind]) as unknown as Record<string, unknown>;
      const keys = Object.keys(payload);
      const target = pick % 3 === 0 ? key : keys[pick % keys.length];
      const nested = payload[target];
      // Some replacements cannot be made (an array's length set to a string, an immutable
      // prototype): those cases test the payload unchanged.
      try {
        if (pick % 5 === 1 && nested && typeof nested === 'object') (nested as Record<string, unknown>)[key] = value;
        else payload[target] = value;
      } catch {
        return structuredClone(examples[kind]) as unknown as Record<string, unknown>;
      }
      return payload;
    });
    fc.assert(fc.property(mutated, never), { numRuns: 3000 });
  });

  it('accepts every well-formed matrix and refuses it once one value is not finite (1,000 cases)', () => {
    const matrix = fc.integer({ min: 1, max: 12 }).chain((rows) =>
      fc.integer({ min: 1, max: 12 }).chain((cols) =>
        fc
          .record({
            data: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: rows * cols, maxLength: rows * cols }),
            bad: fc.constantFrom(NaN, Infinity, -Infinity, null, '1'),
            at: fc.nat(rows * cols - 1),
            title: fc.string(),
          })
          .map((r) => ({ ...r, shape: [rows, cols] })),
      ),
    );
    fc.assert(
      fc.property(matrix, ({ data, bad, at, title, shape }) => {
        const payload = { version: 1, kind: 'matrix', title, shape, data };
        const broken = { ...payload, data: data.map((v, i) => (i === at ? bad : v)) };
        return validatePayload(payload).ok && !validatePayload(broken).ok;
      }),
      { numRuns: 1000 },
    );
  });
});
