import { describe, expect, it } from 'vitest';
import { Tensor, gradcheck, randn, softmax, softmaxJacobian, softmaxJvp, tensor } from '../../../kernel-lib/src';

describe('softmax', () => {
  it('softmax([[0,0],[1e4,-1e4],[1e4,1e4]]) is stable: [[.5,.5],[1,0],[.5,.5]]', () => {
    expect(
      softmax(
        tensor([
          [0, 0],
          [1e4, -1e4],
          [1e4, 1e4],
        ]),
      ).toArray(),
    ).toEqual([
      [0.5, 0.5],
      [1, 0],
      [0.5, 0.5],
    ]);
  });

  it('rows of softmax(randn([3, 4, 7]) · 50) sum to 1 over the last axis', () => {
    const s = softmax(randn([3, 4, 7], 2, 50));
    for (let row = 0; row < 12; row++) {
      const total = s.data.slice(row * 7, row * 7 + 7).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 14);
    }
  });

  it('softmax([1, 2, 3]) = e^z / Σ e^z', () => {
    const e = [1, 2, 3].map(Math.exp);
    const total = e.reduce((a, b) => a + b, 0);
    expect(
      Array.from(softmax(tensor([1, 2, 3])).data)
        .map((v, i) => v - e[i] / total)
        .every((d) => Math.abs(d) < 1e-15),
    ).toBe(true);
  });

  it('softmaxJvp(z, v) equals central differences of v·softmax(z), z randn([2, 5])', () => {
    const z = randn([2, 5], 3);
    const v = randn([2, 5], 4);
    const f = (t: Tensor) => softmax(t).data.reduce((a, s, i) => a + s * v.data[i], 0);
    expect(gradcheck(f, z, { analytic: softmaxJvp(z, v) }).maxRelError).toBeLessThan(1e-7);
  });

  it('softmaxJacobian([0, 0]) = [[.25, -.25], [-.25, .25]] and J·v = softmaxJvp', () => {
    expect(softmaxJacobian(tensor([0, 0])).toArray()).toEqual([
      [0.25, -0.25],
      [-0.25, 0.25],
    ]);
    const z = randn([4], 5);
    const v = randn([4], 6);
    const J = softmaxJacobian(z);
    const jv = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].reduce((a, j) => a + J.get(i, j) * v.data[j], 0));
    softmaxJvp(z, v).data.forEach((x, i) => expect(x).toBeCloseTo(jv[i], 15));
  });

  it('throws when z has rank 0', () => {
    expect(() => softmax(tensor(3))).toThrow(/softmax: x must have rank ≥ 1 and a non-empty last axis, got shape \[\]/);
  });

  it('throws when v does not have the shape of z', () => {
    expect(() => softmaxJvp(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(/softmaxJvp: v must have the shape of z \[2\], got \[3\]/);
  });

  it('throws when softmaxJacobian gets a matrix', () => {
    expect(() => softmaxJacobian(tensor([[1, 2]]))).toThrow(/softmaxJacobian: z must have rank 1, got shape \[1,2\]/);
  });
});
