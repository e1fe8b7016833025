import { describe, expect, it } from 'vitest';
import { KINDS, type Payload } from '../../../kernel-lib/src/contract';
import { sceneSvg } from '../../../kernel-lib/src/static/svg';
import { describeView } from '../../../kernel-lib/src/view';
import { examples } from '../contract/examples';

const ALLOWED = new Set(['svg', 'g', 'rect', 'path', 'line', 'circle', 'polyline', 'text']);
const elements = (svg: string): string[] => [...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]);

describe('sceneSvg: the defensive SVG of the static backend', () => {
  for (const kind of KINDS) {
    it(`${kind}: plain elements only, no ids, styles, links or scripts; every printed value as text`, () => {
      const scene = describeView(examples[kind]);
      const svg = sceneSvg(scene);
      expect(elements(svg).filter((e) => !ALLOWED.has(e))).toEqual([]);
      expect(svg).not.toMatch(/\s(id|style|href|xlink:href|on\w+)=/);
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      for (const panel of scene.panels) for (const t of panel.labels?.text ?? []) if (t) expect(texts).toContain(t);
    });
  }

  it('draws the cells of a panel as filled paths in their colours, one run of a colour per row merged', () => {
    const svg = sceneSvg(describeView(examples.matrix));
    // Cells of 40 pixels from (46, 40): cell (0, 0) has min → viridis' first colour.
    expect(svg).toContain('<path fill="#440154" d="M46 40h40v40h-40z"/>');
  });

  it('frames the focus dark with a light frame inside, at the cells of the description', () => {
    const s = describeView(examples.conv);
    const p = s.panels[2];
    expect(sceneSvg(s)).toContain(
      `<rect x="${p.x}" y="${p.y}" width="${p.cell}" height="${p.cell}" fill="none" stroke="#000000" stroke-width="4"/>`,
    );
  });

  it('writes a panel’s values row-major whatever their ink (selecting the picture’s text copies them in order)', () => {
    // Alternating signs of large and small magnitude: dark cells (white ink) between light ones (black ink).
    const data = [9, -0.1, 0.2, -9, 0.3, 8, -0.4, 0.5, -8];
    const s = describeView({ version: 1, kind: 'signed', title: 'δ', symbol: 'δ', shape: [3, 3], data });
    const svg = sceneSvg(s);
    const inks = new Set([...svg.matchAll(/<g font-size="\d+" fill="(#[0-9a-f]{6})" text-anchor="middle">/g)].map((m) => m[1]));
    expect([...inks].filter((c) => c === '#000000' || c === '#ffffff').sort()).toEqual(['#000000', '#ffffff']); // and the ticks' grey
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const labels = s.panels[0].labels!.text;
    const at = texts.indexOf(labels[0]);
    expect(texts.slice(at, at + 9)).toEqual(labels);
  });

  it('writes hostile text as text: markup in a title or a label is escaped', () => {
    const p = { ...examples.grid, title: '<script>alert(1)</script>', labels: ['<b>x</b>', 'a&b', '"q"'] } as Payload;
    const svg = sceneSvg(describeView(p));
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('a&amp;b');
  });
});
