import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { checkTensor } from './args';

/**
 * The partial inverse of maxPool2d (PyTorch's max_unpool2d): each pooled value goes back to the
 * cell it came from, every other cell is 0: out.data[argmax[o]] = y.data[o].
 *
 * Shapes: y [..., OH, OW], argmax (from maxPool2d, flat indices into the input, one per element
 * of y), outputSize = [H, W] of that input → out [..., H, W]. Each index must lie in its own
 * output's plane.
 *
 * @example
 * const x = tensor([[[[1, 3], [3, 2]]]]);
 * const { y, argmax } = maxPool2d(x);
 * maxUnpool2d(y, argmax, [2, 2]).toArray(); // [[[[0, 3], [0, 0]]]]
 */
export function maxUnpool2d(y: Tensor, argmax: Int32Array, outputSize: readonly [number, number]): Tensor {
  const op = 'maxUnpool2d';
  checkTensor(op, 'y', y);
  assert(y.rank >= 2, () => `${op}: y must be rank ≥ 2 (..., OH, OW), got rank ${y.rank} (y ${fmtShape(y.shape)})`);
  assert(argmax instanceof Int32Array, () => `${op}: argmax must be the Int32Array from maxPool2d, got ${typeof argmax}`, TypeError);
  assert(argmax.length === y.size, () => `${op}: argmax must have one index per element of y (${y.size}), got ${argmax.length}`);
  assert(
    Array.isArray(outputSize) && outputSize.length === 2 && outputSize.every((v) => Number.isInteger(v) && v > 0),
    () => `${op}: outputSize must be [H, W] with positive integers, got ${JSON.stringify(outputSize)}`,
  );
  const [H, W] = outputSize;
  const perPlane = y.shape[y.rank - 2] * y.shape[y.rank - 1];
  const out = new Float64Array((y.size / perPlane) * H * W);
  for (let o = 0; o < y.size; o++) {
    const plane = Math.floor(o / perPlane);
    const i = argmax[o];
    assert(
      i >= plane * H * W && i < (plane + 1) * H * W,
      () =>
        `${op}: argmax[${o}] must index plane ${plane} of an input [..., ${H}, ${W}] (${plane * H * W} … ${(plane + 1) * H * W - 1}), got ${i}`,
    );
    out[i] = y.data[o];
  }
  return new Tensor([...y.shape.slice(0, -2), H, W], out);
}
