import { afterEach, describe, expect, it, vi } from 'vitest';
import { comparePayload } from '../../../kernel-lib/src/display/compare';
import { latexBundle } from '../../../kernel-lib/src/display/latex';
import {
  compare,
  payloadBundle,
  randn,
  show,
  showConv,
  showDelta,
  showFeatureMaps,
  showLatex,
  showPool,
  symbolicKernel,
  tensor,
} from '../../../kernel-lib/src';

afterEach(() => vi.restoreAllMocks());

/** Outside a kernel every view prints its text fallback; the first line names the view it would draw. */
function printed(f: () => unknown): string {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  f();
  return String(log.mock.calls[0][0]).split('\n')[0];
}

describe('the public display functions', () => {
  it('show dispatches on rank: a matrix, or feature maps as a grid', () => {
    expect(printed(() => show(randn([5, 5], 1), { title: 'k' }))).toMatch(/^matrix "k", shape 5x5/);
    expect(printed(() => show(randn([1, 20, 24, 24], 1)))).toMatch(/^grid "Tensor \[1,20,24,24\]", shape 1x20x24x24/);
  });

  it('showDelta draws δ on the diverging scale, and stacks of δ as a grid', () => {
    expect(printed(() => showDelta(tensor([[1, -1]])))).toMatch(/^signed "δ \[1,2\]"/);
    expect(printed(() => showDelta(randn([3, 4, 4], 1)))).toMatch(/^grid /);
  });

  it('showConv draws the forward view', () => {
    expect(printed(() => showConv(randn([5, 5], 1), randn([3, 3], 2), 0.1))).toMatch(/^conv "convolution, forward", shape 3x3/);
  });

  it('the options reach the text fallback: the sum at `at`, the numbering, the panel labels', () => {
    const sum = (f: () => unknown) => {
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      f();
      const text = String(log.mock.calls[0][0]);
      log.mockRestore();
      return text;
    };
    expect(sum(() => showConv(randn([5, 5], 1), randn([3, 3], 2), 0.1, { at: [2, 3] }))).toContain('\n\na(2,3) = σ(b + Σ w·x)\n');
    expect(sum(() => showConv(randn([5, 5], 1), randn([3, 3], 2), 0.1, { at: [2, 2], indexBase: 0 }))).toContain(
      '\n\na(2,2) = σ(b + Σ w·x)\n',
    );
    expect(sum(() => showPool(randn([4, 4], 1), { at: [2, 1] }))).toMatch(/\n\ny\(2,1\) = max\(/);
    expect(sum(() => showFeatureMaps(randn([2, 3, 3], 1), { labels: ['edge', 'blob'] }))).toContain('\n\nmap edge [3x3]\n');
    expect(comparePayload('compare', { a: tensor([1, 2]), b: tensor([1, 2]) }, { indexBase: 0 }).indexBase).toBe(0);
  });

  it('compare returns the largest |difference| and shows it', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(compare({ a: tensor([1, 2]), b: tensor([1, 2.25]), c: tensor([0.5, 2]) })).toBe(0.5);
    expect(String(log.mock.calls[0][0])).toContain('max |difference| = 0.5');
    expect(() => compare({ a: tensor([1, 2]) })).toThrow('compare: give 2 or 3 tensors to compare, got 1');
    expect(() => compare({ a: tensor([1, 2]), b: tensor([1, 2, 3]) })).toThrow('compare: every tensor must have shape [2], got b [3]');
    expect(() => compare({ a: tensor([1, 2]), b: tensor([1, 2]) }, { tolerance: -1 })).toThrow(
      'compare: tolerance must be a finite number ≥ 0, got -1',
    );
  });

  it('compare writes its verdict in the text and HTML fallbacks: ≈ 0 within the tolerance, else the error relative to the values', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    compare({ a: tensor([1, 4]), b: tensor([1, 4 + 8.9e-16]) });
    expect(String(log.mock.calls[0][0])).toMatch(
      /B − A ≈ 0 \[1x2\]\n {8}0 8\.882e-16[\s\S]*\nmax \|difference\| = 8\.882e-16 ≈ 0 \(below 1e-6 × max \|value\| 4\)$/,
    );
    compare({ a: tensor([1, 4]), b: tensor([1, 4.001]) }, { tolerance: 1e-3 });
    expect(String(log.mock.calls[1][0])).toContain('≈ 0 (below 0.001 × max |value| 4.001)');
    expect(comparePayload('compare', { a: tensor([1]), b: tensor([1]) }, { tolerance: 1e-9 }).tolerance).toBe(1e-9);
    const html = payloadBundle(comparePayload('compare', { a: tensor([1, 4]), b: tensor([1, 5]) }))['text/html'];
    expect(html).toContain('max |difference| = 1 (20% of max |value| 5)</figcaption>');
  });

  it('showLatex sends text/latex (typeset by JupyterLab) and the text form', () => {
    expect(latexBundle(symbolicKernel(2, 2).rot180(), { lhs: 'R' })).toEqual({
      'text/latex': '$$R = \\begin{pmatrix} w_{22} & w_{21} \\\\ w_{12} & w_{11} \\end{pmatrix}$$',
      'text/plain': 'R =\nw22  w21\nw12  w11',
    });
    expect(latexBundle('x^2')).toEqual({ 'text/latex': '$$x^2$$', 'text/plain': 'x^2' });
    expect(printed(() => showLatex('a + b', { lhs: 'z' }))).toBe('z = a + b');
    expect(() => latexBundle(3 as never)).toThrow('showLatex: value must be a LaTeX string or have toLatex(), got number');
  });
});
