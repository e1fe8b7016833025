import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectionMatrix, influence, symbolicKernel, tensor } from '../../../kernel-lib/src';
import { cases } from './geometry';

describe('influence', () => {
  it("symbolic 3x3 kernel, interior neuron (2,2) of 5x5: the notes' table w33 w32 w31 / w23 w22 w21 / w13 w12 w11", () => {
    const grid = influence(symbolicKernel(3, 3), [2, 2], [5, 5]);
    expect(grid.toStrings()).toEqual([
      ['w33', 'w32', 'w31'],
      ['w23', 'w22', 'w21'],
      ['w13', 'w12', 'w11'],
    ]);
    expect(grid.toLatex()).toBe(
      '\\begin{pmatrix} w_{33} & w_{32} & w_{31} \\\\ w_{23} & w_{22} & w_{21} \\\\ w_{13} & w_{12} & w_{11} \\end{pmatrix}',
    );
    expect(grid.toString()).toBe('w33  w32  w31\nw23  w22  w21\nw13  w12  w11');
    expect(grid.targets).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
    ]);
  });

  it("equals the kernel turned by 180°, with padding 1 ('same') centred on the neuron", () => {
    const grid = influence(symbolicKernel(3, 3), [3, 3], [6, 6], { padding: 'same' });
    expect(grid.toStrings()).toEqual(symbolicKernel(3, 3).rot180().toStrings());
    expect(grid.targets[0]).toEqual([2, 2]); // A11 is the output centred at (i−1, j−1)
  });

  it('border neuron (0,0): only A33 exists (weight w11), the others are null', () => {
    const grid = influence(symbolicKernel(3, 3), [0, 0], [5, 5]);
    expect(grid.toStrings()).toEqual([
      ['·', '·', '·'],
      ['·', '·', '·'],
      ['·', '·', 'w11'],
    ]);
    expect(grid.toLatex('bmatrix')).toContain('\\cdot & \\cdot & w_{11} \\end{bmatrix}');
  });

  it('numeric influence equals column i·w + j of W, over random geometries and neurons', () => {
    fc.assert(
      fc.property(cases(), fc.nat(), (c, pick) => {
        const opts = { stride: c.stride, padding: c.padding, dilation: c.dilation };
        const W = connectionMatrix(c.k, c.a.shape, opts);
        const input = pick % c.a.size;
        const [i, j] = [Math.floor(input / c.a.shape[1]), input % c.a.shape[1]];
        const grid = influence(c.k, [i, j], c.a.shape, opts);
        const fromGrid = new Array<number>(c.outH * c.outW).fill(0);
        grid.cells.forEach((v, cell) => {
          const target = grid.targets[cell];
          expect(v === null).toBe(target === null);
          if (target !== null) fromGrid[target[0] * c.outW + target[1]] = v as number;
        });
        expect(fromGrid).toEqual(Array.from({ length: c.outH * c.outW }, (_, out) => W.get(out, input)));
      }),
    );
  });

  it('k=[[1,2],[3,4]] at (1,1) of 3x3: [[4,3],[2,1]]', () => {
    expect(
      influence(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [1, 1],
        [3, 3],
      ).toArray(),
    ).toEqual([
      [4, 3],
      [2, 1],
    ]);
  });

  it('throws when the neuron lies outside the input', () => {
    expect(() => influence(tensor([[1]]), [3, 0], [3, 3])).toThrow(/influence: neuron \[i, j\] must lie in the input \[3,3\], got \[3,0\]/);
  });

  it('throws when the kernel is not a Tensor or symbolic grid', () => {
    expect(() => influence('w' as never, [0, 0], [3, 3])).toThrow(/influence: kernel must be a Tensor or a symbolic Grid/);
  });
});
