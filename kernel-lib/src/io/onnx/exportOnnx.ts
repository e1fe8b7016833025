import { writeFileSync } from 'node:fs';
import * as protobuf from 'protobufjs';
import { assert, fmtShape } from '../../assert';
import type { Sequential } from '../../nn/Sequential';
import { encodeElements } from '../dtypes';
import { OnnxGraph, sequentialGraph } from './graph';
import { ONNX_PROTO } from './schema';

/** Options of exportOnnx. */
export interface ExportOnnxOptions {
  /** One example's shape without the batch axis, e.g. [1, 28, 28]; the batch axis is dynamic ('N'). */
  inputShape: readonly number[];
  /** The graph's name. Default 'convlab'. */
  name?: string;
}

const OPSET = 13;
const IR_VERSION = 7; // the IR version of opset 13 (onnx 1.8)
const FLOAT = 1; // TensorProto.DataType.FLOAT
const INT = 2; // AttributeProto.AttributeType.INT
const INTS = 7; // AttributeProto.AttributeType.INTS

let modelType: protobuf.Type | undefined;

/** onnx.ModelProto from the vendored official schema, parsed once. */
function modelProto(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_PROTO, { keepCase: true }).root.lookupType('onnx.ModelProto');
  return modelType;
}

/**
 * Encodes a Sequential as an ONNX model (opset 13, float32 weights) that ONNX Runtime, onnx and
 * Netron read: input 'input' [N, ...inputShape], output 'output'. The layers map to Conv, MaxPool,
 * AveragePool, Relu, Sigmoid, Tanh, Flatten, Gemm and Softmax as sequentialGraph describes; the
 * bytes are written by protobufjs from the official onnx.proto, not by hand.
 *
 * @example
 * const bytes = encodeOnnx(net, { inputShape: [1, 28, 28] }); // Uint8Array
 */
export function encodeOnnx(model: Sequential, options: ExportOnnxOptions): Uint8Array {
  const op = 'exportOnnx';
  assert(
    typeof model === 'object' && model !== null && Array.isArray((model as Sequential).layers),
    () => `${op}: model must be a Sequential, got ${model === null ? 'null' : typeof model}`,
    TypeError,
  );
  const { inputShape, name = 'convlab' } = options ?? ({} as ExportOnnxOptions);
  assert(
    Array.isArray(inputShape) && inputShape.length > 0 && inputShape.every((d) => Number.isInteger(d) && d > 0),
    () =>
      `${op}: inputShape must be one example's shape without the batch axis (positive integers), got ${Array.isArray(inputShape) ? fmtShape(inputShape) : String(inputShape)}`,
    TypeError,
  );
  const graph = sequentialGraph(model.layers, [1, ...inputShape]);
  const Model = modelProto();
  const message = Model.fromObject({
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET }],
    producer_name: 'convlab',
    graph: graphProto(graph, name, inputShape, graph.outputShape.slice(1)),
  });
  const invalid = Model.verify(message);
  assert(invalid === null, () => `${op}: the model does not fit onnx.proto, got ${invalid}`, Error);
  return Model.encode(message).finish();
}

function valueInfo(name: string, shape: readonly number[]) {
  const dims = [{ dim_param: 'N' }, ...shape.map((d) => ({ dim_value: d }))];
  return { name, type: { tensor_type: { elem_type: FLOAT, shape: { dim: dims } } } };
}

function graphProto(graph: OnnxGraph, name: string, inputShape: readonly number[], outputShape: readonly number[]) {
  const last = graph.nodes[graph.nodes.length - 1];
  last.output = 'output';
  return {
    name,
    node: graph.nodes.map((n, i) => ({
      name: `${i}_${n.op}`,
      op_type: n.op,
      input: n.inputs,
      output: [n.output],
      attribute: Object.entries(n.attributes).map(([key, v]) =>
        Array.isArray(v) ? { name: key, type: INTS, ints: v } : { name: key, type: INT, i: v },
      ),
    })),
    initializer: graph.initializers.map(({ name: key, tensor }) => {
      const raw = new Uint8Array(4 * tensor.size);
      encodeElements('exportOnnx', key, tensor.data, 'float32', raw, 0);
      return { name: key, dims: [...tensor.shape], data_type: FLOAT, raw_data: raw };
    }),
    input: [valueInfo('input', inputShape)],
    output: [valueInfo('output', outputShape)],
  };
}

/**
 * Writes a Sequential to an ONNX file (see encodeOnnx), to run in ONNX Runtime or open in Netron.
 *
 * @example
 * exportOnnx(net, 'nielsen.onnx', { inputShape: [1, 28, 28] });
 */
export function exportOnnx(model: Sequential, path: string, options: ExportOnnxOptions): void {
  assert(
    typeof path === 'string' && path.length > 0,
    () => `exportOnnx: path must be a non-empty string, got ${JSON.stringify(path)}`,
    TypeError,
  );
  writeFileSync(path, encodeOnnx(model, options));
}
