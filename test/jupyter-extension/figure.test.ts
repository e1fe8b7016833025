import { describe, expect, it } from 'vitest';
import { buildFigure, plotlyText } from '../../jupyter-extension/src/figure';
import type { Theme } from '../../jupyter-extension/src/theme';

const light: Theme = { light: true, font: 'sans-serif', foreground: '#000', background: '#fff', grid: '#eee' };

describe('buildFigure (matrix)', () => {
  const figure = buildFigure({ version: 1, kind: 'matrix', title: 'k', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, light);
  const trace = figure.data[0] as { type: string; z: number[][]; zmin: number; zmax: number; colorscale: unknown; texttemplate?: string };

  it('lays the row-major data out as rows of a heatmap', () => {
    expect(trace.type).toBe('heatmap');
    expect(trace.z).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('uses viridis on the data range for unsigned data and writes values into small matrices', () => {
    expect([trace.zmin, trace.zmax, trace.colorscale]).toEqual([1, 6, 'Viridis']);
    expect(trace.texttemplate).toBeDefined();
  });

  it('centres a diverging scale on zero, with a symmetric range, for signed data', () => {
    const signed = buildFigure({ version: 1, kind: 'matrix', title: 'd', shape: [1, 2], data: [-1, 3] }, light).data[0];
    expect([signed.zmin, signed.zmax]).toEqual([-3, 3]);
    expect(Array.isArray(signed.colorscale)).toBe(true);
  });

  it('labels the view for screen readers with kind, shape, min and max', () => {
    expect(figure.label).toBe('matrix "k", shape 2x3, min 1, max 6');
  });

  it('puts row 0 at the top, as matrices are written', () => {
    expect((figure.layout.yaxis as { autorange: string }).autorange).toBe('reversed');
  });

  it('escapes markup in titles so plotly shows it as text', () => {
    expect(plotlyText('<b>x</b> & <img src=x onerror=alert(1)>')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
  });
});
