import { checkOptions, toPair, type Pair } from '../ops/args';
import { conv2d, conv2dBackward } from '../ops/conv2d';
import { CONV2D_OPTIONS, type Conv2dOptions } from '../ops/conv2dGeometry';
import { assert, assertPositiveInt } from '../assert';
import { Tensor } from '../tensor';
import { activate, activationBackward, assertActivation } from './activate';
import type { ActivationName } from './activations';
import { Layer, Param, cached, initParams, setGrad } from './layer';
import { ELEMENTWISE_ACTIVATIONS } from '../portable/activation';

/** The layer options of Conv2D and ConvTranspose2D besides the op's geometry. */
export const LAYER_OPTIONS = ['inChannels', 'outChannels', 'kernelSize', 'activation', 'seed', 'weight', 'bias'] as const;

/** Options of Conv2D: the layer's sizes, activation and initialisation, plus conv2d's geometry. */
export interface Conv2DLayerOptions extends Conv2dOptions {
  inChannels: number;
  outChannels: number;
  /** Kernel size, a number or [kh, kw]. */
  kernelSize: Pair;
  /** Default 'sigmoid', as in the notes. Softmax is for Dense output layers only. */
  activation?: Exclude<ActivationName, 'softmax'>;
  /** Seed of Nielsen's initialisation (default 0); give each layer its own. */
  seed?: number;
  /** Initial weights [K, C/groups, kh, kw] instead of random ones (copied). */
  weight?: Tensor;
  /** Initial biases [K] instead of random ones (copied). */
  bias?: Tensor;
}

/**
 * A convolutional layer, the notes' shared-weight kernels: y = f(conv2d(x, w, b)), i.e.
 * y[n][k][r][c] = f(b[k] + Σ_c Σ_l Σ_m w[k][c][l][m]·x[n][c][r·s + l·d − p][c·s + m·d − p]),
 * with any of conv2d's options (stride, padding in every form, dilation, groups).
 * Shapes: x [N, C, H, W], w [K, C/groups, kh, kw], b [K] → y [N, K, OH, OW]. Backward: dz = f'(z) ⊙ dy,
 * then conv2dBackward gives dx, dw, db. Parameters: K·(C/groups)·kh·kw + K; fan-in (C/groups)·kh·kw.
 *
 * @example
 * const conv = new Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5, seed: 1 });
 * conv.forward(zeros([1, 1, 28, 28])).shape; // [1, 20, 24, 24]
 * new Conv2D({ inChannels: 32, outChannels: 32, kernelSize: 3, groups: 32, padding: 'same', stride: 2 }); // depthwise
 */
export class Conv2D implements Layer {
  readonly name: string;
  readonly params: readonly Param[];
  readonly weight: Param;
  readonly bias: Param;
  readonly activation: Exclude<ActivationName, 'softmax'>;
  readonly geometry: Conv2dOptions;
  private x: Tensor | undefined;
  private z: Tensor | undefined;

  constructor(opts: Conv2DLayerOptions) {
    checkOptions('Conv2D', opts, [...CONV2D_OPTIONS, ...LAYER_OPTIONS]);
    const { inChannels, outChannels, kernelSize, activation = 'sigmoid', stride, padding, dilation, groups = 1 } = opts;
    assertPositiveInt('Conv2D', 'inChannels', inChannels);
    assertPositiveInt('Conv2D', 'outChannels', outChannels);
    assertPositiveInt('Conv2D', 'groups', groups);
    assert(
      inChannels % groups === 0 && outChannels % groups === 0,
      () => `Conv2D: groups must divide inChannels and outChannels, got groups ${groups} for ${inChannels} → ${outChannels}`,
    );
    const [kh, kw] = toPair('Conv2D', 'kernelSize', kernelSize);
    assertActivation('Conv2D', activation, ELEMENTWISE_ACTIVATIONS);
    this.activation = activation;
    this.geometry = groups === 1 ? { stride, padding, dilation } : { stride, padding, dilation, groups };
    const cg = inChannels / groups;
    [this.weight, this.bias] = initParams('Conv2D', { weight: [outChannels, cg, kh, kw], bias: [outChannels], fanIn: cg * kh * kw }, opts);
    this.params = [this.weight, this.bias];
    this.name = `Conv2D(${inChannels}→${outChannels}, ${kh}x${kw}${groups > 1 ? `, groups ${groups}` : ''}, ${activation})`;
  }

  forward(x: Tensor): Tensor {
    this.x = x;
    this.z = conv2d(x, this.weight.value, this.bias.value, this.geometry);
    return activate(this.activation, this.z);
  }

  backward(dy: Tensor): Tensor {
    const x = cached('Conv2D', this.x);
    const dz = activationBackward(this.activation, cached('Conv2D', this.z), dy, 'Conv2D');
    const { dx, dw, db } = conv2dBackward(x, this.weight.value, dz, this.geometry);
    setGrad(this.weight, dw);
    setGrad(this.bias, db);
    return dx;
  }
}
