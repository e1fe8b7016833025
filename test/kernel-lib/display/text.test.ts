import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../kernel-lib/src/contract';
import { convBackwardPayload, convPayload } from '../../../kernel-lib/src/display/linked';
import { payloadText } from '../../../kernel-lib/src/static/text';
import { tensor } from '../../../kernel-lib/src/tensor';
import { describeView, formatValue } from '../../../kernel-lib/src/view';
import { examples } from '../contract/examples';

/** Views whose text is a summary of their own rather than their panels' values. */
const SUMMARIES = new Set(['live', 'inspect', 'replay', 'drawing', 'fields']);

describe('payloadText: the text fallback written from the description', () => {
  for (const kind of KINDS.filter((k) => !SUMMARIES.has(k))) {
    it(`${kind}: every panel of the description, by its title, with its values in order; then the sum at the position`, () => {
      const p = examples[kind];
      const s = describeView(p);
      const text = payloadText(p, s);
      expect(text.startsWith(`${s.alt}\n\n`)).toBe(true);
      const blocks = text.split('\n\n').map((b) => b.split('\n'));
      for (const panel of s.panels.filter((q) => !q.tiles)) {
        const title = panel.title || panel.symbol;
        const block = blocks.find(([head]) => head === title || head === `${title} [${panel.rows}x${panel.cols}]`);
        expect(block, `${kind}: panel ${title}`).toBeDefined();
        const written = block!.slice(1).flatMap((line) => line.trim().split(/ +/));
        expect(written).toEqual(panel.values.map((v) => (v === null ? '·' : formatValue(v))));
      }
      if (s.focus) expect(text).toContain(`\n\n${s.focus.sum.join('\n')}`);
    });
  }

  it('writes a padded input with its border of zeros and a strided δ spread with its inserted zeros, as drawn', () => {
    // 2x2 input, 1x1 kernel of 2, padding 1: the panel is 4x4 with zeros around x.
    const conv = convPayload(
      'showConv',
      tensor([
        [1, 2],
        [3, 4],
      ]),
      tensor([[2]]),
      0,
      { padding: 1 },
    );
    expect(payloadText(conv)).toContain('\n\ninput x (2x2) padded with zeros [4x4]\n0 0 0 0\n0 1 2 0\n0 3 4 0\n0 0 0 0\n\n');
    // δ 2x2 of a stride-2 convolution of a 3x3 input by a 1x1 kernel: spread with one zero between cells.
    const back = convBackwardPayload(
      'showConvBackward',
      tensor([
        [1, 2],
        [3, 4],
      ]),
      tensor([[1]]),
      { stride: 2, inputSize: [3, 3] },
    );
    expect(payloadText(back)).toMatch(/\n\nδˡ⁺¹ \(2x2\) spread with zeros \[3x3\]\n1 0 2\n0 0 0\n3 0 4\n\n/);
  });

  it('a grid writes its first two maps (8x8 at most) and counts the rest', () => {
    const text = payloadText(examples.grid);
    expect(text).toContain('\n\nmap c1 [2x2]\n0 1\n2 3\n\nmap c2 [2x2]\n4 5\n6 7\n\n… and 1 more maps');
  });
});
