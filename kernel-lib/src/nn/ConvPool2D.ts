import { assert } from '../assert';
import { avgPool2d, avgPool2dBackward } from '../ops/avgPool2d';
import { conv2d, conv2dBackward } from '../ops/conv2d';
import { maxPool2d, maxPool2dBackward } from '../ops/maxPool2d';
import type { Pair } from '../ops/args';
import { Tensor } from '../tensor';
import { activate, activationBackward } from './activate';
import { Conv2D, Conv2DLayerOptions } from './Conv2D';
import { Layer, Param, cached, setGrad } from './layer';

/** Options of ConvPool2D: those of Conv2D plus the pooling and the order of the steps. */
export interface ConvPool2DLayerOptions extends Conv2DLayerOptions {
  /** 'max' (default) or 'avg'. */
  pool?: 'max' | 'avg';
  /** Pooling window, tiling the map (stride = size). Default 2. */
  poolSize?: Pair;
  /** 'standard' (default): pool(f(conv(x) + b)). 'nielsen': f(pool(conv(x)) + b), network3's ConvPoolLayer. */
  order?: 'standard' | 'nielsen';
}

/**
 * A convolution followed by pooling, in one of two orders:
 * - 'standard': y = pool(f(conv2d(x, w) + b));
 * - 'nielsen':  y = f(pool(conv2d(x, w)) + b), as network3's ConvPoolLayer (bias and activation
 *   after pooling, on the smaller map). For max pooling and an increasing f both give the same y.
 * Shapes: x [N, C, H, W] → y [N, K, OH/size, OW/size]. Parameters as Conv2D: K·C·kh·kw + K.
 *
 * @example
 * const layer = new ConvPool2D({ inChannels: 1, outChannels: 20, kernelSize: 5, order: 'nielsen', seed: 1 });
 * layer.forward(zeros([1, 1, 28, 28])).shape; // [1, 20, 12, 12]
 */
export class ConvPool2D implements Layer {
  readonly name: string;
  readonly params: readonly Param[];
  readonly conv: Conv2D;
  readonly pool: 'max' | 'avg';
  readonly poolSize: Pair;
  readonly order: 'standard' | 'nielsen';
  private cache: { x: Tensor; c: Tensor; z: Tensor } | undefined;

  constructor(opts: ConvPool2DLayerOptions) {
    const { pool = 'max', poolSize = 2, order = 'standard', ...convOptions } = opts;
    assert(pool === 'max' || pool === 'avg', () => `ConvPool2D: pool must be 'max' or 'avg', got ${JSON.stringify(pool)}`, TypeError);
    assert(
      order === 'standard' || order === 'nielsen',
      () => `ConvPool2D: order must be 'standard' or 'nielsen', got ${JSON.stringify(order)}`,
      TypeError,
    );
    this.conv = new Conv2D(convOptions);
    this.params = this.conv.params;
    this.pool = pool;
    this.poolSize = poolSize;
    this.order = order;
    const size = typeof poolSize === 'number' ? `${poolSize}x${poolSize}` : poolSize.join('x');
    this.name = `ConvPool2D(${this.conv.name.slice('Conv2D('.length, -1)}, ${pool} ${size}, ${order})`;
  }

  private poolForward(x: Tensor): Tensor {
    return this.pool === 'max' ? maxPool2d(x, { size: this.poolSize }).y : avgPool2d(x, { size: this.poolSize });
  }

  private poolBackward(x: Tensor, dy: Tensor): Tensor {
    const opts = { size: this.poolSize };
    return this.pool === 'max' ? maxPool2dBackward(x, dy, opts) : avgPool2dBackward(x, dy, opts);
  }

  forward(x: Tensor): Tensor {
    const { weight, bias, activation, geometry } = this.conv;
    if (this.order === 'standard') {
      const z = conv2d(x, weight.value, bias.value, geometry);
      const c = activate(activation, z);
      this.cache = { x, c, z };
      return this.poolForward(c);
    }
    const c = conv2d(x, weight.value, undefined, geometry);
    const z = addChannelBias(this.poolForward(c), bias.value);
    this.cache = { x, c, z };
    return activate(activation, z);
  }

  backward(dy: Tensor): Tensor {
    const { x, c, z } = cached('ConvPool2D', this.cache);
    const { weight, bias, activation, geometry } = this.conv;
    if (this.order === 'standard') {
      const dz = activationBackward(activation, z, this.poolBackward(c, dy), 'ConvPool2D');
      const { dx, dw, db } = conv2dBackward(x, weight.value, dz, geometry);
      setGrad(weight, dw);
      setGrad(bias, db);
      return dx;
    }
    const dz = activationBackward(activation, z, dy, 'ConvPool2D');
    // Pooling backward only moves each dz into its window, so Σ dc = Σ dz per channel and
    // conv2dBackward's db (Σ over n, i, j) is also ∂C/∂b of the bias added after pooling.
    const { dx, dw, db } = conv2dBackward(x, weight.value, this.poolBackward(c, dz), geometry);
    setGrad(weight, dw);
    setGrad(bias, db);
    return dx;
  }
}

/** y[n][k][i][j] = x[n][k][i][j] + b[k] for x [N, K, H, W], b [K]. */
function addChannelBias(x: Tensor, b: Tensor): Tensor {
  const [, k, h, w] = x.shape;
  const out = Float64Array.from(x.data);
  for (let i = 0; i < out.length; i++) out[i] += b.data[Math.floor(i / (h * w)) % k];
  return new Tensor(x.shape, out);
}
