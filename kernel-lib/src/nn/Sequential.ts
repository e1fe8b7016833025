import { assert, fmtShape } from '../assert';
import { Tensor, zeros } from '../tensor';
import { Dense } from './Dense';
import { Layer, Param, countParams } from './layer';
import { LossName, quadraticLoss, quadraticLossGrad, softmaxCrossEntropy, softmaxCrossEntropyGrad } from './losses';

/**
 * Layers applied in order: forward is a_L = f_L(… f_1(x)), backward runs BP2 from the last layer to
 * the first, each layer filling its params' grads. `params` lists every layer's params in order.
 *
 * @example
 * const net = new Sequential([
 *   new Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5, seed: 1 }),
 *   new MaxPool2D(),
 *   new Flatten(),
 *   new Dense({ inputs: 20 * 12 * 12, outputs: 10, activation: 'softmax', seed: 2 }),
 * ]);
 * const { loss } = net.computeGrads(x, y, 'softmaxCrossEntropy');
 */
export class Sequential {
  readonly layers: readonly Layer[];

  constructor(layers: readonly Layer[]) {
    assert(
      Array.isArray(layers) &&
        layers.length > 0 &&
        layers.every((l) => typeof l?.forward === 'function' && typeof l?.backward === 'function'),
      () =>
        `Sequential: layers must be a non-empty array of layers, got ${Array.isArray(layers) ? `${layers.length} items` : typeof layers}`,
      TypeError,
    );
    this.layers = [...layers];
  }

  get params(): Param[] {
    return this.layers.flatMap((l) => [...l.params]);
  }

  forward(x: Tensor, training = false): Tensor {
    return this.layers.reduce((a, layer) => layer.forward(a, training), x);
  }

  /** dy = ∂C/∂output → dx = ∂C/∂input, filling every param's grad. */
  backward(dy: Tensor): Tensor {
    return this.layers.reduceRight((d, layer) => layer.backward(d), dy);
  }

  /**
   * A forward pass on a batch and its loss C (averaged over the batch), without gradients.
   * With 'softmaxCrossEntropy' the last layer must be a Dense with activation 'softmax', and C is
   * computed from its logits z (log-sum-exp), so it stays finite for any logits.
   */
  lossOn(x: Tensor, y: Tensor, loss: LossName, training = false): { loss: number; output: Tensor } {
    const output = this.forward(x, training);
    if (loss === 'quadratic') return { loss: quadraticLoss(output, y), output };
    return { loss: softmaxCrossEntropy(this.softmaxOutput(loss).logits as Tensor, y), output };
  }

  /**
   * One forward and one backward pass on a batch: returns the loss and the output, and leaves
   * ∂C/∂p in every param's grad. With 'softmaxCrossEntropy' backward starts from the last layer's
   * logits with dz = (softmax(z) − y)/n, exact and finite for any logits.
   */
  computeGrads(x: Tensor, y: Tensor, loss: LossName): { loss: number; output: Tensor } {
    const result = this.lossOn(x, y, loss, true);
    if (loss === 'quadratic') {
      this.backward(quadraticLossGrad(result.output, y));
      return result;
    }
    const last = this.softmaxOutput(loss);
    const dx = last.backwardFromLogits(softmaxCrossEntropyGrad(last.logits as Tensor, y));
    this.layers.slice(0, -1).reduceRight((d, layer) => layer.backward(d), dx);
    return result;
  }

  private softmaxOutput(loss: LossName): Dense {
    assert(
      loss === 'softmaxCrossEntropy',
      () => `Sequential: loss must be 'quadratic' or 'softmaxCrossEntropy', got ${JSON.stringify(loss)}`,
      TypeError,
    );
    const last = this.layers[this.layers.length - 1];
    assert(
      last instanceof Dense && last.activation === 'softmax',
      () => `Sequential: loss 'softmaxCrossEntropy' needs a last layer Dense with activation 'softmax', got ${last.name}`,
    );
    return last;
  }

  /**
   * One line per layer with its output shape and parameter count, for an input of shape
   * `inputShape` (one example, without the batch axis), e.g. the notes' 28x28 → 24x24 → 12x12.
   */
  summary(inputShape: readonly number[]): string {
    let a = zeros([1, ...inputShape]);
    const lines = [`input  ${fmtShape(inputShape)}`];
    for (const layer of this.layers) {
      a = layer.forward(a);
      lines.push(`${layer.name}  ${fmtShape(a.shape.slice(1))}  ${countParams(layer.params)} params`);
    }
    lines.push(`total ${countParams(this.params)} params`);
    return lines.join('\n');
  }
}
