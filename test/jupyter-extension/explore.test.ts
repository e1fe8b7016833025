// The explorer's controls in jsdom with a stand-in for plotly: a control recomputes the drawn view
// (checked against the library's conv2d), the setting is written into the output with fallbacks of
// that setting, a re-render keeps it, and the arrow keys walk a linked view's cells.
import { MIME_TYPE, type ExplorePayload, unpackPayload } from 'convlab/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TensorView } from '../../jupyter-extension/src/widget';
import { mountView } from './dom';
import { Tensor, conv2d, randn, tensor } from '../../kernel-lib/src';
import { explorePayload } from '../../kernel-lib/src/display/explore';

function mount(value: unknown) {
  const plotly = {
    react: vi.fn(async (node: HTMLElement, data: Array<{ z?: unknown }>) => {
      node.dataset.traces = String(data.length);
      return Object.assign(node, { on: () => undefined });
    }),
    relayout: vi.fn(async (node: HTMLElement) => node),
    purge: vi.fn(),
  };
  return { plotly, ...mountView(plotly, value, { 'image/png': 'OLD', 'text/plain': 'old' }) };
}

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const control = (view: TensorView, name: string) =>
  view.node.querySelector(`[data-control="${name}"]`) as HTMLInputElement | HTMLSelectElement;
function move(view: TensorView, name: string, value: string): void {
  const c = control(view, name);
  c.value = value;
  c.dispatchEvent(new Event(c instanceof HTMLSelectElement ? 'change' : 'input'));
}

/** The heatmap plotly was last given for the output panel (the last trace with z), flattened. */
function drawnOutput(plotly: { react: { mock: { calls: unknown[][] } } }): number[] {
  const data = plotly.react.mock.calls.at(-1)?.[1] as Array<{ z?: Array<Array<number | null>>; customdata?: unknown }>;
  const z = data.filter((t) => Array.isArray(t.z)).at(-1)?.z ?? [];
  return z.flat().filter((v): v is number => typeof v === 'number');
}

const shapes = (view: TensorView) => (view.node.querySelector('.convlab-explore') as HTMLElement).dataset.convlabShapes;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the explorer in the page', () => {
  const x = randn([7, 7], 1);
  const w = randn([3, 3], 2);
  const payload = explorePayload('explore', x, w, { bias: 0.5 });

  it('shows a control for each setting, and moving one redraws the library result for that setting', async () => {
    const { view, plotly, done } = mount(payload);
    await done;
    for (const name of ['kernel', 'input', 'stride', 'padding', 'dilation', 'operation', 'direction'])
      expect(control(view, name)).not.toBeNull();
    expect(shapes(view)).toBe('5x5');
    move(view, 'stride', '2');
    move(view, 'padding', '1');
    await settle();
    expect(shapes(view)).toBe('4x4');
    expect(JSON.parse(view.node.dataset.convlabSettings as string)).toMatchObject({ stride: 2, padding: 1 });
    const z = conv2d(new Tensor([1, 1, 7, 7], x.data), new Tensor([1, 1, 3, 3], w.data), tensor([0.5]), { stride: 2, padding: 1 });
    // The output heatmap is drawn top row last (plotly's y grows upward) or first: compare as sets of values.
    const drawn = drawnOutput(plotly)
      .slice(-16)
      .sort((a, b) => a - b);
    const expected = Array.from(z.data).sort((a, b) => a - b);
    expect(drawn).toHaveLength(16);
    drawn.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    expect(view.node.querySelector('.convlab-explore-calls')?.textContent).toContain(
      'cl.conv2d(x, w, cl.tensor([0.5]), { stride: 2, padding: 1, dilation: 1 })',
    );
    // A setting without output says so, and draws no heatmap.
    move(view, 'dilation', '8');
    await settle();
    expect(shapes(view)).toBe('none');
    expect(view.node.querySelector('.convlab-explore-shapes')?.textContent).toMatch(/no output/);
  });

  it('writes the setting left into the output, with text and HTML fallbacks of that setting and no stale PNG', async () => {
    const { view, model, done } = mount(payload);
    await done;
    move(view, 'direction', 'backward');
    move(view, 'kernel', '2');
    await settle(400);
    const saved = unpackPayload(model.data[MIME_TYPE]) as ExplorePayload;
    expect(saved.settings).toMatchObject({ direction: 'backward', kernel: 2 });
    // jsdom cannot draw a canvas: the PNG of the old setting is dropped, never kept.
    expect(model.data['image/png']).toBeUndefined();
    expect(model.data['text/plain']).toContain('correlation · backward · 7x7 input · 2x2 kernel');
    expect(model.data['text/html']).toContain('<svg');
    // The re-render the write causes keeps what the page shows.
    await view.renderModel(model);
    expect(JSON.parse(view.node.dataset.convlabSettings as string)).toMatchObject({ direction: 'backward', kernel: 2 });
    expect((control(view, 'direction') as HTMLSelectElement).value).toBe('backward');
  });

  it('a saved output reopens on its setting', async () => {
    const { view, done } = mount({ ...payload, settings: { ...payload.settings, stride: 3, operation: 'convolution' } });
    await done;
    expect((control(view, 'stride') as HTMLInputElement).value).toBe('3');
    expect((control(view, 'operation') as HTMLSelectElement).value).toBe('convolution');
    expect(shapes(view)).toBe('2x2');
  });

  it('the arrow keys move and pin the highlighted cell, and the status announces it', async () => {
    const { view, done } = mount(payload);
    await done;
    const plot = view.node.querySelector('.convlab-plot') as HTMLElement;
    expect(plot.tabIndex).toBe(0);
    const key = (k: string) => plot.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowRight');
    key('ArrowDown');
    expect(view.node.dataset.convlabFocus).toBe('2,2');
    expect(view.node.dataset.convlabPinned).toBe('true');
    key('End');
    expect(view.node.dataset.convlabFocus).toBe('5,5');
    key('ArrowRight');
    expect(view.node.dataset.convlabFocus).toBe('5,5');
    expect(view.node.querySelector('.convlab-controls .convlab-status')?.textContent).toMatch(/5,5 \(25 of 25\)/);
    expect(view.node.querySelector('.convlab-controls .convlab-status')?.getAttribute('aria-live')).toBe('polite');
  });

  it('writes the pinned cell into the output with the setting: the saved fallbacks write that cell’s sum', async () => {
    const { view, model, done } = mount(payload);
    await done;
    const plot = view.node.querySelector('.convlab-plot') as HTMLElement;
    const key = (k: string) => plot.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowDown');
    key('ArrowDown');
    key('ArrowRight');
    await settle(400);
    const saved = unpackPayload(model.data[MIME_TYPE]) as ExplorePayload;
    expect(saved.focus).toEqual([2, 1]); // 0-based: cell (3, 2) of the 5x5 output
    expect(model.data['text/plain']).toContain('a(3,2) = b + Σ w·x');
    expect(model.data['text/html']).toContain('a(3,2) = b + Σ w·x');
    // Reopened, the view starts on the pinned cell; a new setting starts again at the first cell.
    await view.renderModel(model);
    expect(view.node.dataset.convlabFocus).toBe('3,2');
    move(view, 'stride', '2');
    await settle(400);
    expect((unpackPayload(model.data[MIME_TYPE]) as ExplorePayload).focus).toBeUndefined();
  });
});
