import { KINDS, type Payload } from 'convlab/contract';
import { cellLabels, convBackwardFormula, convFormula } from 'convlab/view';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFigure, plotlyText } from '../../jupyter-extension/src/figure';
import { examples } from '../kernel-lib/contract/examples';
import { light } from './themes';
type HeatmapTrace = {
  type: string;
  z: Array<Array<number | null>>;
  zmin: number;
  zmax: number;
  colorscale: unknown;
  texttemplate?: string;
  text?: string[][];
};
type RectShape = { type: string; xref: string; x0: number; x1: number; y0: number; y1: number };

describe('buildFigure (matrix)', () => {
  const figure = buildFigure({ version: 1, kind: 'matrix', title: 'k', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, light);
  const trace = figure.data[0] as unknown as HeatmapTrace;

  it('lays the row-major data out as rows of a heatmap', () => {
    expect(trace.type).toBe('heatmap');
    expect(trace.z).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('centres a diverging scale on zero, with a symmetric range, for signed data and for δ', () => {
    const signed = buildFigure({ version: 1, kind: 'matrix', title: 'd', shape: [1, 2], data: [-1, 3] }, light).data[0];
    expect([signed.zmin, signed.zmax]).toEqual([-3, 3]);
    const delta = buildFigure({ version: 1, kind: 'signed', title: 'δ', symbol: 'δ', shape: [1, 2], data: [1, 2] }, light).data[0];
    expect([delta.zmin, delta.zmax]).toEqual([-2, 2]);
    expect(Array.isArray(delta.colorscale)).toBe(true);
  });

  it('labels the view for screen readers with kind, shape, min and max', () => {
    expect(figure.label).toBe('matrix "k", shape 2x3, min 1, max 6');
  });

  it('writes no values into a matrix larger than 16x16 unless asked to', () => {
    const big = {
      version: 1 as const,
      kind: 'matrix' as const,
      title: 'big',
      shape: [20, 20] as [number, number],
      data: new Array(400).fill(1),
    };
    expect(buildFigure(big, light).data[0].texttemplate).toBeUndefined();
    expect(buildFigure({ ...big, values: 'show' }, light).data[0].texttemplate).toBe('%{text}');
  });

  it('escapes markup in titles so plotly shows it as text', () => {
    expect(plotlyText('<b>x</b> & <img src=x onerror=alert(1)>')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    const hostile = buildFigure({ ...examples.kernel, title: '<script>x()</script>', symbol: '<b>w</b>' } as Payload, light);
    expect(JSON.stringify(hostile.layout)).not.toMatch(/<script|<b>/);
    expect(JSON.stringify(hostile.data)).not.toMatch(/<b>/);
  });
});

describe('buildFigure (kernel, grid, compare, live)', () => {
  it('draws a kernel labelled from 1 with its bias beside it on one diverging scale', () => {
    const { data, layout } = buildFigure(examples.kernel, light);
    expect(data.map((t) => t.type)).toEqual(['heatmap', 'heatmap']);
    expect(data[0].x).toEqual([1, 2]);
    expect(data[1].z).toEqual([[0.5]]);
    expect([data[0].zmin, data[0].zmax]).toEqual([-1, 1]);
    expect([data[1].zmin, data[1].zmax]).toEqual([-1, 1]);
    expect((layout.annotations as Array<{ text: string }>).map((a) => a.text)).toEqual(['w (2x2)', 'b']);
  });

  it('compares items on one scale, adds their differences and names the maximum error', () => {
    const { data, layout } = buildFigure(examples.compare, light);
    expect(data).toHaveLength(3);
    expect(data[2].z).toEqual([[0, 0.5]]);
    expect((layout.title as { text: string }).text).toBe('same? · max |difference| = 0.5 (20% of max |value| 2.5)');
  });

  it('draws differences on the scale of the compared values: rounding noise is white and named ≈ 0, a real difference framed', () => {
    const noisy = {
      ...examples.compare,
      items: [
        { label: 'a', data: [1, -4] },
        { label: 'b', data: [1 + 2.2e-16, -4] },
        { label: 'c', data: [1, -3] },
      ],
    } as Payload;
    const { data, layout } = buildFigure(noisy, light);
    expect([data[3].zmin, data[3].zmax]).toEqual([-4, 4]); // not ±2.2e-16
    expect([data[4].zmin, data[4].zmax]).toEqual([-4, 4]);
    const titles = (layout.annotations as Array<{ text: string }>).map((a) => a.text);
    expect(titles.slice(3)).toEqual(['B − A ≈ 0', 'C − A (max 1)']);
    const frames = layout.shapes as RectShape[];
    expect(frames.map((f) => [f.xref, f.x0, f.x1])).toEqual([
      ['x5', 1.5, 2.5],
      ['x5', 1.5, 2.5],
    ]); // C − A's cell (1, 2), dark and light
    expect(
      buildFigure({ ...noisy, items: (noisy as { items: unknown[] }).items.slice(0, 2) } as Payload, light).layout.shapes as unknown[],
    ).toEqual([]);
  });
});

describe('buildFigure, options of the views', () => {
  it('numbers rows and columns from indexBase, 1 by default, in every view', () => {
    const range = (p: Payload, axis = 'xaxis') => (buildFigure(p, light).layout[axis] as { range: number[] }).range;
    expect([range(examples.matrix), range({ ...examples.matrix, indexBase: 0 } as Payload)]).toEqual([
      [0.5, 3.5],
      [-0.5, 2.5],
    ]);
    expect(buildFigure({ ...examples.kernel, indexBase: 0 } as Payload, light).data[0].x).toEqual([0, 1]);
    expect(buildFigure({ ...examples.compare, indexBase: 0 } as Payload, light).data[0].x).toEqual([0, 1]);
    const conv = buildFigure({ ...examples.conv, indexBase: 0 } as Payload, light).linking!;
    expect(conv.focus(5).label).toBe('1,2');
    expect(conv.focus(5).caption).toMatch(/^a\(1,2\) = b \+ Σ w·x/);
    expect(conv.positionAt(2, 2, 1)).toBe(5); // x = col 2, y = row 1, counted from 0
    const padded = buildFigure({ ...examples['conv-backward'], indexBase: 0 } as Payload, light);
    expect(padded.data[0].x).toEqual([-1, 0, 1, 2]); // δˡ⁺¹ at 0, 1 inside one cell of padding each side
    expect(buildFigure({ ...examples.pool, indexBase: 0 } as Payload, light).data[2].x).toEqual([1, 3, 1, 3]);
  });

  it('opens each linked view at its focus: the figure is drawn there, and linking says so', () => {
    for (const [kind, focus, position] of [
      ['conv', [2, 1], 7],
      ['conv-backward', [1, 2], 5],
      ['pool', [1, 0], 2],
      ['pool-backward', [0, 1], 1],
    ] as const) {
      const { linking, layout } = buildFigure({ ...examples[kind], focus } as Payload, light);
      expect(linking!.initial).toBe(position);
      expect(layout.shapes).toEqual(linking!.focus(position).shapes);
    }
    expect(buildFigure(examples.conv, light).linking!.initial).toBe(0);
  });

  it('pool: values: "hide" writes none, "show" writes them; the maxima get rings, not dots over the values', () => {
    expect(buildFigure({ ...examples.pool, values: 'hide' } as Payload, light).data[0].text).toBeUndefined();
    expect(buildFigure({ ...examples.pool, values: 'show' } as Payload, light).data[0].text).toBeDefined();
    const rings = buildFigure(examples.pool, light).data.filter((t) => t.type === 'scatter');
    expect(rings.map((t) => (t.marker as { symbol: string; color: string }).symbol)).toEqual(['circle-open', 'circle-open']);
    expect(rings.map((t) => (t.marker as { color: string }).color)).toEqual(['#000000', '#ffffff']);
    expect(rings[0].x).toEqual([2, 4, 2, 4]); // centred on the cell: the ring goes round the value
  });
});

describe('buildFigure (linked views)', () => {
  it('conv: hovering output (r, c) frames the receptive field, the kernel and a(r, c), and writes the sum', () => {
    const { linking, data } = buildFigure(examples.conv, light);
    expect(linking?.count).toBe(9);
    expect(linking?.positionAt(2, 3, 2)).toBe(5); // output trace, x = col 3, y = row 2 (1-based)
    expect(linking?.positionAt(0, 1, 1)).toBeUndefined(); // the input is not a linked trace
    const focus = linking!.focus(5);
    const frames = (focus.shapes as RectShape[]).filter((s) => s.type === 'rect').filter((_, i) => i % 2 === 0);
    expect(frames.map((s) => [s.xref, s.x0, s.x1, s.y0, s.y1])).toEqual([
      ['x', 2.5, 4.5, 1.5, 3.5], // input rows 2..3, cols 3..4
      ['x2', 0.5, 2.5, 0.5, 2.5], // the whole kernel
      ['x3', 2.5, 3.5, 1.5, 2.5], // a(2,3)
    ]);
    expect(focus.caption).toBe(convFormula(examples.conv as never, 1, 2).join('\n'));
    expect(focus.label).toBe('2,3');
    expect(data).toHaveLength(3);
  });

  it('conv-backward: δ sits inside its zero padding; corner cells gather one δ and grey the other weights', () => {
    const { linking, data } = buildFigure(examples['conv-backward'], light);
    const padded = data[0].z as Array<Array<number | null>>;
    expect(padded).toEqual([
      [null, null, null, null],
      [null, 1, 2, null],
      [null, 3, 4, null],
      [null, null, null, null],
    ]);
    const focus = linking!.focus(0);
    const greyed = (focus.shapes as Array<{ fillcolor?: string }>).filter((s) => s.fillcolor);
    expect(greyed).toHaveLength(3);
    expect(focus.caption).toBe(convBackwardFormula(examples['conv-backward'] as never, 0, 0).join('\n'));
    expect(linking!.focus(4).shapes.filter((s) => (s as { fillcolor?: string }).fillcolor)).toHaveLength(0);
  });

  it('pool: rings the argmax cells, tiles the input, and links a hover anywhere in a window to that window', () => {
    const { linking, data, layout } = buildFigure(examples.pool, light);
    const rings = data.find((t) => t.type === 'scatter')!;
    expect(rings.x).toEqual([2, 4, 2, 4]);
    expect(rings.y).toEqual([2, 2, 4, 4]);
    expect((layout.shapes as Array<{ type: string }>).filter((s) => s.type === 'line')).toHaveLength(2);
    expect(linking?.positionAt(0, 4, 3)).toBe(3); // input cell (3,4) lies in window (2,2)
    expect(linking?.positionAt(1, 1, 2)).toBe(2);
    expect(linking?.focus(3).caption).toBe('y(2,2) = max(10, 11, 14, 15)\n  = 15 at x(4,4)');
  });

  it('pool-backward: says where each δ goes', () => {
    const { linking } = buildFigure(examples['pool-backward'], light);
    expect(linking?.focus(1).caption).toBe('δˡ⁺¹(1,2) = -4 is shared by the 4 cells of its window (weight 1/4)\n  each gets -4 / 4 = -1');
  });
});

describe('buildFigure, fuzzed', () => {
  const plane = (maxSide: number) =>
    fc
      .tuple(fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxSide }))
      .chain(([h, w]) =>
        fc
          .array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: h * w, maxLength: h * w })
          .map((data) => ({ shape: [h, w] as [number, number], data })),
      );

  it('builds a figure for every valid matrix, kernel and δ payload, and its label names the kind (300 cases)', () => {
    const payload = fc
      .tuple(
        plane(24),
        fc.constantFrom('matrix', 'kernel', 'signed'),
        fc.string(),
        fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
      )
      .map(
        ([p, kind, title, bias]) =>
          ({ version: 1, kind, title, symbol: 'w', ...p, ...(kind === 'kernel' && bias !== undefined ? { bias } : {}) }) as Payload,
      );
    fc.assert(
      fc.property(payload, (p) => buildFigure(p, light).label.startsWith(`${p.kind} "`)),
      { numRuns: 300 },
    );
  });

  it('builds every example kind', () => {
    for (const kind of KINDS) expect(buildFigure(examples[kind], light).data.length).toBeGreaterThan(0);
  });
});

describe('layout helpers', () => {
  it('lays compare panels in two rows, each difference under the item it compares to the first', () => {
    const { layout } = buildFigure(
      { ...examples.compare, items: [...(examples.compare as { items: object[] }).items, { label: 'c', data: [0, 0] }] } as Payload,
      light,
    );
    const domain = (axis: string) => (layout[axis] as { domain: number[] }).domain;
    expect(domain('xaxis4')).toEqual(domain('xaxis2')); // B − A under B
    expect(domain('xaxis5')).toEqual(domain('xaxis3')); // C − A under C
    expect(domain('yaxis4')[1]).toBeLessThan(domain('yaxis')[0]);
  });

  it('cuts a panel title to its width and keeps the whole title on hover', () => {
    const { layout } = buildFigure(
      {
        ...examples.compare,
        items: [
          { label: 'x'.repeat(80), data: [1, 2] },
          { label: 'b', data: [1, 2] },
        ],
      } as Payload,
      light,
    );
    const title = (layout.annotations as Array<{ text: string; hovertext?: string }>)[0];
    expect(title.text.endsWith('…')).toBe(true);
    expect(title.hovertext).toBe(`A: ${'x'.repeat(80)}`);
  });
});
