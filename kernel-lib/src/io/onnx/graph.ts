import { assert, fmtShape } from '../../assert';
import { Conv2D } from '../../nn/Conv2D';
import { ConvPool2D } from '../../nn/ConvPool2D';
import { Dense } from '../../nn/Dense';
import { Flatten } from '../../nn/Flatten';
import type { Layer } from '../../nn/layer';
import { AvgPool2D, MaxPool2D } from '../../nn/Pool2D';
import type { ActivationName } from '../../nn/activations';
import { conv2dGeometry } from '../../ops/conv2dGeometry';
import { pool2dGeometry } from '../../ops/pool2dGeometry';
import type { Pool2dOptions } from '../../ops/pool2dGeometry';
import { Tensor } from '../../tensor';

/** One ONNX node before encoding: op type, input and output value names, attributes (ints or an int). */
export interface OnnxNode {
  op: string;
  inputs: string[];
  output: string;
  attributes: Record<string, number | number[]>;
}

/** The graph of a Sequential: nodes in order, float32 initialisers by name, and the output's name. */
export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: Array<{ name: string; tensor: Tensor }>;
  output: string;
  /** The model's output shape for the input shape given. */
  outputShape: number[];
}

const ACTIVATION_OPS: Partial<Record<ActivationName, string>> = { sigmoid: 'Sigmoid', tanh: 'Tanh', relu: 'Relu' };
const SUPPORTED = 'Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten, Dense';

/**
 * Translates layers to ONNX operators (opset 13), tracking shapes from `inShape` ([1, ...inputShape]):
 * - Conv2D → Conv (W [K,C,kh,kw], B, strides, pads [top, left, bottom, right], dilations), then f;
 * - ConvPool2D 'standard' → Conv, f, pool; 'nielsen' → Conv (with B), pool, f, since
 *   pool(c) + b = pool(c + b) for max and average pooling without padding (b is constant per channel);
 * - MaxPool2D → MaxPool; AvgPool2D → AveragePool with count_include_pad = 1 (convlab divides by size²);
 * - Flatten → Flatten(axis 1); Dense → Gemm(x, W, b, transB = 1) = x·Wᵀ + b, then f;
 * - f: sigmoid → Sigmoid, tanh → Tanh, relu → Relu, softmax → Softmax(axis 1), linear → nothing.
 * Any other layer is refused, naming it.
 */
export function sequentialGraph(layers: readonly Layer[], inShape: readonly number[]): OnnxGraph {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxGraph['initializers'] = [];
  let current = 'input';
  let shape = [...inShape];
  const add = (op: string, inputs: string[], attributes: OnnxNode['attributes'] = {}): void => {
    const output = `${nodes.length}_${op.toLowerCase()}`;
    nodes.push({ op, inputs: [current, ...inputs], output, attributes });
    current = output;
  };
  const activation = (f: ActivationName): void => {
    if (f === 'softmax') add('Softmax', [], { axis: 1 });
    else if (f !== 'linear') add(ACTIVATION_OPS[f] as string, []);
  };
  const param = (name: string, t: Tensor): string => {
    initializers.push({ name, tensor: t });
    return name;
  };
  const conv = (i: number, c: Conv2D): void => {
    const g = conv2dGeometry('exportOnnx', shape, c.weight.value.shape, c.geometry);
    add('Conv', [param(`${i}.weight`, c.weight.value), param(`${i}.bias`, c.bias.value)], {
      kernel_shape: [g.kernelHeight, g.kernelWidth],
      strides: [...g.stride],
      dilations: [...g.dilation],
      pads: [g.padding.top, g.padding.left, g.padding.bottom, g.padding.right],
    });
  };
  const pool = (kind: 'max' | 'avg', opts: Pool2dOptions, at: readonly number[]): void => {
    const g = pool2dGeometry('exportOnnx', at, opts);
    const attributes = {
      kernel_shape: [...g.size],
      strides: [...g.stride],
      pads: [g.padding[0], g.padding[1], g.padding[0], g.padding[1]],
    };
    if (kind === 'max') add('MaxPool', [], attributes);
    else add('AveragePool', [], { ...attributes, count_include_pad: 1 });
  };
  layers.forEach((layer, i) => {
    assert(
      [Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten, Dense].some((kind) => layer instanceof kind),
      () => `exportOnnx: layer ${i} (${layer.name}) cannot be exported: supported layers are ${SUPPORTED}, got ${layer.constructor.name}`,
      TypeError,
    );
    const outShape = layer.forward(new Tensor(shape, new Float64Array(shape.reduce((a, b) => a * b, 1)))).shape;
    if (layer instanceof ConvPool2D) {
      conv(i, layer.conv);
      const convShape = [shape[0], layer.conv.weight.value.shape[0], ...conv2dOut(shape, layer)];
      if (layer.order === 'standard') activation(layer.conv.activation);
      pool(layer.pool, { size: layer.poolSize }, convShape);
      if (layer.order === 'nielsen') activation(layer.conv.activation);
    } else if (layer instanceof Conv2D) {
      conv(i, layer);
      activation(layer.activation);
    } else if (layer instanceof MaxPool2D || layer instanceof AvgPool2D) {
      pool(layer instanceof MaxPool2D ? 'max' : 'avg', layer.options, shape);
    } else if (layer instanceof Flatten) {
      add('Flatten', [], { axis: 1 });
    } else {
      const dense = layer as Dense;
      add('Gemm', [param(`${i}.weight`, dense.weight.value), param(`${i}.bias`, dense.bias.value)], { transB: 1 });
      activation(dense.activation);
    }
    assert(
      outShape.every((d) => d > 0),
      () => `exportOnnx: layer ${i} (${layer.name}) gives an empty output ${fmtShape(outShape)}`,
    );
    shape = [...outShape];
  });
  return { nodes, initializers, output: current, outputShape: shape };
}

function conv2dOut(shape: readonly number[], layer: ConvPool2D): [number, number] {
  const g = conv2dGeometry('exportOnnx', shape, layer.conv.weight.value.shape, layer.conv.geometry);
  return [g.outHeight, g.outWidth];
}
