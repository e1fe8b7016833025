import { LIMITS, type Reader, fail, isRecord } from './checks';
import { DRAWING_CLASSES, DRAWING_LIMITS, type DrawingLayer, type LayerStep, drawingSteps } from './drawing';
import { decodeFloat32 } from '../portable/encoding';
import { ACTIVATION_NAMES, ELEMENTWISE_ACTIVATIONS } from '../portable/activation';
import { base64Bytes, decodeDigit } from './drawingCodec';

type Fields = Record<string, unknown>;

const CONV_ACTIVATIONS = ELEMENTWISE_ACTIVATIONS;
const ACTIVATIONS = ACTIVATION_NAMES;
const MODES = ['max', 'avg'] as const;

/** `length` integers from `min` to `max`. */
function ints(read: Reader, value: unknown, name: string, length: number, min: number, max: number): number[] {
  if (!Array.isArray(value) || value.length !== length) fail(`${name} must be an array of ${length} integers`);
  return (value as unknown[]).map((v, i) => read.int(v, `${name}[${i}]`, min, max) as number);
}

function layer(read: Reader, value: unknown, i: number): void {
  const at = `layers[${i}]`;
  if (!isRecord(value)) fail(`${at} must be an object`);
  const l = value as Fields;
  const kind = read.oneOf(l.kind, `${at}.kind`, ['conv', 'pool', 'flatten', 'dense']);
  read.text(l.name, `${at}.name`);
  const { width, kernel } = DRAWING_LIMITS;
  if (kind === 'conv') {
    read.int(l.inChannels, `${at}.inChannels`, 1, width);
    read.int(l.outChannels, `${at}.outChannels`, 1, width);
    const k = ints(read, l.kernel, `${at}.kernel`, 2, 1, kernel);
    ints(read, l.stride, `${at}.stride`, 2, 1, kernel);
    ints(read, l.padding, `${at}.padding`, 4, 0, kernel);
    const d = ints(read, l.dilation, `${at}.dilation`, 2, 1, kernel);
    if (d[0] * (k[0] - 1) + 1 > 64 || d[1] * (k[1] - 1) + 1 > 64) fail(`${at}: a dilated kernel spans more than 64 pixels`);
    read.oneOf(l.activation, `${at}.activation`, CONV_ACTIVATIONS);
    if (l.pool !== undefined) {
      if (!isRecord(l.pool)) fail(`${at}.pool must be an object`);
      const pool = l.pool as Fields;
      read.oneOf(pool.mode, `${at}.pool.mode`, MODES);
      ints(read, pool.size, `${at}.pool.size`, 2, 1, kernel);
      read.oneOf(pool.order, `${at}.pool.order`, ['standard', 'nielsen']);
    }
  } else if (kind === 'pool') {
    read.oneOf(l.mode, `${at}.mode`, MODES);
    const size = ints(read, l.size, `${at}.size`, 2, 1, kernel);
    ints(read, l.stride, `${at}.stride`, 2, 1, kernel);
    const pad = ints(read, l.padding, `${at}.padding`, 2, 0, kernel);
    if (pad[0] > size[0] / 2 || pad[1] > size[1] / 2) fail(`${at}.padding must be at most half the window`);
  } else if (kind === 'dense') {
    read.int(l.inputs, `${at}.inputs`, 1, LIMITS.values);
    read.int(l.outputs, `${at}.outputs`, 1, width);
    read.oneOf(l.activation, `${at}.activation`, ACTIVATIONS);
  }
}

/**
 * The drawing payload's rules: at most 16 layers of the four kinds with bounded sizes, shapes that
 * chain from [1, 28, 28] to 10 outputs, bounded weights, maps and multiply-adds, a weight blob of
 * exactly 4 bytes per weight of finite float32, and a valid drawing encoding if one is given.
 */
export function drawing(p: Fields, read: Reader): void {
  if (!Array.isArray(p.layers) || p.layers.length < 1 || p.layers.length > DRAWING_LIMITS.layers) {
    fail(`layers must be an array of 1 to ${DRAWING_LIMITS.layers} layers`);
  }
  (p.layers as unknown[]).forEach((l, i) => layer(read, l, i));
  const steps = drawingSteps(p.layers as DrawingLayer[]);
  if (typeof steps === 'string') fail(steps);
  const last = steps[steps.length - 1].shape;
  if (last.length !== 1 || last[0] !== DRAWING_CLASSES)
    fail(`the last layer must give ${DRAWING_CLASSES} outputs, got shape ${last.join('x')}`);
  const total = (f: (s: LayerStep) => number): number => (steps as LayerStep[]).reduce((sum, s) => sum + f(s), 0);
  const weights = total((s) => s.weights);
  if (weights > DRAWING_LIMITS.weights) fail(`the model has ${weights} weights, more than ${DRAWING_LIMITS.weights}`);
  const maps = total((s) => s.shape.reduce((a, b) => a * b, 1) + (s.convShape ?? []).reduce((a, b) => a * b, 0));
  if (maps > DRAWING_LIMITS.activations) fail(`the feature maps hold ${maps} values, more than ${DRAWING_LIMITS.activations}`);
  const operations = total((s) => s.operations);
  if (operations > DRAWING_LIMITS.operations)
    fail(`a forward pass takes ${operations} multiply-adds, more than ${DRAWING_LIMITS.operations}`);
  if (typeof p.weights !== 'string') fail('weights must be a base64 string');
  const blob = p.weights as string;
  if (base64Bytes(blob) !== 4 * weights) fail(`weights must hold ${weights} float32 values (${4 * weights} bytes) in base64`);
  let values: Float32Array;
  try {
    values = decodeFloat32(blob, weights);
  } catch {
    return fail('weights must be base64 of little-endian float32');
  }
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) fail(`weights[${i}] must be a finite number`);
  if (p.pixels !== undefined) {
    const digit = decodeDigit(p.pixels);
    if (digit.message !== undefined) fail(`pixels: ${digit.message}`);
  }
}
