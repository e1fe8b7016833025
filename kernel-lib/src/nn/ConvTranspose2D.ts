import { assert, assertPositiveInt } from '../assert';
import { checkOptions, toPair, type Pair } from '../ops/args';
import { convTranspose2d, convTranspose2dBackward } from '../ops/convTranspose2d';
import { CONV_TRANSPOSE2D_OPTIONS, type ConvTranspose2dOptions } from '../ops/convTranspose2dGeometry';
import { Tensor } from '../tensor';
import { activate, activationBackward, assertActivation } from './activate';
import type { ActivationName } from './activations';
import { LAYER_OPTIONS } from './Conv2D';
import { Layer, Param, cached, initParams, setGrad } from './layer';
import { ELEMENTWISE_ACTIVATIONS } from '../portable/activation';

/** Options of ConvTranspose2D: the layer's sizes, activation and initialisation, plus convTranspose2d's geometry. */
export interface ConvTranspose2DLayerOptions extends ConvTranspose2dOptions {
  inChannels: number;
  outChannels: number;
  /** Kernel size, a number or [kh, kw]. */
  kernelSize: Pair;
  /** Default 'linear' (an upsampler usually feeds a later activation or the loss). */
  activation?: Exclude<ActivationName, 'softmax'>;
  /** Seed of the initialisation (default 0). */
  seed?: number;
  /** Initial weights [C, K/groups, kh, kw] (PyTorch's layout) instead of random ones (copied). */
  weight?: Tensor;
  /** Initial biases [K] instead of random ones (copied). */
  bias?: Tensor;
}

/**
 * A transposed-convolution layer (PyTorch's ConvTranspose2d, Keras's Conv2DTranspose), the usual
 * learned upsampler: y = f(convTranspose2d(x, w, b)). Shapes: x [N, C, H, W], w [C, K/groups, kh, kw],
 * b [K] → y [N, K, (H − 1)·s − 2p + d·(kh − 1) + outputPadding + 1, …]. Backward: dz = f'(z) ⊙ dy,
 * then convTranspose2dBackward gives dx (= conv2d(dz, w)), dw, db. Weights ~ N(0, 1/fanIn) with
 * fanIn = (K/groups)·kh·kw (PyTorch's fan-in of this layout), biases ~ N(0, 1).
 *
 * @example
 * const up = new ConvTranspose2D({ inChannels: 20, outChannels: 24, kernelSize: 4, stride: 2, padding: 1 });
 * up.forward(zeros([1, 20, 12, 12])).shape; // [1, 24, 24, 24]
 */
export class ConvTranspose2D implements Layer {
  readonly name: string;
  readonly params: readonly Param[];
  readonly weight: Param;
  readonly bias: Param;
  readonly activation: Exclude<ActivationName, 'softmax'>;
  readonly geometry: ConvTranspose2dOptions;
  private x: Tensor | undefined;
  private z: Tensor | undefined;

  constructor(opts: ConvTranspose2DLayerOptions) {
    const op = 'ConvTranspose2D';
    checkOptions(op, opts, [...CONV_TRANSPOSE2D_OPTIONS, ...LAYER_OPTIONS]);
    const { inChannels, outChannels, kernelSize, activation = 'linear', stride, padding, outputPadding, dilation, groups = 1 } = opts;
    assertPositiveInt(op, 'inChannels', inChannels);
    assertPositiveInt(op, 'outChannels', outChannels);
    assertPositiveInt(op, 'groups', groups);
    assert(
      inChannels % groups === 0 && outChannels % groups === 0,
      () => `${op}: groups must divide inChannels and outChannels, got groups ${groups} for ${inChannels} → ${outChannels}`,
    );
    const [kh, kw] = toPair(op, 'kernelSize', kernelSize);
    assertActivation(op, activation, ELEMENTWISE_ACTIVATIONS);
    this.activation = activation;
    this.geometry = { stride, padding, outputPadding, dilation, groups };
    const kg = outChannels / groups;
    [this.weight, this.bias] = initParams(op, { weight: [inChannels, kg, kh, kw], bias: [outChannels], fanIn: kg * kh * kw }, opts);
    this.params = [this.weight, this.bias];
    this.name = `ConvTranspose2D(${inChannels}→${outChannels}, ${kh}x${kw}${groups > 1 ? `, groups ${groups}` : ''}, ${activation})`;
  }

  forward(x: Tensor): Tensor {
    this.x = x;
    this.z = convTranspose2d(x, this.weight.value, this.bias.value, this.geometry);
    return activate(this.activation, this.z);
  }

  backward(dy: Tensor): Tensor {
    const x = cached('ConvTranspose2D', this.x);
    const dz = activationBackward(this.activation, cached('ConvTranspose2D', this.z), dy, 'ConvTranspose2D');
    const { dx, dw, db } = convTranspose2dBackward(x, this.weight.value, dz, this.geometry);
    setGrad(this.weight, dw);
    setGrad(this.bias, db);
    return dx;
  }
}
