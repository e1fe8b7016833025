import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../kernel-lib/src/contract';
import { payloadBundle } from '../../../kernel-lib/src/display/bundle';
import { valueTables, valueTablesHtml } from '../../../kernel-lib/src/display/tables';
import { examples } from '../contract/examples';

const titles = (p: Payload) => valueTables(p).map((t) => t.title);

describe('valueTables: the panels whose values the plot writes, listed by the HTML fallback', () => {
  it('follows the views: values as asked, up to 16x16 by default, never for grids and live views', () => {
    expect(titles(examples.matrix)).toEqual(['m (2x3)']);
    expect(titles({ ...examples.matrix, values: 'hide' } as Payload)).toEqual([]);
    const big = { ...examples.matrix, shape: [20, 20], data: new Array(400).fill(0.5) } as Payload;
    expect(titles(big)).toEqual([]);
    expect(titles({ ...big, values: 'show' } as Payload)).toEqual(['m (20x20)']);
    expect(titles(examples.kernel)).toEqual(['w (2x2), bias b = 0.5']);
    expect(titles(examples.conv)).toEqual(['input x (4x4)', 'kernel w (2x2)', 'output a (3x3)']);
    expect(titles(examples['conv-backward'])).toEqual(['δˡ⁺¹ (2x2)', 'rot180(w) (2x2)', 'δˡ (3x3)']);
    expect(titles({ ...examples.pool, values: 'hide' } as Payload)).toEqual([]);
    expect(titles(examples.compare)).toEqual(['a (1x2)', 'b (1x2)', 'b − a (1x2)']);
    expect([titles(examples.grid), titles(examples.live)]).toEqual([[], []]);
  });

  it('writes an escaped table with rows and columns numbered as the view numbers them', () => {
    const html = valueTablesHtml({ ...examples.matrix, title: '<b>m</b>', indexBase: 0 } as Payload);
    expect(html).toContain('<caption style="text-align:left">&lt;b&gt;m&lt;/b&gt; (2x3)</caption>');
    expect(html).toContain('<thead><tr><th></th><th>0</th><th>1</th><th>2</th></tr></thead>');
    expect(html).toContain('<tr><th>1</th><td>4</td><td>5</td><td>6</td></tr>');
    expect(valueTablesHtml(examples.grid)).toBe('');
  });
});

describe('payloadBundle: the fallbacks show a linked view at its first position', () => {
  it('the HTML figure and the text write the sum there, under the picture', () => {
    const bundle = payloadBundle({ ...examples.conv, focus: [1, 2] } as Payload);
    expect(bundle['text/html']).toMatch(/<img [^>]*\/><pre class="convlab-sum"[^>]*>a\(2,3\) = b \+ Σ w·x\n/);
    expect(bundle['text/html']).toMatch(/<\/pre><div class="convlab-values"/);
    expect(bundle['text/plain']).toMatch(/\n\na\(2,3\) = b \+ Σ w·x\n/);
    expect(payloadBundle(examples.matrix)['text/html']).not.toContain('convlab-sum');
  });
});
