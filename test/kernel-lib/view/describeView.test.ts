import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../kernel-lib/src/contract';
import { describeView } from '../../../kernel-lib/src/view';
import { examples } from '../contract/examples';

/**
 * The view model against hand-computed layouts and values: margins (l 46, t 58 or 40), gaps (40,
 * or 36 for a kernel and its bias), cells (up to 40 pixels, 22 at least with values), colours from
 * viridis and reversed RdBu, frames at the focus.
 */
const VIRIDIS_MIN = '#440154';
const VIRIDIS_MAX = '#fde725';
const WHITE = '#f2efee'; // d3's interpolateRdBu(0.5), rgb(242, 239, 238)
const BLUE_END = '#053061';
const RED_END = '#67001f';

describe('describeView', () => {
  it('matrix: one panel at the margins, 40-pixel cells, values written, viridis from min to max, a title', () => {
    const s = describeView(examples.matrix);
    const [p] = s.panels;
    expect([p.x, p.y, p.cell, p.rows, p.cols]).toEqual([46, 40, 40, 2, 3]);
    expect(p.colours[0]).toBe(VIRIDIS_MIN);
    expect(p.colours[5]).toBe(VIRIDIS_MAX);
    expect(p.labels?.text).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(p.ticks).toEqual({ rows: [1, 2], cols: [1, 2, 3] });
    // 3 cells of 40 + margins 46 and 16 (no colour bar: the panel is 80 < 100 pixels tall).
    expect([s.width, s.height]).toEqual([46 + 120 + 16, 40 + 80 + 30]);
    expect(s.labels[0]).toMatchObject({ text: 'm', tone: 'title' });
    expect(s.bars).toEqual([]);
  });

  it('signed: diverging, symmetric about zero: −2 is the blue end, 0 white, 2 the red end', () => {
    const s = describeView({ version: 1, kind: 'signed', title: 'δ', symbol: 'δ', shape: [1, 3], data: [-2, 0, 2] });
    expect(s.panels[0].colours).toEqual([BLUE_END, WHITE, RED_END]);
    expect(s.panels[0].scale).toEqual({ kind: 'diverging', min: -2, max: 2 });
  });

  it('kernel: w and its bias beside it 36 pixels apart on one diverging scale, named w11 … from 1', () => {
    const s = describeView(examples.kernel);
    const [w, b] = s.panels;
    expect([w.x, w.y, w.cell, b.x, b.y]).toEqual([46, 58, 40, 46 + 80 + 36, 58]);
    expect(w.names).toEqual(['w11', 'w12', 'w21', 'w22']);
    expect(w.labels?.text).toEqual(['1', '0', '0', '-1']);
    expect(b.labels?.text).toEqual(['0.5']);
    expect(w.scale).toEqual({ kind: 'diverging', min: -1, max: 1 });
    expect(s.labels.map((l) => l.text)).toEqual(['w', 'w (2x2)', 'b']);
  });

  it('grid: one mosaic panel, maps one empty column apart, named over their corners, a colour bar', () => {
    const s = describeView(examples.grid);
    const [p] = s.panels;
    // 3 maps of 2x2 in 3 columns, one empty column between maps, 24-pixel cells (the largest).
    expect([p.rows, p.cols, p.cell]).toEqual([3, 8, 24]);
    expect(p.values.slice(8, 16)).toEqual([0, 1, null, 4, 5, null, 8, 9]);
    expect(s.labels.slice(1).map((l) => [l.text, l.x])).toEqual([
      ['c1', 12],
      ['c2', 12 + 3 * 24],
      ['c3', 12 + 6 * 24],
    ]);
    expect(p.names?.[8]).toBe('c1 (1,1)');
    expect(s.bars).toHaveLength(0); // 72 pixels tall: under 100, no bar
  });

  it('conv: three panels, the receptive field, the kernel and the output cell framed at the focus, the sum written', () => {
    const s = describeView({ ...examples.conv, focus: [1, 2] } as Payload);
    expect(s.panels.map((p) => [p.rows, p.cols])).toEqual([
      [4, 4],
      [2, 2],
      [3, 3],
    ]);
    expect(s.focus?.frames).toEqual([
      { panel: 0, r0: 1, c0: 2, r1: 2, c1: 3, style: 'focus' },
      { panel: 1, r0: 0, c0: 0, r1: 1, c1: 1, style: 'focus' },
      { panel: 2, r0: 1, c0: 2, r1: 1, c1: 2, style: 'focus' },
    ]);
    expect(s.focus?.label).toBe('2,3');
    // x(2,3)·1 + x(3,4)·(−1) = 6 − 11 = −5, + b 0.5: linear, so a = z.
    expect(s.focus?.sum.join('\n')).toMatch(/= -4\.5\n {2}a = z = -4\.5$/);
    expect(s.linking?.positionAt(2, 2, 2)).toBe(8);
    expect(s.linking?.positionAt(0, 0, 0)).toBeUndefined();
  });

  it('conv-backward: δ inside its padding (a dotted frame), the window δˡ(i,j) gathers, the rotated weights meeting padding greyed', () => {
    const s = describeView(examples['conv-backward']);
    const padded = s.panels[0];
    expect([padded.rows, padded.cols, padded.rowBase, padded.colBase]).toEqual([4, 4, 0, 0]);
    expect(padded.values).toEqual([null, null, null, null, null, 1, 2, null, null, 3, 4, null, null, null, null, null]);
    expect(s.frames).toEqual([{ panel: 0, r0: 1, c0: 1, r1: 2, c1: 2, style: 'dotted' }]);
    // δˡ(1,1) gathers only δˡ⁺¹(1,1), through rot180(w)(2,2): the other three rotated weights meet padding.
    expect(s.focus?.frames.filter((f) => f.style === 'grey').map((f) => [f.r0, f.c0])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(s.focus?.frames.find((f) => f.panel === 0 && f.style === 'focus')).toEqual({
      panel: 0,
      r0: 0,
      c0: 0,
      r1: 1,
      c1: 1,
      style: 'focus',
    });
  });

  it('pool: the tiling rules, a ring in each maximum, the window and its pooled cell framed; pooled cells one window wide', () => {
    const s = describeView({ ...examples.pool, focus: [1, 0] } as Payload);
    const [x, y] = s.panels;
    expect(y.cell).toBe(2 * x.cell);
    expect(s.rules).toEqual([
      { panel: 0, r0: 2, c0: 0, r1: 2, c1: 4 },
      { panel: 0, r0: 0, c0: 2, r1: 4, c1: 2 },
    ]);
    expect(s.rings).toEqual(
      [
        [1, 1],
        [1, 3],
        [3, 1],
        [3, 3],
      ].map(([r, c]) => ({ panel: 0, r, c })),
    );
    expect(s.focus?.frames).toEqual([
      { panel: 0, r0: 2, c0: 0, r1: 3, c1: 1, style: 'focus' },
      { panel: 1, r0: 1, c0: 0, r1: 1, c1: 0, style: 'focus' },
    ]);
    expect(s.focus?.sum[0]).toBe('y(2,1) = max(8, 9, 12, 13)');
    expect(s.linking?.positionAt(0, 3, 3)).toBe(3); // input cell (3,3) lies in window (1,1)
  });

  it('pool-backward: three panels, the tiling on x and on δˡ, the window framed in both', () => {
    const s = describeView(examples['pool-backward']);
    expect(s.panels).toHaveLength(3);
    expect(new Set(s.rules.map((r) => r.panel))).toEqual(new Set([0, 2]));
    expect(s.focus?.frames.map((f) => f.panel)).toEqual([0, 1, 2]);
    expect(s.focus?.sum[1]).toBe('  each gets 4 / 4 = 1');
  });

  it('compare: items on one scale, the difference under B on the scale of the values, its largest cell framed, the verdict in the title', () => {
    const s = describeView(examples.compare);
    expect(s.panels).toHaveLength(3);
    const diff = s.panels[2];
    expect(diff.scale).toEqual({ kind: 'diverging', min: -2.5, max: 2.5 });
    expect(diff.values).toEqual([0, 0.5]);
    expect(diff.x).toBe(s.panels[1].x); // indented under B
    expect(s.frames).toEqual([{ panel: 2, r0: 0, c0: 1, r1: 0, c1: 1, style: 'focus' }]);
    expect(s.labels[0].text).toBe('same? · max |difference| = 0.5 (20% of max |value| 2.5)');
  });

  it('live: the bar filled step/total of its track, two plots on the fitted ranges, a curve each, the kernels mosaic', () => {
    const s = describeView(examples.live);
    const [track, bar] = s.boxes;
    expect(bar.width / track.width).toBeCloseTo(0.3, 12);
    expect(s.plots.map((p) => p.yRange[0])).toEqual([0, expect.closeTo(0.14, 12)]);
    expect(s.curves.map((c) => [c.plot, c.ys])).toEqual([
      [0, [1, 0.5, 0.25]],
      [1, [0.2, 0.6, 0.8]],
    ]);
    expect(s.panels[0].values).toEqual([1, 0, null, 0.5, 0.5, 0, -1, null, -0.5, -0.5]);
    expect(s.labels.map((l) => l.text)).toContain('3 / 10 (30%)');
  });

  it('moves a linked view to a given position; wraps a long title and moves everything under it down', () => {
    expect(describeView(examples.conv, { position: 8 }).focus?.label).toBe('3,3');
    const long = describeView({ ...examples.matrix, title: 'word '.repeat(80) } as Payload, { width: 300 });
    const lines = long.labels.filter((l) => l.tone === 'title');
    expect(lines.length).toBeGreaterThan(1);
    expect(long.panels[0].y).toBe(40 + 18 * (lines.length - 1));
  });
});
