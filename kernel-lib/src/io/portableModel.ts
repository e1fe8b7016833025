import { assert, fmtShape } from '../assert';
import { Conv2D } from '../nn/Conv2D';
import { ConvPool2D } from '../nn/ConvPool2D';
import { Dense } from '../nn/Dense';
import { Flatten } from '../nn/Flatten';
import { AvgPool2D, MaxPool2D } from '../nn/Pool2D';
import type { Sequential } from '../nn/Sequential';
import { conv2dGeometry } from '../ops/conv2dGeometry';
import { pool2dGeometry } from '../ops/pool2dGeometry';
import type { Pool2dOptions } from '../ops/pool2dGeometry';
import { zeros } from '../tensor';
import { encodeFloat32 } from '../portable/encoding';
import type { EncodedStep, PortableModel } from '../portable/model';

/**
 * A Sequential as a PortableModel: the steps forwardPortable runs in the browser, with the weights as
 * base64 float32 (see encodeFloat32). Conv2D → conv + activation; ConvPool2D 'standard' → conv,
 * activation, pool, 'nielsen' → conv (with the bias), pool, activation (pool(c) + b = pool(c + b));
 * MaxPool2D/AvgPool2D → pool; Flatten → flatten; Dense → dense + activation. Other layers are refused.
 *
 * @example
 * const model = portableModel(net, [1, 28, 28]); // JSON-serialisable, ~5.3 characters per weight
 */
export function portableModel(net: Sequential, inputShape: readonly number[]): PortableModel {
  const op = 'portableModel';
  let shape = [1, ...inputShape];
  const steps: EncodedStep[] = [];
  const act = (f: Dense['activation']) => {
    if (f !== 'linear') steps.push({ kind: 'activation', activation: f });
  };
  const conv = (c: Conv2D) => {
    const g = conv2dGeometry(op, shape, c.weight.value.shape, c.geometry);
    steps.push({
      kind: 'conv',
      weight: encodeFloat32(c.weight.value.data),
      weightShape: c.weight.value.shape as [number, number, number, number],
      bias: encodeFloat32(c.bias.value.data),
      stride: [...g.stride],
      dilation: [...g.dilation],
      padding: [g.padding.top, g.padding.bottom, g.padding.left, g.padding.right],
    });
    return [shape[0], g.outChannels, g.outHeight, g.outWidth];
  };
  const pool = (kind: 'max' | 'avg', opts: Pool2dOptions, at: readonly number[]) => {
    const g = pool2dGeometry(op, at, opts);
    steps.push({ kind: 'pool', pool: kind, size: [...g.size], stride: [...g.stride], padding: [...g.padding] });
  };
  net.layers.forEach((layer, i) => {
    if (layer instanceof ConvPool2D) {
      const convShape = conv(layer.conv);
      if (layer.order === 'standard') act(layer.conv.activation);
      pool(layer.pool, { size: layer.poolSize }, convShape);
      if (layer.order === 'nielsen') act(layer.conv.activation);
    } else if (layer instanceof Conv2D) {
      conv(layer);
      act(layer.activation);
    } else if (layer instanceof MaxPool2D || layer instanceof AvgPool2D) {
      pool(layer instanceof MaxPool2D ? 'max' : 'avg', layer.options, shape);
    } else if (layer instanceof Flatten) {
      steps.push({ kind: 'flatten' });
    } else if (layer instanceof Dense) {
      const w = layer.weight.value;
      steps.push({
        kind: 'dense',
        weight: encodeFloat32(w.data),
        weightShape: [w.shape[0], w.shape[1]],
        bias: encodeFloat32(layer.bias.value.data),
      });
      act(layer.activation);
    } else {
      assert(
        false,
        () =>
          `${op}: layer ${i} (${layer.name}) has no portable form: supported layers are Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten, Dense`,
        TypeError,
      );
    }
    shape = [...layer.forward(zeros(shape)).shape];
  });
  assert(steps.length > 0, () => `${op}: the model has no steps for input ${fmtShape(inputShape)}`);
  return { inputShape: [...inputShape], steps };
}
