import { assert, fmtShape } from '../assert';
import { checkTensor } from '../ops/args';
import { Tensor } from '../tensor';
import { Layer, Param, cached } from './layer';

/**
 * Flattens every example into a row: x [N, d1, d2, …] → [N, d1·d2·…] (row-major, no copy);
 * backward reshapes dy back to x's shape. No parameters.
 *
 * @example
 * new Flatten().forward(zeros([2, 20, 12, 12])).shape; // [2, 2880]
 */
export class Flatten implements Layer {
  readonly name = 'Flatten';
  readonly params: readonly Param[] = [];
  private inShape: readonly number[] | undefined;

  forward(x: Tensor): Tensor {
    checkTensor('Flatten', 'x', x);
    assert(x.rank >= 1, () => `Flatten: input must have a batch axis (rank ≥ 1), got ${fmtShape(x.shape)}`);
    this.inShape = x.shape;
    return x.reshape([x.shape[0], x.size / (x.shape[0] || 1)]);
  }

  backward(dy: Tensor): Tensor {
    const shape = cached('Flatten', this.inShape);
    checkTensor('Flatten', 'dy', dy);
    const rows = shape[0];
    assert(
      dy.rank === 2 && dy.shape[0] === rows && dy.size === shape.reduce((a, b) => a * b, 1),
      () => `Flatten: dy must have the output shape [${rows},${shape.slice(1).reduce((a, b) => a * b, 1)}], got ${fmtShape(dy.shape)}`,
    );
    return dy.reshape(shape);
  }
}
