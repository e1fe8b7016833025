import { KINDS, type Payload } from 'convlab/contract';
import { describeView } from 'convlab/view';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sceneSvg } from '../../kernel-lib/src/static/svg';
import { buildFigure } from '../../jupyter-extension/src/figure';
import { examples } from '../kernel-lib/contract/examples';
import { light } from './themes';

type Heat = { type: string; z: unknown[][]; text?: string[][]; xaxis: string };
type Rect = { type: string; xref: string; x0: number; x1: number; y0: number; y1: number; line?: { color?: string } };

/** The printed values of a scene, and the plotly figure's and the SVG's. */
const sceneValues = (p: Payload): string[] =>
  describeView(p)
    .panels.flatMap((pl) => pl.labels?.text ?? [])
    .filter(Boolean);
const plotlyValues = (p: Payload): string[] =>
  buildFigure(p, light)
    .data.filter((t) => t.type === 'heatmap')
    .flatMap((t) => ((t as unknown as Heat).text ?? []).flat())
    .filter(Boolean);
const svgValues = (p: Payload): string[] =>
  [...sceneSvg(describeView(p)).matchAll(/<g[^>]*text-anchor="middle"[^>]*>(.*?)<\/g>/g)].flatMap((g) =>
    [...g[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]),
  );
/** Focus frames: dark rectangles in plotly ([xref, x0, y0]), and dark SVG frames. */
const plotlyFrames = (p: Payload): number =>
  ((buildFigure(p, light).layout.shapes ?? []) as Rect[]).filter((s) => s.type === 'rect' && s.line?.color === '#000000').length;
const svgFrames = (p: Payload): number => (sceneSvg(describeView(p)).match(/stroke="#000000" stroke-width="4"/g) ?? []).length;
const sceneFrames = (p: Payload): number => {
  const s = describeView(p);
  return [...s.frames, ...(s.focus?.frames ?? [])].filter((f) => f.style === 'focus').length;
};

describe('the plotly backend paints the description', () => {
  for (const kind of KINDS) {
    it(`${kind}: a heatmap per panel at its pixel box, its values written, its frames as shapes`, () => {
      const scene = describeView(examples[kind]);
      const figure = buildFigure(examples[kind], light);
      const heat = figure.data.filter((t) => t.type === 'heatmap') as unknown as Heat[];
      expect(heat).toHaveLength(scene.panels.length);
      scene.panels.forEach((p, i) => {
        const axis = figure.layout[`xaxis${i === 0 ? '' : i + 1}`] as { domain: number[] };
        expect(axis.domain[0] * scene.width).toBeCloseTo(p.x, 6);
        expect(heat[i].z.length).toBe(p.rows);
      });
      expect([figure.layout.width, figure.layout.height]).toEqual([scene.width, scene.height]);
      expect(plotlyValues(examples[kind]).sort()).toEqual(sceneValues(examples[kind]).sort());
      expect(plotlyFrames(examples[kind])).toBe(sceneFrames(examples[kind]));
      expect(figure.label).toBe(scene.alt);
    });
  }

  it('conv: stepping moves the frames the view model gives for that position, and the caption is its sum', () => {
    const figure = buildFigure(examples.conv, light);
    const focus = figure.linking!.focus(8);
    const model = describeView(examples.conv, { position: 8 }).focus!;
    expect(focus.caption).toBe(model.sum.join('\n'));
    expect(focus.label).toBe('3,3');
    expect(figure.linking!.positionAt(2, 3, 3)).toBe(8); // x = col 3, y = row 3, numbered from 1
  });
});

/** Random valid payloads: the examples with random values of the same shapes (pool argmax kept valid by ascending inputs). */
const randomPayload = fc
  .tuple(
    fc.constantFrom(...KINDS.filter((k) => k !== 'live' && k !== 'pool' && k !== 'pool-backward' && k !== 'drawing')),
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 64, maxLength: 64 }),
  )
  .map(([kind, noise]): Payload => {
    const p = structuredClone(examples[kind]) as unknown as Record<string, unknown>;
    let k = 0;
    const fill = (plane: { data: number[] }) => (plane.data = plane.data.map(() => Number(noise[k++ % noise.length].toPrecision(3))));
    if (kind === 'compare') (p.items as Array<{ data: number[] }>).forEach(fill);
    else if (kind === 'conv' || kind === 'conv-backward' || kind === 'conv-transpose') fill(p.kernel as { data: number[] });
    else if (kind === 'inspect' || kind === 'fields' || kind === 'explore') fill(p.input as { data: number[] });
    else if (kind === 'replay')
      (p.steps as Array<{ values: number[][] }>).forEach(
        (s) => (s.values[0] = s.values[0].map(() => Number(noise[k++ % noise.length].toPrecision(3)))),
      );
    else fill(p as unknown as { data: number[] });
    return p as unknown as Payload;
  });

describe('plotly and SVG given the same description show the same values and frames', () => {
  it('every printed value and every focus frame of the description appears in both (property, 60 random payloads)', () => {
    fc.assert(
      fc.property(randomPayload, (p) => {
        const values = sceneValues(p).sort();
        expect(plotlyValues(p).sort()).toEqual(values);
        // The SVG writes tick numbers too: each printed value must be among its texts as often as in the description.
        const texts = svgValues(p);
        for (const v of new Set(values))
          expect(texts.filter((t) => t === v).length).toBeGreaterThanOrEqual(values.filter((t) => t === v).length);
        expect(plotlyFrames(p)).toBe(sceneFrames(p));
        expect(svgFrames(p)).toBe(sceneFrames(p));
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});
