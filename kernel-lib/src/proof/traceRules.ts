import { maxPool2d } from '../ops/maxPool2d';
import { Tensor } from '../tensor';
import { Conv2D } from '../nn/Conv2D';
import { ConvPool2D } from '../nn/ConvPool2D';
import { Dense } from '../nn/Dense';
import { Flatten } from '../nn/Flatten';
import type { Layer } from '../nn/layer';
import type { LossName } from '../nn/losses';
import { AvgPool2D, MaxPool2D } from '../nn/Pool2D';
import { argmaxMask, avgPoolRule, convRule, denseRule, isPlainConv, maxPoolRule } from './backpropRules';

/** The rule that produced a layer's δ, its formula, and how far its literal evaluation is from what the layer's backward gave. */
export interface BackpropRule {
  /** 'BP1', 'BP2', 'max-pool routing', 'average-pool sharing', 'full(δ, rot180 w)', 'transposed convolution', 'conv + pool', 'reshape', 'backward'. */
  name: string;
  /** The formula in the notes' notation, e.g. 'δ_in = full(δ_out ⊙ σ′(z), rot180 w), Σ over output channels'. */
  formula: string;
  /** max|literal − backward| / max|backward| of δ_in with the rule evaluated literally (null for a layer of your own). */
  check: number | null;
}

/** One layer in the trace of one forward and backward pass. */
export interface LayerTrace {
  layer: number;
  name: string;
  /** a_{l−1} and a_l, the forward activations. */
  input: Tensor;
  output: Tensor;
  /** The weighted input z before the activation (conv: before pooling in 'nielsen' order), null without one. */
  z: Tensor | null;
  /** ∂C/∂a_l, the δ arriving at the output; null at a softmax output under cross-entropy, where C enters at z (BP1). */
  deltaOut: Tensor | null;
  /** ∂C/∂z, the notes' δ of the layer (for a conv + pool layer: at the convolution's output); null without z. */
  deltaZ: Tensor | null;
  /** ∂C/∂a_{l−1}, the δ passed down to the layer below. */
  deltaIn: Tensor;
  /** ∂C/∂w and ∂C/∂b (copies), null for a layer without them. */
  weightGrad: Tensor | null;
  biasGrad: Tensor | null;
  /** For max pooling: a 0/1 mask of the input's shape, 1 at each window's argmax (where δ is routed). */
  argmaxMask: Tensor | null;
  rule: BackpropRule;
}

/** max|a − b| / max|b| (0 when both vanish). */
function relative(a: Tensor, b: Tensor): number {
  let diff = 0;
  let top = 0;
  for (let i = 0; i < b.size; i++) {
    diff = Math.max(diff, Math.abs(a.data[i] - b.data[i]));
    top = Math.max(top, Math.abs(b.data[i]));
  }
  return top > 0 ? diff / top : diff === 0 ? 0 : Infinity;
}

const SIGMA = (activation: string): string => (activation === 'linear' ? '' : ` ⊙ ${activation === 'sigmoid' ? 'σ' : activation}′(z)`);

/** The rule that produced a traced layer's δ_in, evaluated literally and compared with what backward gave. */
export function ruleOf(
  layer: Layer,
  t: LayerTrace,
  at: { output: boolean; loss: LossName },
): { rule: BackpropRule; argmaxMask: Tensor | null } {
  const check = (literal: Tensor): number => relative(literal, t.deltaIn);
  const none = { argmaxMask: null };
  if (layer instanceof Dense) {
    const passDown = `δ_in = wᵀ δ_z`;
    const check2 = check(denseRule(layer.weight.value, t.deltaZ as Tensor));
    if (at.output) {
      const bp1 = at.loss === 'softmaxCrossEntropy' ? 'δ_z = (aᴸ − y)/n' : `δ_z = (aᴸ − y)/n${SIGMA(layer.activation)}`;
      return { rule: { name: 'BP1', formula: `BP1: ${bp1}; then ${passDown}`, check: check2 }, ...none };
    }
    return { rule: { name: 'BP2', formula: `BP2: δ_z = δ_out${SIGMA(layer.activation)}; ${passDown}`, check: check2 }, ...none };
  }
  if (layer instanceof Conv2D) {
    const plain = isPlainConv(layer.geometry, t.input.shape, layer.weight.value.shape);
    const literal = convRule(t.input.shape, layer.weight.value, t.deltaZ as Tensor, layer.geometry);
    const name = plain ? 'full(δ, rot180 w)' : 'transposed convolution';
    const how = plain ? 'full(δ_z, rot180 w)' : 'transposed convolution of δ_z with w (stride, padding, dilation of the forward pass)';
    return {
      rule: { name, formula: `δ_z = δ_out${SIGMA(layer.activation)}; δ_in = ${how}, Σ over output channels`, check: check(literal) },
      ...none,
    };
  }
  if (layer instanceof ConvPool2D) {
    const { weight, activation, geometry } = layer.conv;
    const routing = layer.pool === 'max' ? 'routed to the argmax' : 'shared equally by its window';
    const order = layer.order === 'standard' ? `δ_out ${routing}, then${SIGMA(activation)}` : `δ_out${SIGMA(activation)}, then ${routing}`;
    const how = isPlainConv(geometry, t.input.shape, weight.value.shape)
      ? 'full(δ_z, rot180 w)'
      : 'the transposed convolution of δ_z with w';
    const literal = convRule(t.input.shape, weight.value, t.deltaZ as Tensor, geometry);
    return {
      rule: { name: 'conv + pool', formula: `δ_z = ${order}; δ_in = ${how}, Σ over output channels`, check: check(literal) },
      ...none,
    };
  }
  if (layer instanceof MaxPool2D) {
    const { argmax } = maxPool2d(t.input, layer.options);
    const literal = maxPoolRule(t.input.shape, argmax, t.deltaOut as Tensor);
    return {
      rule: { name: 'max-pool routing', formula: 'δ_in = δ_out at each window’s argmax, 0 elsewhere', check: check(literal) },
      argmaxMask: argmaxMask(t.input.shape, argmax),
    };
  }
  if (layer instanceof AvgPool2D) {
    const size = layer.options.size ?? 2;
    const cells = typeof size === 'number' ? size * size : size[0] * size[1];
    const literal = avgPoolRule(t.input.shape, t.deltaOut as Tensor, layer.options);
    return {
      rule: { name: 'average-pool sharing', formula: `δ_in = δ_out/${cells} to each cell of its window`, check: check(literal) },
      ...none,
    };
  }
  if (layer instanceof Flatten) {
    return {
      rule: {
        name: 'reshape',
        formula: 'δ_in = δ_out reshaped to the input’s shape',
        check: check((t.deltaOut as Tensor).reshape(t.input.shape)),
      },
      ...none,
    };
  }
  return {
    rule: { name: 'backward', formula: `δ_in = ${layer.name}.backward(δ_out) (a layer of your own: no rule to compare)`, check: null },
    ...none,
  };
}
