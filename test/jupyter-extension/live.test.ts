import type { LivePayload, Payload } from 'convlab/contract';
import { liveRange } from 'convlab/view';
import { describe, expect, it } from 'vitest';
import { buildFigure } from '../../jupyter-extension/src/figure';
import { light } from './themes';

type Annotation = { text: string; hovertext?: string; x: number; y: number; xanchor: string; yanchor: string };
type Axis = { domain: number[]; range: number[] };

const curves = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
const finished: LivePayload = {
  version: 1,
  kind: 'live',
  title: 'Nielsen’s CNN on 8,000 digits',
  step: 8000,
  total: 8000,
  xLabel: 'epoch',
  status: 'epoch 10/10 · batch 800/800 · loss 0.0120',
  series: [
    { name: 'loss', panel: 'loss', values: curves(10, (i) => 0.8 / (i + 1)), role: 'training' },
    { name: 'validation loss', panel: 'loss', values: curves(10, (i) => 0.2 / (i + 1) + 0.05), role: 'validation' },
    { name: 'accuracy', panel: 'accuracy', values: curves(10, (i) => 0.94 + 0.005 * i), role: 'training' },
    { name: 'validation accuracy', panel: 'accuracy', values: curves(10, (i) => 0.95 + 0.003 * i), role: 'validation' },
  ],
  kernels: { shape: [20, 5, 5], data: curves(500, (i) => Math.sin(i)) },
};
const figure = (p: LivePayload, width?: number) => buildFigure(p as Payload, light, { width });
const annotations = (p: LivePayload, width?: number) => figure(p, width).layout.annotations as Annotation[];
const axis = (p: LivePayload, name: string, width?: number) => figure(p, width).layout[name] as Axis;

describe('liveFigure', () => {
  it('cuts a status too long for the line, with the whole of it on hover', () => {
    const long = { ...finished, status: 'epoch 10/10 · '.repeat(12) };
    const status = annotations(long, 420)[1];
    expect(status.text.endsWith('…')).toBe(true);
    expect(status.text.length).toBeLessThan(long.status.length);
    expect(status.hovertext).toBe(long.status);
  });

  it('fits the accuracy axis to the values (liveRange), or uses the fixed accuracyRange', () => {
    expect(axis(finished, 'yaxis3').range).toEqual(liveRange(finished, 'accuracy'));
    expect(axis(finished, 'yaxis3').range[0]).toBeGreaterThan(0.93);
    expect(axis({ ...finished, accuracyRange: [0, 1] }, 'yaxis3').range).toEqual([0, 1]);
    expect(axis(finished, 'yaxis2').range).toEqual(liveRange(finished, 'loss'));
  });

  it('draws validation curves dashed with dots, one legend entry per role, the same colours in both panels', () => {
    const { data, layout } = figure(finished);
    const lines = data.slice(1, 5) as Array<{ name: string; showlegend: boolean; line: { color: string; dash: string }; mode: string }>;
    expect(lines.map((t) => [t.name, t.line.dash, t.mode])).toEqual([
      ['training', 'solid', 'lines'],
      ['validation', 'dash', 'lines+markers'],
      ['training', 'solid', 'lines'],
      ['validation', 'dash', 'lines+markers'],
    ]);
    expect(lines.map((t) => t.showlegend)).toEqual([true, true, false, false]);
    expect(lines[0].line.color).toBe(lines[2].line.color);
    expect(lines[0].line.color).not.toBe(lines[1].line.color);
    expect(layout.showlegend).toBe(true);
    expect(figure({ ...finished, series: finished.series.filter((s) => s.role === 'training') }).layout.showlegend).toBe(false);
  });

  it('heads each panel with its latest values', () => {
    const texts = annotations(finished).map((a) => a.text);
    expect(texts).toContain('loss: training 0.08, validation 0.07');
    expect(texts).toContain('accuracy: training 0.985, validation 0.977');
  });

  it('shows the title of the payload, so that an update may change it', () => {
    expect((figure({ ...finished, title: 'finished: 98.1%' }).layout.title as { text: string }).text).toBe('finished: 98.1%');
  });

  it('keeps its size from one update to the next, whatever the step and the status', () => {
    const early = {
      ...finished,
      step: 10,
      status: undefined,
      series: finished.series.map((s) => ({ ...s, values: s.values.slice(0, 1) })),
    };
    for (const width of [860, 420]) {
      expect([figure(early, width).layout.width, figure(early, width).layout.height]).toEqual([
        figure(finished, width).layout.width,
        figure(finished, width).layout.height,
      ]);
    }
  });
});
