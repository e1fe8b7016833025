import { describe, expect, it } from 'vitest';
import { Tensor, gradcheck, tensor } from '../../../kernel-lib/src';

const f = (t: Tensor) => t.data[0] ** 2 + 3 * t.data[1];

describe('gradcheck', () => {
  it('f = x0² + 3·x1 at [1, 2]: numeric ≈ [2, 3], analytic given as a Tensor', () => {
    const r = gradcheck(f, tensor([1, 2]), { analytic: tensor([2, 3]) });
    expect(r.numeric.data[0]).toBeCloseTo(2, 8);
    expect(r.numeric.data[1]).toBeCloseTo(3, 8);
    expect(r.maxRelError).toBeLessThan(1e-8);
  });

  it('takes the analytic gradient from a function, or from f returning { value, grad }', () => {
    const x = tensor([1, 2]);
    expect(gradcheck(f, x, { analytic: (t) => tensor([2 * t.data[0], 3]) }).maxRelError).toBeLessThan(1e-8);
    const withGrad = (t: Tensor) => ({ value: f(t), grad: tensor([2 * t.data[0], 3]) });
    expect(gradcheck(withGrad, x).maxRelError).toBeLessThan(1e-8);
  });

  it('reports a wrong gradient: analytic [2, 4] has relative error 1/4', () => {
    const r = gradcheck(f, tensor([1, 2]), { analytic: tensor([2, 4]) });
    expect(r.maxRelError).toBeCloseTo(0.25, 6);
    expect(r.maxAbsError).toBeCloseTo(1, 6);
  });

  it('leaves x unchanged', () => {
    const x = tensor([1, 2]);
    gradcheck(f, x, { analytic: tensor([2, 3]) });
    expect(x.toArray()).toEqual([1, 2]);
  });

  it('throws when no analytic gradient is given', () => {
    expect(() => gradcheck(f, tensor([1, 2]))).toThrow(/gradcheck: an analytic gradient is needed .*got none/);
  });

  it('throws when the analytic gradient has another shape', () => {
    expect(() => gradcheck(f, tensor([1, 2]), { analytic: tensor([1]) })).toThrow(
      /gradcheck: the analytic gradient must have the shape of x \[2\], got \[1\]/,
    );
  });

  it('throws when eps is not positive', () => {
    expect(() => gradcheck(f, tensor([1, 2]), { eps: 0, analytic: tensor([2, 3]) })).toThrow(
      /gradcheck: eps must be a positive number, got 0/,
    );
  });

  it('throws when f is not a function or x not a Tensor', () => {
    expect(() => gradcheck(3 as never, tensor([1]))).toThrow(/gradcheck: f must be a function, got number/);
    expect(() => gradcheck(f, [1, 2] as never)).toThrow(/gradcheck: x must be a Tensor, got object/);
  });
});
