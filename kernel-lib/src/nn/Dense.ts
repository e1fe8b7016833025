import { assert, assertPositiveInt, fmtShape } from '../assert';
import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';
import { activate, activationBackward, assertActivation } from './activate';
import type { ActivationName } from './activations';
import { Layer, Param, cached, initParams } from './layer';

/** Options of Dense. */
export interface DenseLayerOptions {
  inputs: number;
  outputs: number;
  /** Default 'sigmoid'; 'softmax' makes an output layer for the 'softmaxCrossEntropy' loss. */
  activation?: ActivationName;
  /** Seed of Nielsen's initialisation (default 0); give each layer its own. */
  seed?: number;
  /** Initial weights [outputs, inputs] (Nielsen's w_jk: row j is output neuron j), copied. */
  weight?: Tensor;
  /** Initial biases [outputs], copied. */
  bias?: Tensor;
}

/**
 * A fully connected layer: a = f(z), z = x·wᵀ + b, i.e. z[n][j] = b[j] + Σ_k w[j][k]·x[n][k].
 * Shapes: x [N, inputs], w [outputs, inputs], b [outputs] → a [N, outputs].
 * Backward (BP1–BP4): dz = f'(z) ⊙ dy (Jᵀdy for softmax), dw = dzᵀ·x, db = Σ_n dz, dx = dz·w.
 *
 * @example
 * const out = new Dense({ inputs: 100, outputs: 10, activation: 'softmax', seed: 3 });
 * out.forward(zeros([5, 100])).shape; // [5, 10]
 */
export class Dense implements Layer {
  readonly name: string;
  readonly params: readonly Param[];
  readonly weight: Param;
  readonly bias: Param;
  readonly activation: ActivationName;
  private x: Tensor | undefined;
  private z: Tensor | undefined;

  constructor(opts: DenseLayerOptions) {
    const { inputs, outputs, activation = 'sigmoid' } = opts;
    assertPositiveInt('Dense', 'inputs', inputs);
    assertPositiveInt('Dense', 'outputs', outputs);
    assertActivation('Dense', activation);
    this.activation = activation;
    [this.weight, this.bias] = initParams('Dense', { weight: [outputs, inputs], bias: [outputs], fanIn: inputs }, opts);
    this.params = [this.weight, this.bias];
    this.name = `Dense(${inputs}→${outputs}, ${activation})`;
  }

  /** The weighted input z of the last forward pass (the logits, for a softmax layer). */
  get logits(): Tensor | undefined {
    return this.z;
  }

  forward(x: Tensor): Tensor {
    checkTensor('Dense', 'x', x);
    const [outputs, inputs] = this.weight.value.shape;
    assert(x.rank === 2 && x.shape[1] === inputs, () => `Dense: input must be [N, ${inputs}] (Flatten first), got ${fmtShape(x.shape)}`);
    const n = x.shape[0];
    const w = this.weight.value.data;
    const z = new Float64Array(n * outputs);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < outputs; j++) {
        let sum = this.bias.value.data[j];
        for (let k = 0; k < inputs; k++) sum += w[j * inputs + k] * x.data[s * inputs + k];
        z[s * outputs + j] = sum;
      }
    }
    this.x = x;
    this.z = new Tensor([n, outputs], z);
    return activate(this.activation, this.z);
  }

  backward(dy: Tensor): Tensor {
    return this.backwardFromLogits(activationBackward(this.activation, cached('Dense', this.z), dy, 'Dense'));
  }

  /** The backward pass from dz = ∂C/∂z, skipping the activation (used with softmaxCrossEntropy). */
  backwardFromLogits(dz: Tensor): Tensor {
    const x = cached('Dense', this.x);
    const [outputs, inputs] = this.weight.value.shape;
    checkTensor('Dense', 'dz', dz);
    assert(
      dz.rank === 2 && dz.shape[0] === x.shape[0] && dz.shape[1] === outputs,
      () => `Dense: dz must have the output shape [${x.shape[0]},${outputs}], got ${fmtShape(dz.shape)}`,
    );
    const n = x.shape[0];
    const w = this.weight.value.data;
    const dw = this.weight.grad.data.fill(0);
    const db = this.bias.grad.data.fill(0);
    const dx = new Float64Array(n * inputs);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < outputs; j++) {
        const d = dz.data[s * outputs + j];
        db[j] += d;
        for (let k = 0; k < inputs; k++) {
          dw[j * inputs + k] += d * x.data[s * inputs + k];
          dx[s * inputs + k] += d * w[j * inputs + k];
        }
      }
    }
    return new Tensor([n, inputs], dx);
  }
}
