// The replay's step control and its saved state, and the inspector's hover and pin, in jsdom with a stand-in for plotly.
import { MimeModel } from '@jupyterlab/rendermime/lib/mimemodel';
import { MIME_TYPE } from 'convlab/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Plotly } from '../../jupyter-extension/src/plotly';
import { readViewState, withViewState } from '../../jupyter-extension/src/viewState';
import { TensorView } from '../../jupyter-extension/src/widget';
import { inspectExample, replayExample } from '../kernel-lib/contract/inspectExamples';

type Handler = (event: unknown) => void;

function fakePlotly() {
  const handlers = new Map<string, Handler>();
  const plotly = {
    react: vi.fn(async (node: HTMLElement, _data?: unknown, layout?: { annotations?: Array<{ text: string }> }) => {
      node.dataset.head = layout?.annotations?.[0]?.text ?? '';
      return Object.assign(node, { on: (event: string, handler: Handler) => handlers.set(event, handler) });
    }),
    relayout: vi.fn(async (node: HTMLElement) => node),
    purge: vi.fn(),
  };
  return { plotly: plotly as unknown as Plotly & typeof plotly, handlers };
}

function mount(value: unknown, metadata: Record<string, unknown> = {}) {
  const fake = fakePlotly();
  const view = new TensorView(
    { mimeType: MIME_TYPE, sanitizer: {} as never, resolver: null, linkHandler: null, latexTypesetter: null },
    async () => fake.plotly,
  );
  document.body.appendChild(view.node);
  const model = new MimeModel({ data: { [MIME_TYPE]: value as never }, metadata: metadata as never });
  return { view, model, ...fake, done: view.renderModel(model) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const button = (view: TensorView, label: string) =>
  view.node.querySelector(`.convlab-replay-controls button[aria-label="${label}"]`) as HTMLButtonElement;

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('view state', () => {
  it('reads a saved position, and ignores malformed or hostile metadata', () => {
    expect(readViewState({ metadata: { [MIME_TYPE]: { view: { position: 2 } } } })).toEqual({ position: 2 });
    for (const bad of [
      undefined,
      'x',
      [],
      { view: 3 },
      { view: { position: -1 } },
      { view: { position: 1.5 } },
      { view: { position: '2' } },
      { view: { position: 1e300 } },
    ]) {
      expect(readViewState({ metadata: { [MIME_TYPE]: bad as never } })).toBeUndefined();
    }
  });

  it('writes the position beside the output’s other metadata, keeping it', () => {
    expect(withViewState({ other: 1, [MIME_TYPE]: { note: 'kept' } } as never, { position: 4 })).toEqual({
      other: 1,
      [MIME_TYPE]: { note: 'kept', view: { position: 4 } },
    });
  });
});

describe('replay in the page', () => {
  it('opens on the saved step, scrubs to another, and writes it into the output’s metadata (once, where it rests)', async () => {
    const { view, model, plotly, done } = mount(replayExample, { [MIME_TYPE]: { view: { position: 2 } } });
    await done;
    expect(view.node.dataset.convlabStep).toBe('2');
    expect(plotly.react.mock.calls[0][2]?.annotations?.[0]?.text).toMatch(/^step 20 \(epoch 1\), 3 of 3 recorded/);
    vi.useFakeTimers();
    const setData = vi.spyOn(model, 'setData');
    button(view, 'previous position').click();
    button(view, 'previous position').click();
    await vi.advanceTimersByTimeAsync(10);
    expect(view.node.dataset.convlabStep).toBe('0');
    expect((view.node.querySelector('.convlab-plot') as HTMLElement).dataset.head).toMatch(/^step 0 \(epoch 0\), 1 of 3/);
    expect(setData).not.toHaveBeenCalled(); // still scrubbing
    await vi.advanceTimersByTimeAsync(400);
    expect(setData).toHaveBeenCalledTimes(1);
    expect(readViewState(model)).toEqual({ position: 0 });
    // the notebook renders the same output again after the write: it stays on the step shown
    await view.renderModel(model);
    await vi.advanceTimersByTimeAsync(400);
    expect(view.node.dataset.convlabStep).toBe('0');
    expect(setData).toHaveBeenCalledTimes(1);
  });

  it('a saved step past the end opens on the last step; no saved step opens on the payload’s position', async () => {
    const late = mount(replayExample, { [MIME_TYPE]: { view: { position: 99 } } });
    await late.done;
    expect(late.view.node.dataset.convlabStep).toBe('2');
    const fresh = mount({ ...replayExample, position: 1 });
    await fresh.done;
    expect(fresh.view.node.dataset.convlabStep).toBe('1');
  });
});

describe('inspect in the page', () => {
  it('a hover follows a neuron; a click pins it, so later hovers leave it; a second click frees it', async () => {
    const { view, handlers, done } = mount(inspectExample);
    await done;
    await settle();
    // panel 1 is layer 0's activations: 2 maps of 3x3 side by side (one empty column between), cell (1, 5) = map 1, (1, 1)
    handlers.get('plotly_hover')?.({ points: [{ curveNumber: 1, x: 5, y: 1 }] });
    expect(view.node.dataset.convlabFocus).toBe('layer 0 c2 (2,2)');
    expect(view.node.querySelector('.convlab-caption')?.textContent).toContain('sees in the input: rows 2–3, cols 2–3');
    handlers.get('plotly_click')?.({ points: [{ curveNumber: 1, x: 0, y: 0 }] });
    expect(view.node.dataset.convlabPinned).toBe('true');
    handlers.get('plotly_hover')?.({ points: [{ curveNumber: 1, x: 5, y: 1 }] });
    expect(view.node.dataset.convlabFocus).toBe('layer 0 c1 (1,1)');
    handlers.get('plotly_click')?.({ points: [{ curveNumber: 1, x: 0, y: 0 }] });
    expect(view.node.dataset.convlabPinned).toBe('false');
    handlers.get('plotly_hover')?.({ points: [{ curveNumber: 1, x: 5, y: 1 }] });
    expect(view.node.dataset.convlabFocus).toBe('layer 0 c2 (2,2)');
  });

  it('a hostile layer name or panel title reaches plotly escaped, and the page gets no markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    for (const payload of [
      { ...inspectExample, layers: inspectExample.layers.map((l) => ({ ...l, name: hostile, deltaRule: hostile })) },
      { ...replayExample, panels: replayExample.panels.map((q) => ({ ...q, title: hostile })) },
    ]) {
      const { view, plotly, done } = mount(payload);
      await done;
      expect(view.node.dataset.convlabRendered).toBe(payload.kind);
      const texts = (plotly.react.mock.calls[0][2] as { annotations: Array<{ text: string }> }).annotations.map((a) => a.text);
      expect(texts.some((t) => t.includes('&lt;img src=x'))).toBe(true);
      expect(texts.some((t) => t.includes('<img'))).toBe(false);
      expect(view.node.querySelector('img, script')).toBeNull();
    }
  });
});
