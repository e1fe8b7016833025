import { avgPool2d, avgPool2dBackward } from '../ops/avgPool2d';
import { maxPool2d, maxPool2dBackward } from '../ops/maxPool2d';
import { checkOptions } from '../ops/args';
import { AVG_POOL2D_OPTIONS, type AvgPool2dOptions, MAX_POOL2D_OPTIONS, type Pool2dOptions } from '../ops/pool2dGeometry';
import { Tensor } from '../tensor';
import { Layer, Param, cached } from './layer';

function describe(kind: string, opts: Pool2dOptions | AvgPool2dOptions): string {
  const size = opts.size ?? 2;
  return `${kind}(${typeof size === 'number' ? `${size}x${size}` : size.join('x')})`;
}

/**
 * Max pooling as a layer, over the last two axes (the notes' 2x2 blocks that tile the map):
 * y = maxPool2d(x, opts), with any of maxPool2d's options (padding sides, dilation, ceilMode). Backward sends each dy to the window's maximum only (BP2 with a weight-1
 * connection), via maxPool2dBackward. No parameters.
 *
 * @example
 * new MaxPool2D().forward(zeros([1, 20, 24, 24])).shape; // [1, 20, 12, 12]
 */
export class MaxPool2D implements Layer {
  readonly name: string;
  readonly params: readonly Param[] = [];
  private x: Tensor | undefined;

  constructor(readonly options: Pool2dOptions = {}) {
    checkOptions('MaxPool2D', options, MAX_POOL2D_OPTIONS);
    this.name = describe('MaxPool2D', options);
  }

  forward(x: Tensor): Tensor {
    const { y } = maxPool2d(x, this.options);
    this.x = x;
    return y;
  }

  backward(dy: Tensor): Tensor {
    return maxPool2dBackward(cached('MaxPool2D', this.x), dy, this.options);
  }
}

/**
 * Average pooling as a layer, over the last two axes: y = avgPool2d(x, opts), with any of
 * avgPool2d's options (padding sides, ceilMode, countIncludePad, divisorOverride). Backward gives
 * each cell of a window dy/D (the notes' quarters for 2x2), via avgPool2dBackward. No parameters.
 *
 * @example
 * new AvgPool2D({ size: 2 }).forward(zeros([1, 20, 24, 24])).shape; // [1, 20, 12, 12]
 */
export class AvgPool2D implements Layer {
  readonly name: string;
  readonly params: readonly Param[] = [];
  private x: Tensor | undefined;

  constructor(readonly options: AvgPool2dOptions = {}) {
    checkOptions('AvgPool2D', options, AVG_POOL2D_OPTIONS);
    this.name = describe('AvgPool2D', options);
  }

  forward(x: Tensor): Tensor {
    const y = avgPool2d(x, this.options);
    this.x = x;
    return y;
  }

  backward(dy: Tensor): Tensor {
    return avgPool2dBackward(cached('AvgPool2D', this.x), dy, this.options);
  }
}
