import { assert } from '../assert';
import { Tensor } from '../tensor';
import { Dense } from '../nn/Dense';
import { type LossName, quadraticLoss, softmaxCrossEntropy } from '../nn/losses';
import type { Sequential } from '../nn/Sequential';

/** Every activation of a forward pass (training mode, as computeGrads): [x, a_1, …, a_L]; layer l reads entry l. */
export function forwardActivations(model: Sequential, x: Tensor): Tensor[] {
  const activations = [x];
  for (const layer of model.layers) activations.push(layer.forward(activations[activations.length - 1], true));
  return activations;
}

/**
 * The cost C computed from layer `from` up, given that layer's input, exactly as model.lossOn does
 * (for 'softmaxCrossEntropy' from the last Dense layer's logits).
 */
export function costFrom(model: Sequential, from: number, input: Tensor, y: Tensor, loss: LossName): number {
  const output = model.layers.slice(from).reduce((a, layer) => layer.forward(a, true), input);
  if (loss === 'quadratic') return quadraticLoss(output, y);
  const last = model.layers[model.layers.length - 1];
  assert(last instanceof Dense, () => `costFrom: loss 'softmaxCrossEntropy' needs a last layer Dense, got ${last.name}`);
  return softmaxCrossEntropy(last.logits as Tensor, y);
}
