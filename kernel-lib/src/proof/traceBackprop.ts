import { assert } from '../assert';
import { Tensor } from '../tensor';
import { conv2d } from '../ops/conv2d';
import { avgPool2d, avgPool2dBackward } from '../ops/avgPool2d';
import { maxPool2d, maxPool2dBackward } from '../ops/maxPool2d';
import { activate, activationBackward } from '../nn/activate';
import { Conv2D } from '../nn/Conv2D';
import { ConvPool2D } from '../nn/ConvPool2D';
import { Dense } from '../nn/Dense';
import type { Layer } from '../nn/layer';
import { type LossName, quadraticLossGrad, softmaxCrossEntropyGrad } from '../nn/losses';
import { Sequential } from '../nn/Sequential';
import { forwardActivations } from './network';
import { type LayerTrace, ruleOf } from './traceRules';

export type { BackpropRule, LayerTrace } from './traceRules';

/**
 * One forward and one backward pass of `model` on (x, y), exactly as model.computeGrads runs it,
 * with every layer's activations, δ arriving at its output (∂C/∂a), δ at its weighted input
 * (∂C/∂z), δ passed down (∂C/∂a_{l−1}), ∂C/∂w and ∂C/∂b kept, and the rule that produced each δ:
 * BP1 at the output (δᴸ = (aᴸ − y)/n for softmax + cross-entropy), BP2 through dense layers
 * (wᵀδ ⊙ σ′), routing to the argmax or ¼ each through pooling, full(δ, rot180 w) through a
 * convolution (the transposed convolution with stride, padding or dilation). Each rule is also
 * evaluated literally (see backpropRules) and its distance from the layer's backward reported.
 * Takes the arguments of model.computeGrads (y one-hot); leaves the grads as it does.
 *
 * @example
 * const trace = traceBackprop(net, x, y, { loss: 'softmaxCrossEntropy' });
 * trace.layers.map((t) => `${t.name}: ${t.rule.name}`);
 * trace.layers[0].weightGrad; // = net.layers[0].params[0].grad after net.computeGrads(x, y, loss)
 */
export function traceBackprop(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  opts: { loss: LossName },
): { loss: number; output: Tensor; layers: LayerTrace[] } {
  assert(model instanceof Sequential, () => `traceBackprop: model must be a Sequential, got ${typeof model}`, TypeError);
  assert(typeof opts === 'object' && opts !== null, () => `traceBackprop: options { loss } are needed, got ${String(opts)}`, TypeError);
  const { loss } = opts;
  const result = model.lossOn(x, y, loss, true); // checks x, y and the loss with the model's own messages
  const inputs = forwardActivations(model, x);
  const last = model.layers.length - 1;
  const outputs = inputs.slice(1);
  const traces: LayerTrace[] = new Array(model.layers.length);
  let delta: Tensor | null = loss === 'quadratic' ? quadraticLossGrad(outputs[last], y) : null;
  for (let l = last; l >= 0; l--) {
    const layer = model.layers[l];
    layer.forward(inputs[l], true); // its cache, as computeGrads leaves it (a layer used twice would hold the later input)
    const z = weightedInput(layer, inputs[l]);
    let deltaZ: Tensor | null = null;
    let deltaIn: Tensor;
    if (l === last && delta === null) {
      const out = layer as Dense;
      deltaZ = softmaxCrossEntropyGrad(out.logits as Tensor, y);
      deltaIn = out.backwardFromLogits(deltaZ);
    } else {
      const dy = delta as Tensor;
      deltaIn = layer.backward(dy);
      if (z !== null && (layer instanceof Conv2D || layer instanceof Dense))
        deltaZ = activationBackward(layer.activation, z, dy, 'traceBackprop');
      if (layer instanceof ConvPool2D) deltaZ = convPoolDeltaZ(layer, inputs[l], dy);
    }
    const grad = (name: 'weight' | 'bias'): Tensor | null => {
      const p = layer.params.find((q) => q.name === name);
      return p === undefined ? null : new Tensor(p.grad.shape, Float64Array.from(p.grad.data));
    };
    traces[l] = {
      layer: l,
      name: layer.name,
      input: inputs[l],
      output: outputs[l],
      z,
      deltaOut: delta,
      deltaZ,
      deltaIn,
      weightGrad: grad('weight'),
      biasGrad: grad('bias'),
      argmaxMask: null,
      rule: { name: 'backward', formula: 'δ_in = layer.backward(δ_out)', check: null },
    };
    Object.assign(traces[l], ruleOf(layer, traces[l], { output: l === last, loss }));
    delta = deltaIn;
  }
  return { loss: result.loss, output: result.output, layers: traces };
}

/** z of the layers whose z the trace can recompute from their params: conv (before pooling in 'nielsen' order) and dense. */
function weightedInput(layer: Layer, input: Tensor): Tensor | null {
  if (layer instanceof Dense) return layer.logits as Tensor;
  if (layer instanceof Conv2D) return conv2d(input, layer.weight.value, layer.bias.value, layer.geometry);
  if (layer instanceof ConvPool2D) {
    const { weight, bias, geometry } = layer.conv;
    return conv2d(input, weight.value, layer.order === 'standard' ? bias.value : undefined, geometry);
  }
  return null;
}

/** δ at a conv + pool layer's convolution output: pool routing then ⊙ f′ ('standard'), or ⊙ f′ then routing ('nielsen'). */
function convPoolDeltaZ(layer: ConvPool2D, input: Tensor, dy: Tensor): Tensor {
  const { weight, bias, activation, geometry } = layer.conv;
  const pool = { size: layer.poolSize };
  const route = (x: Tensor, d: Tensor): Tensor => (layer.pool === 'max' ? maxPool2dBackward(x, d, pool) : avgPool2dBackward(x, d, pool));
  if (layer.order === 'standard') {
    const z = conv2d(input, weight.value, bias.value, geometry);
    return activationBackward(activation, z, route(activate(activation, z), dy), 'traceBackprop');
  }
  const c = conv2d(input, weight.value, undefined, geometry);
  const pooled = layer.pool === 'max' ? maxPool2d(c, pool).y : avgPool2d(c, pool);
  const [, k, h, w] = pooled.shape;
  const z = new Tensor(
    pooled.shape,
    pooled.data.map((v, i) => v + bias.value.data[Math.floor(i / (h * w)) % k]),
  );
  return route(c, activationBackward(activation, z, dy, 'traceBackprop'));
}
