import { describe, expect, it } from 'vitest';
import {
  activate,
  convBackwardFormula,
  convBackwardTerms,
  convFormula,
  convTerms,
  describePayload,
  differences,
  formatValue,
  poolBackwardFormula,
  poolFormula,
  poolWindow,
  rotated,
} from '../../../kernel-lib/src/view';
import { examples } from '../contract/examples';

const conv = {
  input: { shape: [2, 3] as [number, number], data: [1, 2, 3, 4, 5, 6] },
  kernel: { shape: [1, 2] as [number, number], data: [10, -1] },
  bias: 0.5,
};

describe('the meaning of the payloads (shared by fallbacks and renderer)', () => {
  it('convTerms: z = b + Σ w·x over the window at (r, c), hand-computed', () => {
    const { terms, z, a } = convTerms({ ...conv, activation: 'identity' }, 1, 1);
    expect(terms.map((t) => [t.weight, t.value, t.from])).toEqual([
      [10, 5, [1, 1]],
      [-1, 6, [1, 2]],
    ]);
    expect([z, a]).toEqual([0.5 + 50 - 6, 44.5]);
    expect(convTerms({ ...conv, activation: 'relu' }, 0, 0).a).toBe(0.5 + 10 - 2);
  });

  it('activate: σ(0) = ½, stable for large |z|; tanh; relu', () => {
    expect(activate('sigmoid', 0)).toBe(0.5);
    expect(activate('sigmoid', -1000)).toBe(0);
    expect(activate('sigmoid', 1000)).toBe(1);
    expect(activate('tanh', 0)).toBe(0);
    expect(activate('relu', -2)).toBe(0);
  });

  it('convBackwardTerms: δˡ(i,j) gathers only the δˡ⁺¹ cells that exist, with rot180(w) weights', () => {
    const p = {
      delta: { shape: [2, 2] as [number, number], data: [1, 2, 3, 4] },
      kernel: { shape: [2, 2] as [number, number], data: [1, 2, 3, 4] },
    };
    // rot180(w) = [[4, 3], [2, 1]]; δˡ(1,1) = 4·1 + 3·2 + 2·3 + 1·4 = 20
    expect(convBackwardTerms(p, 1, 1).sum).toBe(20);
    expect(convBackwardTerms(p, 0, 0).terms.map((t) => [t.weight, t.value, t.at])).toEqual([[1, 1, [1, 1]]]);
    expect(rotated(p.kernel).data).toEqual([4, 3, 2, 1]);
  });

  it('convBackwardTerms agrees with the example computed by hand', () => {
    const p = examples['conv-backward'];
    if (p.kind !== 'conv-backward') throw new Error('example');
    const [h, w] = p.output.shape;
    const sums = Array.from({ length: h * w }, (_, k) => convBackwardTerms(p, Math.floor(k / w), k % w).sum);
    expect(sums).toEqual(p.output.data);
  });

  it('poolWindow tiles: window (1, 2) of 2x2 windows covers rows 2..3, cols 4..5', () => {
    expect(poolWindow([2, 2], 1, 2)).toEqual([
      [2, 4],
      [2, 5],
      [3, 4],
      [3, 5],
    ]);
  });

  it('differences: each later item minus the first, and the largest |difference|', () => {
    expect(
      differences({
        items: [
          { label: 'a', data: [1, 2] },
          { label: 'b', data: [1, 1] },
          { label: 'c', data: [4, 2] },
        ],
      }),
    ).toEqual({
      diffs: [
        [0, -1],
        [3, 0],
      ],
      maxAbsError: 3,
    });
  });

  it('formatValue: 4 significant digits, exponent only for extreme magnitudes', () => {
    expect([formatValue(0), formatValue(1 / 3), formatValue(-123456), formatValue(2.2e-16), formatValue(0.5, 2)]).toEqual([
      '0',
      '0.3333',
      '-1.235e+5',
      '2.200e-16',
      '0.5',
    ]);
  });
});

describe('formulas written out with their numbers (1-based, as in the notes)', () => {
  it('forward: one line per kernel row', () => {
    expect(convFormula({ ...conv, activation: 'sigmoid' }, 0, 1)).toEqual([
      'a(1,2) = σ(b + Σ w·x)',
      '  z = 0.5',
      '      + 10·2 + (-1)·3',
      '    = 17.5',
      '  a = σ(17.5) = 1',
    ]);
  });

  it('backward: names the gathered δ cells (∂(w11·a11 + w12·a12)/∂a12 = w12)', () => {
    const p = { delta: { shape: [1, 1] as [number, number], data: [2] }, kernel: { shape: [1, 2] as [number, number], data: [3, 5] } };
    expect(convBackwardFormula(p, 0, 1)).toEqual([
      'δˡ(1,2) = Σ rot180(w)·δˡ⁺¹ (before ⊙ σ′)',
      '  gathers 1 cell: δˡ⁺¹(1,1)',
      '  = 5·2',
      '  = 10',
    ]);
  });

  it('pooling, forward and backward', () => {
    const input = { shape: [2, 2] as [number, number], data: [1, 7, 3, 2] };
    expect(poolFormula({ mode: 'max', size: [2, 2], input, argmax: [1] }, 0, 0)).toEqual(['y(1,1) = max(1, 7, 3, 2)', '  = 7 at x(1,2)']);
    expect(poolFormula({ mode: 'avg', size: [2, 2], input }, 0, 0)).toEqual(['y(1,1) = (1 + 7 + 3 + 2) / 4', '  = 3.25']);
    const delta = { shape: [1, 1] as [number, number], data: [8] };
    expect(poolBackwardFormula({ mode: 'max', size: [2, 2], input, delta, argmax: [1] }, 0, 0)[0]).toBe(
      "δˡ⁺¹(1,1) = 8 goes whole to x(1,2), the window's maximum (weight 1)",
    );
    expect(poolBackwardFormula({ mode: 'avg', size: [2, 2], input, delta }, 0, 0)[1]).toBe('  each gets 8 / 4 = 2');
  });

  it('describePayload gives kind, title, shape, min and max for every kind', () => {
    expect(describePayload(examples.kernel)).toBe('kernel "w", shape 2x2, min -1, max 1, bias 0.5');
    expect(describePayload(examples.conv)).toMatch(/^conv "conv", shape 3x3, min -4.5, max -4.5; input 4x4, kernel 2x2/);
    expect(describePayload(examples.live)).toBe(
      'live "training", step 3 of 10, loss 0.25, accuracy 0.8; kernels shape 2x2x2, min -1, max 1',
    );
  });
});
