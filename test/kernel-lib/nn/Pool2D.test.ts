import { describe, expect, it } from 'vitest';
import { AvgPool2D, Flatten, MaxPool2D, randn, tensor, zeros } from '../../../kernel-lib/src';
import { layerGradError } from './layerGradients';

describe('MaxPool2D, AvgPool2D, Flatten', () => {
  it('MaxPool2D 2x2 on [[1,3],[3,2]]: y = 3, δ goes to the first 3 only', () => {
    const pool = new MaxPool2D();
    expect(
      pool
        .forward(
          tensor([
            [
              [
                [1, 3],
                [3, 2],
              ],
            ],
          ]),
        )
        .toArray(),
    ).toEqual([[[[3]]]]);
    expect(pool.backward(tensor([[[[5]]]])).toArray()).toEqual([
      [
        [
          [0, 5],
          [0, 0],
        ],
      ],
    ]);
  });

  it('AvgPool2D 2x2: y is the mean, δ/4 to each cell', () => {
    const pool = new AvgPool2D({ size: 2 });
    expect(
      pool
        .forward(
          tensor([
            [
              [
                [1, 2],
                [3, 6],
              ],
            ],
          ]),
        )
        .toArray(),
    ).toEqual([[[[3]]]]);
    expect(pool.backward(tensor([[[[4]]]])).toArray()).toEqual([
      [
        [
          [1, 1],
          [1, 1],
        ],
      ],
    ]);
  });

  it.each([
    ['MaxPool2D size 2', () => new MaxPool2D({ size: 2 })],
    ['MaxPool2D size 3 stride 2', () => new MaxPool2D({ size: 3, stride: 2 })],
    ['AvgPool2D size 2', () => new AvgPool2D({ size: 2 })],
    ['Flatten', () => new Flatten()],
  ])('%s on x [2,3,6,6]: backward equals finite differences', (_, make) => {
    expect(layerGradError(make(), randn([2, 3, 6, 6], 11)).dx).toBeLessThan(1e-6);
  });

  it('Flatten [2,20,12,12] → [2,2880] and back', () => {
    const flat = new Flatten();
    expect(flat.forward(zeros([2, 20, 12, 12])).shape).toEqual([2, 2880]);
    expect(flat.backward(zeros([2, 2880])).shape).toEqual([2, 20, 12, 12]);
  });

  it('names and parameters: MaxPool2D(2x2) and AvgPool2D(3x3) have none', () => {
    expect(new MaxPool2D().name).toBe('MaxPool2D(2x2)');
    expect(new AvgPool2D({ size: 3 }).name).toBe('AvgPool2D(3x3)');
    expect(new MaxPool2D().params).toEqual([]);
  });

  it('throws when backward comes before forward', () => {
    expect(() => new MaxPool2D().backward(zeros([1, 1, 1, 1]))).toThrow(/MaxPool2D: backward needs a forward pass first, got none/);
    expect(() => new AvgPool2D().backward(zeros([1, 1, 1, 1]))).toThrow(/AvgPool2D: backward needs a forward pass first, got none/);
    expect(() => new Flatten().backward(zeros([1, 1]))).toThrow(/Flatten: backward needs a forward pass first, got none/);
  });

  it('throws when dy has the wrong shape (from the pooling op)', () => {
    const pool = new MaxPool2D();
    pool.forward(zeros([1, 1, 4, 4]));
    expect(() => pool.backward(zeros([1, 1, 4, 4]))).toThrow(
      /maxPool2dBackward: dy must have the output shape \[1,1,2,2\], got \[1,1,4,4\]/,
    );
  });

  it('throws when Flatten gets a rank-0 input or a dy of the wrong shape', () => {
    expect(() => new Flatten().forward(tensor(1))).toThrow(/Flatten: input must have a batch axis \(rank ≥ 1\), got \[\]/);
    const flat = new Flatten();
    flat.forward(zeros([2, 3, 2]));
    expect(() => flat.backward(zeros([2, 5]))).toThrow(/Flatten: dy must have the output shape \[2,6\], got \[2,5\]/);
  });

  it('throws when Flatten gets something other than a Tensor', () => {
    expect(() => new Flatten().forward([1] as never)).toThrow(/Flatten: x must be a Tensor, got array/);
  });
});
