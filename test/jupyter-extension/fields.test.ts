// The receptive-field view in the renderer (jsdom, a recording plotly): a hover on a late layer frames the fields below.
import { describeView } from 'convlab/view';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountView } from './dom';
import { fieldsExample } from '../kernel-lib/contract/fieldsExample';

type Handler = (event: unknown) => void;
type Rect = { xref: string; x0: number; x1: number; y0: number; y1: number; line?: { color?: string } };

function render() {
  const handlers = new Map<string, Handler>();
  const plotly = {
    react: vi.fn(async (node: HTMLElement) => Object.assign(node, { on: (e: string, h: Handler) => handlers.set(e, h) })),
    relayout: vi.fn(async (node: HTMLElement) => node),
    purge: vi.fn(),
  };
  const { view, done } = mountView(plotly, fieldsExample);
  return { view, plotly, done, fire: (event: string, point: unknown) => handlers.get(event)?.({ points: [point] }) };
}

/** The shapes of the last relayout. */
const lastShapes = (calls: unknown[][]): Rect[] => (calls[calls.length - 1][1] as { shapes: Rect[] }).shapes;

afterEach(() => (document.body.innerHTML = ''));

/** The dark frames of a relayout as [axis, first col, first row, last col, last row] (data coordinates, panel numbering from 0). */
const frames = (shapes: Rect[]) =>
  shapes.filter((s) => s.line?.color === '#000000').map((s) => [s.xref, s.x0 + 0.5, s.y0 + 0.5, s.x1 - 0.5, s.y1 - 0.5]);

describe('TensorView: the receptive-field view', () => {
  it('a hover on a pooled cell frames its fields below and above; a click pins a dense neuron, whose fields are the earlier columns whole', async () => {
    const { view, plotly, done, fire } = render();
    await done;
    expect(view.node.dataset.convlabRendered).toBe('fields');
    fire('plotly_hover', { curveNumber: 2, x: 3, y: 0 }); // the pool's channel 1, cell (0, 0)
    const shapes = lastShapes(plotly.relayout.mock.calls);
    const model = describeView(fieldsExample, { position: 16 + 18 + 4 }).focus!;
    expect(frames(shapes)).toEqual(
      model.frames.map((f) => [`x${f.panel === 0 ? '' : f.panel + 1}`, f.c0, f.r0, f.c1, f.r1]), // plotly: x = col, y = row
    );
    expect(frames(shapes)[0]).toEqual(['x', 0, 0, 2, 2]); // the input's 3x3 receptive field
    expect(view.node.dataset.convlabFocus).toBe('layer 1 c2 (1,1)');
    expect(view.node.querySelector('.convlab-caption')!.textContent).toBe(model.sum.join('\n'));
    fire('plotly_click', { curveNumber: 4, x: 0, y: 1 }); // pin dense neuron 1
    expect(view.node.dataset.convlabPinned).toBe('true');
    fire('plotly_hover', { curveNumber: 0, x: 0, y: 0 }); // pinned: hovers no longer move it
    expect(view.node.dataset.convlabFocus).toBe('layer 3 n2');
    const pinned = frames(lastShapes(plotly.relayout.mock.calls));
    expect(pinned.slice(0, 3)).toEqual([
      ['x', 0, 0, 3, 3],
      ['x2', 0, 0, 6, 2], // both conv maps whole: one frame around the mosaic
      ['x3', 0, 0, 4, 1],
    ]);
  });
});
