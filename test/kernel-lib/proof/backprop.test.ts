// The notes' result: for a conv layer z = correlate(a, k), BP2 gives δ_prev = Wᵀδ (W from
// connectionMatrix), and this equals correlate2d(δ, rot180(k), 'full'), border neurons included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Expr,
  Tensor,
  conv2dBackward,
  connectionMatrix,
  correlate2d,
  gradcheck,
  randn,
  rot180,
  symbolicCorrelate,
  symbolicKernel,
  symbolicMatrix,
  tensor,
} from '../../../kernel-lib/src';
import { cases, matTVec, relError } from './geometry';

const dot = (a: Tensor, b: Tensor): number => a.data.reduce((s, v, i) => s + v * b.data[i], 0);

const notesCase = fc.record({
  kh: fc.integer({ min: 1, max: 5 }),
  kw: fc.integer({ min: 1, max: 5 }),
  extraH: fc.integer({ min: 0, max: 5 }),
  extraW: fc.integer({ min: 0, max: 5 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

describe("the notes' proof: δ_prev = correlate(pad(δ), rot180(k)) = Wᵀδ", () => {
  it('rot180 + full correlation = Wᵀδ = finite differences of Σ δ⊙z, within 1e-9, random shapes', () => {
    fc.assert(
      fc.property(notesCase, ({ kh, kw, extraH, extraW, seed }) => {
        const k = randn([kh, kw], seed);
        const a = randn([kh + extraH, kw + extraW], seed + 1);
        const delta = randn([extraH + 1, extraW + 1], seed + 2);
        const byRotation = correlate2d(delta, rot180(k), 'full');
        const byTranspose = matTVec(connectionMatrix(k, a.shape), delta.data);
        // Σ δ⊙z is linear in a, so central differences are exact for any step; eps = 1 avoids rounding.
        const numeric = gradcheck((t) => dot(delta, correlate2d(t, k)), a, { eps: 1, analytic: byRotation }).numeric;
        expect(byRotation.shape).toEqual(a.shape);
        expect(relError(byRotation.data, byTranspose)).toBeLessThan(1e-9);
        expect(relError(byRotation.data, numeric.data)).toBeLessThan(1e-9);
      }),
    );
  });

  it('border neurons: with k 3x3 on a 4x4 input, corner δ_prev[0][0] = w11·δ11 only', () => {
    const k = tensor([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const delta = tensor([
      [10, 20],
      [30, 40],
    ]);
    const prev = correlate2d(delta, rot180(k), 'full');
    expect(prev.get(0, 0)).toBe(1 * 10);
    expect(prev.get(3, 3)).toBe(9 * 40);
    expect(prev.get(1, 1)).toBe(5 * 10 + 4 * 20 + 2 * 30 + 1 * 40);
  });

  it('with strides, paddings and dilations, Wᵀδ equals conv2dBackward’s dx (1 channel)', () => {
    fc.assert(
      fc.property(cases(), (c) => {
        const opts = { stride: c.stride, padding: c.padding, dilation: c.dilation };
        const delta = randn([c.outH, c.outW], 7);
        const byTranspose = matTVec(connectionMatrix(c.k, c.a.shape, opts), delta.data);
        const { dx } = conv2dBackward(
          c.a.reshape([1, 1, ...c.a.shape]),
          c.k.reshape([1, 1, ...c.k.shape]),
          delta.reshape([1, 1, c.outH, c.outW]),
          opts,
        );
        expect(relError(dx.data, byTranspose)).toBeLessThan(1e-9);
      }),
    );
  });

  it('symbolically, k 3x3 on 4x4: full correlation of δ with rot180(w) = Wᵀδ, term by term', () => {
    const w = symbolicKernel(3, 3);
    const delta = symbolicMatrix(2, 2, 'δ');
    const byRotation = symbolicCorrelate(delta, w.rot180(), { padding: 2 });
    const W = connectionMatrix(w, [4, 4]);
    const terms = (e: Expr | null) => (e as Expr).toString().split(' + ').sort();
    for (let input = 0; input < 16; input++) {
      let sum = Expr.zero;
      for (let out = 0; out < 4; out++) {
        const weight = W.get(out, input) as Expr;
        if (weight.terms.length > 0) sum = sum.plus(weight.times(delta.cells[out] as Expr));
      }
      const lhs = terms(byRotation.cells[input]).map((t) => t.split('·').sort().join('·'));
      const rhs = terms(sum).map((t) => t.split('·').sort().join('·'));
      expect(lhs.sort()).toEqual(rhs.sort());
    }
    expect(byRotation.get(0, 0)?.toString()).toBe('w11·δ11');
  });
});
