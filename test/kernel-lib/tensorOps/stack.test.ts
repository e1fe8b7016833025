import { describe, expect, it } from 'vitest';
import { randn, select, stack, tensor } from '../../../kernel-lib/src';

describe('stack', () => {
  it('[1,2] and [3,4] → [[1,2],[3,4]], shape [2,2]', () => {
    const t = stack([tensor([1, 2]), tensor([3, 4])]);
    expect(t.shape).toEqual([2, 2]);
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('rank-0 tensors make a vector; one tensor gets a leading axis of 1', () => {
    expect(stack([tensor(5), tensor(6)]).toArray()).toEqual([5, 6]);
    expect(stack([tensor([[1, 2]])]).shape).toEqual([1, 1, 2]);
  });

  it('stacking [2][3] planes of [4,5] twice gives [2,3,4,5], and select takes them back out', () => {
    const planes = [0, 1].map((n) => [0, 1, 2].map((c) => randn([4, 5], 10 * n + c)));
    const t = stack(planes.map((byC) => stack(byC)));
    expect(t.shape).toEqual([2, 3, 4, 5]);
    for (let n = 0; n < 2; n++) for (let c = 0; c < 3; c++) expect(Array.from(select(t, n, c).data)).toEqual(Array.from(planes[n][c].data));
    expect(t.get(1, 2, 3, 4)).toBe(planes[1][2].get(3, 4));
  });

  it('throws when tensors is empty', () => {
    expect(() => stack([])).toThrow(/^stack: tensors must hold at least one Tensor, got an empty array$/);
  });

  it('throws when the shapes differ', () => {
    expect(() => stack([tensor([1, 2]), tensor([[3, 4]])])).toThrow(
      /^stack: every tensor must have the shape of tensors\[0\], \[2\], got \[1,2\] at tensors\[1\]$/,
    );
  });

  it('throws when tensors is not an array, or holds something else than a Tensor', () => {
    expect(() => stack(tensor([1]) as never)).toThrow(/^stack: tensors must be an array of Tensors, got object$/);
    expect(() => stack([tensor([1]), [2] as never])).toThrow(/^stack: tensors\[1\] must be a Tensor, got array \[2\]$/);
  });
});
