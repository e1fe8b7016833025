// Hostile inspect and replay payloads: each refused with a message naming the field and the rule, never a throw.
import { describe, expect, it } from 'vitest';
import { LIMITS, validatePayload } from '../../../kernel-lib/src/contract';
import { inspectExample, replayExample } from './inspectExamples';

const message = (v: unknown) => validatePayload(v).message;
const layer = (patch: Record<string, unknown>, i = 0) => ({
  ...inspectExample,
  layers: inspectExample.layers.map((l, j) => (j === i ? { ...l, ...patch } : l)),
});
const step = (patch: Record<string, unknown>) => ({
  ...replayExample,
  steps: [{ ...replayExample.steps[0], ...patch }, ...replayExample.steps.slice(1)],
});

describe('inspect payloads', () => {
  it('accepts the example, and markup in its strings as plain text', () => {
    expect(validatePayload(inspectExample).ok).toBe(true);
    expect(validatePayload(layer({ name: '<img src=x onerror=alert(1)>' })).ok).toBe(true);
  });

  it.each([
    ['inspect: layers must be an array of 1 to 64 layers', { ...inspectExample, layers: 'x' }],
    ['inspect: layers must be an array of 1 to 64 layers', { ...inspectExample, layers: [] }],
    ['inspect: layers must be an array of 1 to 64 layers', { ...inspectExample, layers: Array(65).fill(inspectExample.layers[1]) }],
    ['inspect: layers[0].name must be a string', layer({ name: 3 })],
    ["inspect: layers[0].field must be 'all' or an array of at most 4 window steps", layer({ field: 'everything' })],
    [
      'inspect: layers[0].field[0].size[0] must be an integer from 1 to 64',
      layer({ field: [{ size: [0, 2], stride: [1, 1], padding: [0, 0], dilation: [1, 1], mixes: true }] }),
    ],
    [
      'inspect: layers[0].field[0].mixes must be true or false',
      layer({ field: [{ size: [2, 2], stride: [1, 1], padding: [0, 0], dilation: [1, 1], mixes: 'yes' }] }),
    ],
    ['inspect: layers[0].activation.shape must be 1x4x4 (a cell-to-cell layer keeps its input shape), got 2x3x3', layer({ field: [] })],
    [
      'inspect: layers[0].delta.shape must be 2x3x3 (the shape of the activation), got 2x3x2',
      layer({ delta: { shape: [2, 3, 2], data: Array(12).fill(0) } }),
    ],
    ['inspect: layers[0].activation.data has 1 values but the shape needs 18', layer({ activation: { shape: [2, 3, 3], data: [NaN] } })],
    ['inspect: layers[0].biasGrad[1] must be a finite number', layer({ biasGrad: [1, Infinity] })],
    [
      'inspect: layers[0].check.rows must be an array of at most 8 rows',
      layer({ check: { ok: true, rows: Array(9).fill({ label: 'x', error: 0, residual: [] }) } }),
    ],
    [
      'inspect: layers[0].check.rows[0].error must not be negative',
      layer({ check: { ok: true, rows: [{ label: 'x', error: -1, residual: [] }] } }),
    ],
    [
      'inspect: layers[0].check.rows[0].residual has more than 4096 values',
      layer({ check: { ok: true, rows: [{ label: 'x', error: 0, residual: Array(4097).fill(0) }] } }),
    ],
    ['inspect: focus[0] must be an integer from 0 to 3', { ...inspectExample, focus: [4, 0, 0, 0] }],
    ['inspect: focus[2] must be an integer from 0 to 2', { ...inspectExample, focus: [1, 1, 3, 0] }],
    ['inspect: eps must be positive', { ...inspectExample, eps: 0 }],
    ['inspect: input.shape has a side of 2000, over the limit of 1024', { ...inspectExample, input: { shape: [1, 2000, 2], data: [] } }],
  ])('refuses: %s', (expected, payload) => {
    expect(message(payload)).toBe(expected);
  });

  it('refuses a payload holding more numbers than the contract allows, before reading them', () => {
    const big = { shape: [1, 1024, 1024], data: new Array(1024 * 1024).fill(0) };
    expect(message({ ...inspectExample, input: big, layers: [{ ...inspectExample.layers[2], activation: big, delta: big }] })).toBe(
      `inspect: the payload holds more than ${LIMITS.values} numbers`,
    );
  });
});

describe('replay payloads', () => {
  it.each([
    ['replay: panels must be an array of 1 to 16 panels', { ...replayExample, panels: [] }],
    [
      'replay: panels[0].kind must be one of "kernels", "activation", "delta"',
      { ...replayExample, panels: [{ ...replayExample.panels[0], kind: 'script' }, ...replayExample.panels.slice(1)] },
    ],
    ['replay: steps must be an array of 1 to 1024 steps', { ...replayExample, steps: [] }],
    ['replay: steps[0].values must hold one array per panel (3)', step({ values: [[1]] })],
    ['replay: steps[0].values[0] has 1 values but the shape needs 8', step({ values: [[1], [], []] })],
    ['replay: steps[0].probeLoss must be a finite number', step({ probeLoss: 'low' })],
    [`replay: steps[0].step must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`, step({ step: -1 })],
    ['replay: position must be an integer from 0 to 2', { ...replayExample, position: 3 }],
    ['replay: label must be an integer from 0 to 1024', { ...replayExample, label: 1.5 }],
  ])('refuses: %s', (expected, payload) => {
    expect(message(payload)).toBe(expected);
  });
});
