import { describe, expect, it } from 'vitest';
import { convBackwardPayload, convPayload, poolBackwardPayload, poolPayload } from '../../../kernel-lib/src/display/linked';
import { connectionMatrix, randn, tensor, validatePayload } from '../../../kernel-lib/src';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('linked views: the library computes with the ops, checked against independent references', () => {
  it('conv: a = σ(b + Σ w·x), against a direct loop over the notes formula', () => {
    const x = randn([6, 5], 1);
    const w = randn([3, 2], 2);
    const p = convPayload('showConv', x, w, 0.3, {});
    expect(p.output.shape).toEqual([4, 4]);
    for (let j = 0; j < 4; j++) {
      for (let k = 0; k < 4; k++) {
        let z = 0.3;
        for (let l = 0; l < 3; l++) for (let m = 0; m < 2; m++) z += w.get(l, m) * x.get(j + l, k + m);
        expect(p.output.data[j * 4 + k]).toBeCloseTo(sigmoid(z), 12);
      }
    }
    expect(validatePayload(p).ok).toBe(true);
  });

  it('conv-backward: δˡ = δˡ⁺¹ ⋆full rot180(w) equals Wᵀ·δ with the dense connection matrix (BP2)', () => {
    const w = randn([3, 3], 3);
    const delta = randn([4, 4], 4);
    const p = convBackwardPayload('showConvBackward', delta, w, {});
    const W = connectionMatrix(w, [6, 6]); // [16, 36]
    const expected = Array.from({ length: 36 }, (_, i) => {
      let s = 0;
      for (let o = 0; o < 16; o++) s += W.data[o * 36 + i] * delta.data[o];
      return s;
    });
    p.output.data.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    expect(p.output.shape).toEqual([6, 6]);
  });

  it('pool: the max of each tiling window and where it is', () => {
    const x = tensor([
      [1, 5, 2, 0],
      [3, 4, 9, 1],
      [0, 0, 1, 1],
      [7, 0, 1, 2],
    ]);
    const p = poolPayload('showPool', x, { mode: 'max' });
    expect(p.output).toEqual({ shape: [2, 2], data: [5, 9, 7, 2] });
    expect(p.argmax).toEqual([1, 6, 12, 15]);
    expect(poolPayload('showPool', x, { mode: 'avg' }).output.data).toEqual([13 / 4, 12 / 4, 7 / 4, 5 / 4]);
  });

  it('pool-backward: all of δ to the maximum (max), a quarter to each cell (avg)', () => {
    const x = tensor([
      [1, 5],
      [3, 4],
    ]);
    const d = tensor([[8]]);
    expect(poolBackwardPayload('showPoolBackward', x, d, { mode: 'max' }).output.data).toEqual([0, 8, 0, 0]);
    expect(poolBackwardPayload('showPoolBackward', x, d, { mode: 'avg' }).output.data).toEqual([2, 2, 2, 2]);
  });

  it('at: the first position, given as the view numbers it (from 1, or from 0 with indexBase 0), sent 0-based', () => {
    const x = randn([6, 6], 1);
    const w = randn([3, 3], 2);
    expect(convPayload('showConv', x, w, 0, { at: [2, 3] }).focus).toEqual([1, 2]);
    expect(convPayload('showConv', x, w, 0, { at: [2, 3], indexBase: 0 })).toMatchObject({ focus: [2, 3], indexBase: 0 });
    expect(convPayload('showConv', x, w, 0, {})).not.toHaveProperty('focus');
    expect(convBackwardPayload('showConvBackward', randn([2, 2], 3), w, { at: [4, 4] }).focus).toEqual([3, 3]); // δˡ is 4x4
    expect(poolPayload('showPool', x, { at: [3, 1], values: 'show' })).toMatchObject({ focus: [2, 0], values: 'show' });
    expect(poolBackwardPayload('showPoolBackward', x, randn([3, 3], 4), { at: [1, 3], mode: 'avg', values: 'hide' })).toMatchObject({
      focus: [0, 2],
      values: 'hide',
    });
    for (const p of [convPayload('showConv', x, w, 0, { at: [4, 4] }), poolPayload('showPool', x, { at: [3, 3], indexBase: 1 })])
      expect(validatePayload(p).ok).toBe(true);
  });

  it('throws when at names no position of the view', () => {
    const x = randn([6, 6], 1);
    expect(() => convPayload('showConv', x, randn([3, 3], 2), 0, { at: [5, 1] })).toThrow(
      'showConv: at must be [row, col] of an output cell, rows 1..4 and columns 1..4, got [5,1]',
    );
    expect(() => convPayload('showConv', x, randn([3, 3], 2), 0, { at: [0, 0] })).toThrow('rows 1..4 and columns 1..4, got [0,0]');
    expect(() => convPayload('showConv', x, randn([3, 3], 2), 0, { at: [4, 4], indexBase: 0 })).toThrow(
      'rows 0..3 and columns 0..3, got [4,4]',
    );
    expect(() => poolPayload('showPool', x, { at: [1.5, 1] as never })).toThrow(
      'showPool: at must be [row, col] of a pooling window, rows 1..3',
    );
    expect(() => poolPayload('showPool', x, { indexBase: 2 as never })).toThrow('showPool: indexBase must be 0 or 1, got 2');
  });

  it('throws on what the linked views cannot draw', () => {
    expect(() => convPayload('showConv', randn([200, 200], 1), randn([3, 3], 1), 0, {})).toThrow(
      'showConv: x must be at most 128x128 to be linked cell by cell, got [200,200]',
    );
    expect(() => convPayload('showConv', randn([2, 2], 1), randn([3, 3], 1), 0, {})).toThrow(
      'showConv: the kernel must fit inside x, got w [3,3] and x [2,2]',
    );
    expect(() => convPayload('showConv', randn([4, 4], 1), randn([3, 3], 1), tensor([1, 2]), {})).toThrow(
      'showConv: b must be one finite number (or a Tensor of one), got [2]',
    );
    expect(() => poolPayload('showPool', randn([4, 4], 1), { size: 5 })).toThrow(
      'showPool: size must be a positive integer (or [h, w]) no larger than x, got 5 for x [4,4]',
    );
    expect(() => poolPayload('showPool', randn([4, 4], 1), { mode: 'min' as never })).toThrow(
      "showPool: mode must be 'max' or 'avg', got min",
    );
    expect(() => poolBackwardPayload('showPoolBackward', randn([4, 4], 1), randn([3, 3], 1), {})).toThrow(
      'showPoolBackward: delta must have the pooled shape [2,2], got [3,3]',
    );
  });
});

describe('the activation of the forward view: one name for σ(z) = z, as the layers call it', () => {
  const x = tensor([
    [1, 2],
    [3, 4],
  ]);
  const w = tensor([[1]]);

  it("accepts 'linear' (the name nn uses): a = z, and the payload says 'linear'", () => {
    const p = convPayload('showConv', x, w, 0.5, { activation: 'linear' });
    expect(p.activation).toBe('linear');
    expect(p.output.data).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect(validatePayload(p).ok).toBe(true);
  });

  it("reads the earlier name 'identity' as 'linear', and old payloads with it still validate", () => {
    expect(convPayload('showConv', x, w, 0, { activation: 'identity' }).activation).toBe('linear');
    expect(validatePayload({ ...convPayload('showConv', x, w, 0, {}), activation: 'identity' }).ok).toBe(true);
  });

  it('throws on an unknown activation, naming the ones there are', () => {
    expect(() => convPayload('showConv', x, w, 0, { activation: 'softplus' as never })).toThrow(
      'showConv: activation must be one of sigmoid, tanh, relu, linear, got softplus',
    );
  });
});
