import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectionMatrix, symbolicKernel, tensor } from '../../../kernel-lib/src';
import { cases, literalCorrelation, matVec } from './geometry';

describe('connectionMatrix', () => {
  it('k=[[1,2]] on [1,3]: W = [[1,2,0],[0,1,2]]', () => {
    expect(connectionMatrix(tensor([[1, 2]]), [1, 3]).toArray()).toEqual([
      [1, 2, 0],
      [0, 1, 2],
    ]);
  });

  it('k 2x2 on 3x3, padding 1, stride 2: W is [4, 9] with the padded taps dropped', () => {
    const W = connectionMatrix(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      [3, 3],
      { padding: 1, stride: 2 },
    );
    expect(W.shape).toEqual([4, 9]);
    expect(W.toArray()).toEqual([
      [4, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 3, 4, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 2, 0, 0, 4, 0, 0],
      [0, 0, 0, 0, 1, 2, 0, 3, 4],
    ]);
  });

  it('W·vec(a) equals the literal correlation over random shapes, strides, paddings, dilations', () => {
    fc.assert(
      fc.property(cases(), (c) => {
        const W = connectionMatrix(c.k, c.a.shape, { stride: c.stride, padding: c.padding, dilation: c.dilation });
        expect(W.shape).toEqual([c.outH * c.outW, c.a.size]);
        const z = matVec(W, c.a.data);
        const expected = literalCorrelation(c).flat();
        z.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
      }),
    );
  });

  it('weights are zero outside the window: row (r, c) is nonzero only at inputs its window covers', () => {
    fc.assert(
      fc.property(cases(), (c) => {
        const W = connectionMatrix(c.k, c.a.shape, { stride: c.stride, padding: c.padding, dilation: c.dilation });
        const [h, w] = c.a.shape;
        const [kh, kw] = c.k.shape;
        for (let r = 0; r < c.outH; r++) {
          for (let col = 0; col < c.outW; col++) {
            for (let i = 0; i < h; i++) {
              for (let j = 0; j < w; j++) {
                const l = (i - r * c.stride[0] + c.padding[0]) / c.dilation[0];
                const m = (j - col * c.stride[1] + c.padding[1]) / c.dilation[1];
                const inside = Number.isInteger(l) && Number.isInteger(m) && l >= 0 && l < kh && m >= 0 && m < kw;
                const weight = W.get(r * c.outW + col, i * w + j);
                expect(weight).toBe(inside ? c.k.get(l, m) : 0);
              }
            }
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it("padding 'same' and 'full' resolve as conv2d's: 3x3 kernel on 4x4 gives 16 and 36 rows", () => {
    const k = tensor([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(connectionMatrix(k, [4, 4], { padding: 'same' }).shape).toEqual([16, 16]);
    expect(connectionMatrix(k, [4, 4], { padding: 'full' }).shape).toEqual([36, 16]);
  });

  it('symbolic kernel 2x2 on [2,3]: W rows are w11 w12 0 w21 w22 0 / 0 w11 w12 0 w21 w22', () => {
    expect(connectionMatrix(symbolicKernel(2, 2), [2, 3]).toStrings()).toEqual([
      ['w11', 'w12', '0', 'w21', 'w22', '0'],
      ['0', 'w11', 'w12', '0', 'w21', 'w22'],
    ]);
  });

  it('throws when the kernel is neither a Tensor nor a symbolic grid', () => {
    expect(() => connectionMatrix([[1]] as never, [2, 2])).toThrow(/connectionMatrix: kernel must be a Tensor or a symbolic Grid/);
  });

  it('throws when the kernel is not rank 2', () => {
    expect(() => connectionMatrix(tensor([1, 2]), [2, 2])).toThrow(/connectionMatrix: kernel must have shape \[kh, kw\], got \[2\]/);
  });

  it('throws when inShape is not [h, w]', () => {
    expect(() => connectionMatrix(tensor([[1]]), [2, 0])).toThrow(
      /connectionMatrix: inShape must be \[h, w\] with positive integers, got \[2,0\]/,
    );
  });

  it('throws when the dilated kernel does not fit the padded input', () => {
    expect(() => connectionMatrix(tensor([[1, 2, 3]]), [1, 4], { dilation: 2 })).toThrow(
      /connectionMatrix: the dilated kernel must fit in the padded input, got kernel 1x5 and padded input 1x4/,
    );
  });

  it('throws when stride or dilation is not a positive integer', () => {
    expect(() => connectionMatrix(tensor([[1]]), [2, 2], { stride: 0 })).toThrow(/connectionMatrix: stride must be a positive integer/);
    expect(() => connectionMatrix(tensor([[1]]), [2, 2], { dilation: 1.5 })).toThrow(
      /connectionMatrix: dilation must be a positive integer/,
    );
  });

  it('throws when padding is negative or an unknown name', () => {
    expect(() => connectionMatrix(tensor([[1]]), [2, 2], { padding: -1 })).toThrow(
      /connectionMatrix: padding must be a non-negative integer/,
    );
    expect(() => connectionMatrix(tensor([[1]]), [2, 2], { padding: 'wide' as never })).toThrow(
      /connectionMatrix: padding must be a non-negative integer, a pair \[h, w\] of them, 'valid', 'same' or 'full', got 'wide'/,
    );
  });
});
