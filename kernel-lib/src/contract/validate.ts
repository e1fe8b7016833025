import { LIMITS, Problem, Reader, expectShape, fail, isRecord } from './checks';
import { drawing } from './drawingValidate';
import { fullShape, pooledLength, pooledShape, spacedLength, validShape } from './shapes';
import { PAYLOAD_VERSION } from './mime';
import { PackingError, unpackPayload } from './packing';
import { inspect, replay } from './inspectValidate';
import { fields } from './fieldsValidate';
import { explore } from './exploreValidate';
import { ACTIVATION_NAMES } from './payload';
import type { Payload, Plane } from './payload';

/**
 * The outcome of validatePayload. Both branches name both fields, so that `check.message` reads
 * without narrowing (tslab does not narrow a notebook's top-level constants).
 */
export type Validation = { ok: true; payload: Payload; message?: undefined } | { ok: false; payload?: undefined; message: string };

/** Largest side of a matrix the extension accepts; the library downsamples larger tensors first. */
export const MAX_SIDE = LIMITS.side;

type Fields = Record<string, unknown>;

const SCALES = ['sequential', 'diverging'] as const;
const VALUES = ['auto', 'show', 'hide'] as const;
const ACTIVATIONS = ACTIVATION_NAMES;
const MODES = ['max', 'avg'] as const;

function matrix(p: Fields, read: Reader): void {
  read.plane(p, '');
  read.oneOf(p.scale, 'scale', SCALES, true);
  read.oneOf(p.values, 'values', VALUES, true);
}

function kernel(p: Fields, read: Reader): void {
  read.plane(p, '');
  read.text(p.symbol, 'symbol');
  read.finite(p.bias, 'bias', true);
  read.oneOf(p.values, 'values', VALUES, true);
}

function signed(p: Fields, read: Reader): void {
  read.plane(p, '');
  read.text(p.symbol, 'symbol');
  read.oneOf(p.values, 'values', VALUES, true);
}

function grid(p: Fields, read: Reader): void {
  const { shape } = read.tensor(p, '', 4);
  if (shape[0] * shape[1] > LIMITS.maps) fail(`grid has ${shape[0] * shape[1]} maps, more than ${LIMITS.maps}`);
  read.oneOf(p.scale, 'scale', ['shared', 'per-map']);
  read.oneOf(p.colours, 'colours', SCALES, true);
  read.int(p.columns, 'columns', 1, LIMITS.maps, true);
  read.labels(p.labels, 'labels', shape[1], true);
}

function conv(p: Fields, read: Reader): void {
  const depth = read.int(p.channels, 'channels', 2, LIMITS.channels, true) ?? 1;
  const input = read.planes(p.input, 'input', depth);
  const k = read.planes(p.kernel, 'kernel', depth, LIMITS.window);
  if (depth > 1 && p.symbols === true) fail('symbols name the cells of one channel: leave symbols out with channels');
  read.finite(p.bias, 'bias');
  read.oneOf(p.activation, 'activation', ACTIVATIONS);
  const spaced = p.stride !== undefined || p.dilation !== undefined || p.padding !== undefined;
  const out = spaced ? spacedConv(p, input.shape, k.shape, read) : validShape(input.shape, k.shape);
  expectShape(
    read.plane(p.output, 'output'),
    'output',
    out,
    spaced ? '⌊(input + padding − dilation·(kernel − 1) − 1)/stride⌋ + 1' : 'input − kernel + 1',
  );
  read.position(p.focus, 'focus', out, true);
  if (p.symbols !== undefined && typeof p.symbols !== 'boolean') fail('symbols must be true or false');
}

/** A conv view's stride, dilation (each [rows, cols], 1 to LIMITS.window) and padding ([[top, bottom], [left, right]]): its output shape. */
function spacedConv(p: Fields, input: readonly number[], kernel: readonly number[], read: Reader): [number, number] {
  const pair = (value: unknown, name: string): [number, number] => {
    if (value === undefined) return [1, 1];
    if (!Array.isArray(value) || value.length !== 2) return fail(`${name} must be [rows, cols]`);
    return [read.int(value[0], `${name}[0]`, 1, LIMITS.window) ?? 1, read.int(value[1], `${name}[1]`, 1, LIMITS.window) ?? 1];
  };
  const stride = pair(p.stride, 'stride');
  const dilation = pair(p.dilation, 'dilation');
  const sides = p.padding ?? [
    [0, 0],
    [0, 0],
  ];
  if (!Array.isArray(sides) || sides.length !== 2 || !sides.every((a) => Array.isArray(a) && a.length === 2)) {
    return fail('padding must be [[top, bottom], [left, right]]');
  }
  const pad = (sides as unknown[][]).map((a, i) => a.map((v, j) => read.int(v, `padding[${i}][${j}]`, 0, LIMITS.window) ?? 0));
  const out: [number, number] = [0, 1].map((a) => spacedLength(input[a], kernel[a], stride[a], pad[a][0], pad[a][1], dilation[a])) as [
    number,
    number,
  ];
  if (out[0] < 1 || out[1] < 1) fail('the dilated kernel must fit in the padded input');
  return out;
}

function convBackward(p: Fields, read: Reader): void {
  const depth = read.int(p.channels, 'channels', 2, LIMITS.channels, true) ?? 1;
  const delta = read.planes(p.delta, 'delta', depth);
  const k = read.planes(p.kernel, 'kernel', depth, LIMITS.window);
  if (p.stride !== undefined || p.dilation !== undefined || p.padding !== undefined || depth > 1) {
    const output = read.plane(p.output, 'output');
    const rule = '⌊(output + padding − dilation·(kernel − 1) − 1)/stride⌋ + 1';
    expectShape(delta, 'delta', spacedConv(p, output.shape, k.shape, read), rule);
    read.position(p.focus, 'focus', output.shape, true);
    return;
  }
  const out = fullShape(delta.shape, k.shape);
  expectShape(read.plane(p.output, 'output'), 'output', out, 'delta + kernel − 1');
  read.position(p.focus, 'focus', out, true);
}

/** argmax: one flat input index per output cell, inside that cell's window. */
function argmax(value: unknown, input: Plane, size: number[], out: readonly number[], read: Reader): void {
  const indices = read.numbers(value, 'argmax', out[0] * out[1]);
  indices.forEach((index, o) => {
    const [r, c] = [Math.floor(o / out[1]), o % out[1]];
    const [i, j] = [Math.floor(index / input.shape[1]), index % input.shape[1]];
    const inside = Number.isInteger(index) && i >= r * size[0] && i < (r + 1) * size[0] && j >= c * size[1] && j < (c + 1) * size[1];
    if (!inside) fail(`argmax[${o}] must index a cell of window ${o}`);
  });
}

/** A pool view's stride (default the size), dilation, padding (at most half the window) and ceil mode: its output shape, and argmax checked against its windows. */
/** The windows of a spaced pooling payload, forward or backward: checks its spacing and argmax, returns the pooled shape. */
function spacedPool(p: Fields, input: Plane, size: number[], read: Reader): number[] {
  const geometry = { ...p, stride: p.stride ?? size };
  const out = spacedConv(geometry, input.shape, size, read);
  const pad = (p.padding ?? [
    [0, 0],
    [0, 0],
  ]) as number[][];
  if (pad.some((a, i) => Math.max(...a) > size[i] / 2)) fail('padding must be at most half the window on each side');
  if (p.ceilMode !== undefined && typeof p.ceilMode !== 'boolean') fail('ceilMode must be true or false');
  const stride = geometry.stride as number[];
  const dilation = (p.dilation ?? [1, 1]) as number[];
  if (p.mode === 'avg' && dilation.some((d) => d !== 1)) fail("dilation belongs to mode 'max' only");
  if (p.ceilMode === true) {
    for (const a of [0, 1]) out[a] = pooledLength(input.shape[a], size[a], stride[a], pad[a][0], pad[a][1], dilation[a], true);
  }
  if (p.mode === 'max') {
    const indices = read.numbers(p.argmax, 'argmax', out[0] * out[1]);
    indices.forEach((index, o) => {
      const [r, c] = [Math.floor(o / out[1]), o % out[1]];
      const [i, j] = [Math.floor(index / input.shape[1]), index % input.shape[1]];
      const tap = (v: number, at: number, a: number) => {
        const l = (v - at * stride[a] + pad[a][0]) / dilation[a];
        return Number.isInteger(l) && l >= 0 && l < size[a];
      };
      if (!Number.isInteger(index) || index < 0 || index >= input.data.length || !tap(i, r, 0) || !tap(j, c, 1)) {
        fail(`argmax[${o}] must index a cell of window ${o}`);
      }
    });
  } else if (p.argmax !== undefined) fail("argmax belongs to mode 'max' only");
  return out;
}

const POOLED_LENGTH = 'PyTorch’s pooling length (⌊ or ⌈(input + padding − dilation·(size − 1) − 1)/stride⌉ + 1)';

/** The stamping view of a transposed convolution: its geometry, and an output of PyTorch's size. */
function convTranspose(p: Fields, read: Reader): void {
  const input = read.plane(p.input, 'input');
  const k = read.plane(p.kernel, 'kernel', LIMITS.window);
  const pair = (value: unknown, name: string, min: number, fallback: number): [number, number] => {
    if (value === undefined) return [fallback, fallback];
    if (!Array.isArray(value) || value.length !== 2) return fail(`${name} must be [rows, cols]`);
    return [
      read.int(value[0], `${name}[0]`, min, LIMITS.window) ?? fallback,
      read.int(value[1], `${name}[1]`, min, LIMITS.window) ?? fallback,
    ];
  };
  const stride = pair(p.stride, 'stride', 1, 1);
  const dilation = pair(p.dilation, 'dilation', 1, 1);
  const padding = pair(p.padding, 'padding', 0, 0);
  const extra = pair(p.outputPadding, 'outputPadding', 0, 0);
  for (const a of [0, 1]) {
    if (extra[a] >= Math.max(stride[a], dilation[a])) fail('outputPadding must be smaller than the stride or the dilation');
  }
  const out = [0, 1].map((a) => (input.shape[a] - 1) * stride[a] - 2 * padding[a] + dilation[a] * (k.shape[a] - 1) + extra[a] + 1);
  expectShape(read.plane(p.output, 'output'), 'output', out, '(input − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1');
  read.position(p.focus, 'focus', input.shape, true);
}

function pooling(p: Fields, read: Reader, backward: boolean): void {
  const mode = read.oneOf(p.mode, 'mode', MODES);
  if (!Array.isArray(p.size) || p.size.length !== 2) fail('size must be [rows, cols]');
  const size = (p.size as unknown[]).map((s, i) => read.int(s, `size[${i}]`, 1, LIMITS.window) as number);
  const input = read.plane(p.input, 'input');
  if ([p.stride, p.dilation, p.padding, p.ceilMode].some((v) => v !== undefined)) {
    const out = spacedPool(p, input, size, read);
    if (backward) {
      expectShape(read.plane(p.delta, 'delta'), 'delta', out, POOLED_LENGTH);
      expectShape(read.plane(p.output, 'output'), 'output', input.shape, 'the shape of input');
    } else {
      expectShape(read.plane(p.output, 'output'), 'output', out, POOLED_LENGTH);
    }
    read.position(p.focus, 'focus', backward ? input.shape : out, true);
    read.oneOf(p.values, 'values', VALUES, true);
    return;
  }
  const out = pooledShape(input.shape, size);
  if (backward) {
    expectShape(read.plane(p.delta, 'delta'), 'delta', out, 'input / size, rounded down');
    expectShape(read.plane(p.output, 'output'), 'output', input.shape, 'the shape of input');
  } else {
    expectShape(read.plane(p.output, 'output'), 'output', out, 'input / size, rounded down');
  }
  if (mode === 'max') argmax(p.argmax, input, size, out, read);
  else if (p.argmax !== undefined) fail("argmax belongs to mode 'max' only");
  read.position(p.focus, 'focus', out, true);
  read.oneOf(p.values, 'values', VALUES, true);
}

function compare(p: Fields, read: Reader): void {
  const [h, w] = read.shape(p.shape, 'shape', 2);
  if (!Array.isArray(p.items) || p.items.length < 2 || p.items.length > 3) fail('items must be an array of 2 or 3 matrices');
  (p.items as unknown[]).forEach((item, i) => {
    if (!isRecord(item)) fail(`items[${i}] must be an object with label and data`);
    read.text(item.label, `items[${i}].label`);
    read.numbers(item.data, `items[${i}].data`, h * w);
  });
  const tolerance = read.finite(p.tolerance, 'tolerance', true);
  if (tolerance !== undefined && tolerance < 0) fail('tolerance must not be negative');
}

function live(p: Fields, read: Reader): void {
  const total = read.int(p.total, 'total', 1, Number.MAX_SAFE_INTEGER) as number;
  read.int(p.step, 'step', 0, total);
  read.text(p.xLabel, 'xLabel');
  read.text(p.status, 'status', true);
  if (!Array.isArray(p.series) || p.series.length > LIMITS.series) fail(`series must be an array of at most ${LIMITS.series} curves`);
  (p.series as unknown[]).forEach((s, i) => {
    if (!isRecord(s)) fail(`series[${i}] must be an object with name, panel and values`);
    read.text(s.name, `series[${i}].name`);
    read.oneOf(s.panel, `series[${i}].panel`, ['loss', 'accuracy']);
    read.numbers(s.values, `series[${i}].values`);
    read.oneOf(s.role, `series[${i}].role`, ['training', 'validation'], true);
  });
  if (p.accuracyRange !== undefined) {
    const [lo, hi] = read.numbers(p.accuracyRange, 'accuracyRange', 2);
    if (!(lo < hi)) fail('accuracyRange must be [min, max] with min < max');
  }
  if (p.kernels !== undefined) read.tensor(p.kernels, 'kernels', 3, LIMITS.window);
}

const KIND_CHECKS: Record<Payload['kind'], (p: Fields, read: Reader) => void> = {
  matrix,
  kernel,
  signed,
  grid,
  conv,
  'conv-backward': convBackward,
  'conv-transpose': convTranspose,
  pool: (p, read) => pooling(p, read, false),
  'pool-backward': (p, read) => pooling(p, read, true),
  compare,
  live,
  inspect,
  replay,
  drawing,
  fields,
  explore,
};

/**
 * Checks an untrusted value against the payload contract, after unpacking its packed number
 * arrays (`packPayload`: the form the library sends). Never throws: returns the typed payload
 * (unpacked), or a message that says which field broke which rule (without echoing the field's content).
 *
 * @example
 * validatePayload({ version: 1, kind: 'matrix', title: 'k', shape: [1, 2], data: [1, NaN] });
 * // { ok: false, message: 'matrix: data[1] must be a finite number' }
 */
export function validatePayload(wire: unknown): Validation {
  try {
    const value = unpackPayload(wire);
    if (!isRecord(value)) return { ok: false, message: 'payload must be a JSON object' };
    if (value.version !== PAYLOAD_VERSION) return { ok: false, message: `payload version must be ${PAYLOAD_VERSION}` };
    const kind = value.kind;
    if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(KIND_CHECKS, kind)) {
      return { ok: false, message: 'kind is not one this renderer knows' };
    }
    const read = new Reader();
    try {
      read.text(value.title, 'title');
      read.text(value.notice, 'notice', true);
      read.oneOf(value.indexBase, 'indexBase', [0, 1], true);
      KIND_CHECKS[kind as Payload['kind']](value, read);
    } catch (error) {
      if (error instanceof Problem) return { ok: false, message: `${kind}: ${error.message}` };
      throw error;
    }
    return { ok: true, payload: value as unknown as Payload };
  } catch (error) {
    if (error instanceof PackingError) return { ok: false, message: `payload: ${error.message}` };
    return { ok: false, message: 'payload could not be read' };
  }
}
