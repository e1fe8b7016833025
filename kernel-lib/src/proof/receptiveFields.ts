import { assert, fmtShape } from '../assert';
import type { FieldStep } from '../contract';
import { conv2dGeometry } from '../ops/conv2dGeometry';
import { convTranspose2dGeometry } from '../ops/convTranspose2dGeometry';
import { ConvTranspose2D } from '../nn/ConvTranspose2D';
import { AVG_POOL2D_OPTIONS, MAX_POOL2D_OPTIONS, type AvgPool2dOptions, type Pool2dOptions, pool2dGeometry } from '../ops/pool2dGeometry';
import { Conv2D } from '../nn/Conv2D';
import { ConvPool2D } from '../nn/ConvPool2D';
import { Dense } from '../nn/Dense';
import { Flatten } from '../nn/Flatten';
import type { Layer } from '../nn/layer';
import { AvgPool2D, MaxPool2D } from '../nn/Pool2D';
import type { Sequential } from '../nn/Sequential';
import { type Field, type LayerSteps, neuronFields, receptiveSizes } from '../view/fields';

const op = 'receptiveFields';
type Maps3 = [number, number, number];

function convStep(layer: Conv2D, input: Maps3): FieldStep {
  const g = conv2dGeometry(op, [1, ...input], layer.weight.value.shape, layer.geometry);
  return {
    size: [g.kernelHeight, g.kernelWidth],
    stride: [...g.stride],
    padding: [g.padding.top, g.padding.left],
    dilation: [...g.dilation],
    mixes: true,
    ...(g.groups > 1 ? { groups: g.groups } : {}),
    input,
    output: [g.outChannels, g.outHeight, g.outWidth],
  };
}

function transposedStep(layer: ConvTranspose2D, input: Maps3): FieldStep {
  const g = convTranspose2dGeometry(op, [1, ...input], layer.weight.value.shape, layer.geometry);
  return {
    size: [g.kernelHeight, g.kernelWidth],
    stride: [...g.stride],
    padding: [...g.padding],
    dilation: [...g.dilation],
    mixes: true,
    ...(g.groups > 1 ? { groups: g.groups } : {}),
    transposed: true,
    input,
    output: [g.outChannels, g.outHeight, g.outWidth],
  };
}

const POOL_OPTIONS = [...new Set([...MAX_POOL2D_OPTIONS, ...AVG_POOL2D_OPTIONS])];

function poolStep(options: Pool2dOptions | AvgPool2dOptions, input: Maps3): FieldStep {
  const g = pool2dGeometry(op, [1, ...input], options, POOL_OPTIONS);
  return {
    size: [...g.size],
    stride: [...g.stride],
    padding: [...g.padding],
    dilation: [...g.dilation],
    mixes: false,
    input,
    output: [input[0], g.outHeight, g.outWidth],
  };
}

/**
 * How layer `l` of a network reads its input of maps `input` ([c, h, w]; a dense layer's input
 * [1, n, 1]), and the shape of its output in the same form (a Flatten keeps its input's maps).
 */
export function layerSteps(layer: Layer, l: number, input: Maps3): { steps: LayerSteps; output: Maps3 } {
  const where = () => `layer ${l} ${layer.name} on maps ${fmtShape(input)}`;
  if (layer instanceof Conv2D) {
    const s = convStep(layer, input);
    return { steps: [s], output: s.output };
  }
  if (layer instanceof ConvTranspose2D) {
    const s = transposedStep(layer, input);
    return { steps: [s], output: s.output };
  }
  if (layer instanceof MaxPool2D || layer instanceof AvgPool2D) {
    const s = poolStep(layer.options, input);
    return { steps: [s], output: s.output };
  }
  if (layer instanceof ConvPool2D) {
    const conv = convStep(layer.conv, input);
    const pool = poolStep({ size: layer.poolSize }, conv.output);
    return { steps: [conv, pool], output: pool.output };
  }
  if (layer instanceof Flatten) return { steps: [], output: input };
  if (layer instanceof Dense) {
    const [outputs, inputs] = layer.weight.value.shape;
    const n = input[0] * input[1] * input[2];
    assert(inputs === n, () => `${op}: ${where()} must read ${inputs} inputs, got ${n}`);
    return { steps: 'all', output: [1, outputs, 1] };
  }
  throw new TypeError(
    `${op}: ${where()}: no connection rule for this layer (known: Conv2D, ConvPool2D, ConvTranspose2D, MaxPool2D, AvgPool2D, Flatten, Dense)`,
  );
}

/** One column of a network's fields: the input (layer −1) or a layer's output. */
export interface FieldsColumn {
  /** 'input' or the layer's name. */
  name: string;
  /** Maps [c, h, w] (a dense layer's outputs as [1, n, 1]). */
  shape: Maps3;
  /** How this column's cells read the column below ([] for the input). */
  steps: LayerSteps;
  /** Receptive-field size and jump in the input per axis [rows, cols] (Distill's r_l, j_l), and the start u (cell x spans u + x·j … u + x·j + r − 1); null from a dense layer on. */
  r: [number, number] | null;
  j: [number, number] | null;
  u: [number, number] | null;
}

/** Every column of a network with its receptive-field geometry, and where any neuron reaches. */
export interface NetworkFields {
  columns: FieldsColumn[];
  /** The fields of neuron [column, channel, row, col] (column 0 the input, l + 1 layer l) in every column; null where it reaches nothing. */
  follow(neuron: readonly [number, number, number, number]): Array<Field | null>;
}

/**
 * Receptive and projective fields of a Sequential for one input of shape [c, h, w] (or [h, w]):
 * each column's size r and jump j by Distill's closed forms, and `follow(neuron)`, the exact cells
 * a neuron depends on in every earlier column (through stride, padding, dilation, groups and
 * pooling, and transposed convolutions, clipped at the borders, with a dilation's holes) and the
 * cells that depend on it in every later column. A dense layer depends on everything below it; r
 * and j are null from a dense layer or a transposed convolution on (no closed form there).
 *
 * @example
 * const f = cl.receptiveFields(net, [1, 28, 28]);   // Nielsen's conv 5x5 → pool 2 → conv 5x5 → pool 2 → …
 * f.columns.map((c) => c.r?.[0]);                   // [1, 5, 6, 14, 16, …]
 * f.follow([4, 0, 1, 1])[0];                        // { channels: [0], rows: [4, …, 19], cols: [4, …, 19] }
 */
export function receptiveFields(net: Sequential, inputShape: readonly number[]): NetworkFields {
  assert(
    net !== null && typeof net === 'object' && Array.isArray(net.layers),
    () => `${op}: net must be a Sequential, got ${typeof net}`,
    TypeError,
  );
  assert(
    Array.isArray(inputShape) &&
      (inputShape.length === 3 || inputShape.length === 2) &&
      inputShape.every((d) => Number.isInteger(d) && d > 0),
    () => `${op}: inputShape must be [c, h, w] or [h, w] of positive integers (one example, no batch axis), got ${fmtShape(inputShape)}`,
  );
  const input = (inputShape.length === 2 ? [1, ...inputShape] : [...inputShape]) as Maps3;
  const columns: FieldsColumn[] = [{ name: 'input', shape: input, steps: [], r: null, j: null, u: null }];
  net.layers.forEach((layer, l) => {
    const { steps, output } = layerSteps(layer, l, columns[l].shape);
    columns.push({ name: layer.name, shape: output, steps, r: null, j: null, u: null });
  });
  const sizes = receptiveSizes(columns.slice(1).map((c) => c.steps));
  sizes.forEach((g, k) => Object.assign(columns[k], g ?? {}));
  const layers = columns.slice(1).map((c) => c.steps);
  const shapes = columns.map((c) => c.shape);
  return {
    columns,
    follow(neuron) {
      const [k, ...at] = neuron;
      assert(
        Number.isInteger(k) && k >= 0 && k < shapes.length && at.every((v, i) => Number.isInteger(v) && v >= 0 && v < shapes[k][i]),
        () =>
          `${op}: follow: neuron must be [column, channel, row, col] inside column ${k}'s maps ${fmtShape(shapes[k] ?? [])} (columns 0..${shapes.length - 1}), got [${neuron.join(',')}]`,
        RangeError,
      );
      return neuronFields(layers, shapes, neuron);
    },
  };
}
