import { assert, fmtShape } from '../assert';
import { DRAWING_CLASSES, type DrawingConvPool, type DrawingLayer, type DrawingModel } from '../contract';
import { encodeFloat32 } from '../portable/encoding';
import { Conv2D } from '../nn/Conv2D';
import { ConvPool2D } from '../nn/ConvPool2D';
import { Dense } from '../nn/Dense';
import { Flatten } from '../nn/Flatten';
import { AvgPool2D, MaxPool2D } from '../nn/Pool2D';
import { Sequential } from '../nn/Sequential';
import { toPair } from '../ops/args';
import { conv2dGeometry } from '../ops/conv2dGeometry';
import { pool2dGeometry } from '../ops/pool2dGeometry';
import { Tensor, zeros } from '../tensor';

/** The layers the page's forward pass (`runDrawing`) implements. */
export const DRAWABLE_LAYERS = 'Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten, Dense';

function convLayer(op: string, c: Conv2D, shape: readonly number[], name: string, pool?: DrawingConvPool): DrawingLayer {
  const g = conv2dGeometry(op, shape, c.weight.value.shape, c.geometry);
  return {
    kind: 'conv',
    name,
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    kernel: [g.kernelHeight, g.kernelWidth],
    stride: [g.stride[0], g.stride[1]],
    padding: [g.padding.top, g.padding.left, g.padding.bottom, g.padding.right],
    dilation: [g.dilation[0], g.dilation[1]],
    activation: c.activation,
    ...(pool ? { pool } : {}),
  };
}

/**
 * A Sequential as the drawing view carries it: its layers described for `runDrawing` (shapes
 * tracked from one 28x28 digit [1, 1, 28, 28]) and every weight then bias, in layer order, as
 * base64 float32. Refuses layers the page cannot run and a model that does not give 10 outputs.
 *
 * @example
 * drawingModel('drawDigit', net).layers.map((l) => l.kind); // ['conv', 'flatten', 'dense']
 */
export function drawingModel(op: string, model: Sequential): DrawingModel {
  assert(model instanceof Sequential, () => `${op}: model must be a Sequential, got ${model === null ? 'null' : typeof model}`, TypeError);
  const layers: DrawingLayer[] = [];
  const values: number[] = [];
  let x: Tensor = zeros([1, 1, 28, 28]);
  model.layers.forEach((layer, i) => {
    const supported = [Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten, Dense].some((kind) => layer instanceof kind);
    assert(
      supported,
      () =>
        `${op}: layer ${i} (${layer.name}) has no forward pass in the page: supported layers are ${DRAWABLE_LAYERS}, got ${layer.constructor.name}`,
      TypeError,
    );
    const shape = x.shape;
    if (layer instanceof ConvPool2D) {
      layers.push(
        convLayer(op, layer.conv, shape, layer.name, {
          mode: layer.pool,
          size: toPair(op, 'poolSize', layer.poolSize),
          order: layer.order,
        }),
      );
    } else if (layer instanceof Conv2D) {
      layers.push(convLayer(op, layer, shape, layer.name));
    } else if (layer instanceof MaxPool2D || layer instanceof AvgPool2D) {
      const g = pool2dGeometry(op, shape, layer.options);
      layers.push({
        kind: 'pool',
        name: layer.name,
        mode: layer instanceof MaxPool2D ? 'max' : 'avg',
        size: [...g.size],
        stride: [...g.stride],
        padding: [...g.padding],
      });
    } else if (layer instanceof Flatten) {
      layers.push({ kind: 'flatten', name: layer.name });
    } else {
      const d = layer as Dense;
      const [outputs, inputs] = d.weight.value.shape;
      layers.push({ kind: 'dense', name: d.name, inputs, outputs, activation: d.activation });
    }
    for (const p of layer.params) for (let k = 0; k < p.value.size; k++) values.push(p.value.data[k]);
    x = layer.forward(x);
  });
  assert(
    x.size === DRAWING_CLASSES,
    () => `${op}: the model must give ${DRAWING_CLASSES} outputs for a 28x28 digit [1, 1, 28, 28], got ${fmtShape(x.shape)}`,
  );
  return { layers, weights: encodeFloat32(values) };
}
