import { MimeModel } from '@jupyterlab/rendermime/lib/mimemodel';
import { MIME_TYPE } from 'convlab/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Plotly } from '../../jupyter-extension/src/plotly';
import { TensorView } from '../../jupyter-extension/src/widget';
import { convPayload } from '../../kernel-lib/src/display/linked';
import { randn } from '../../kernel-lib/src';
import { examples } from '../kernel-lib/contract/examples';
import { fakeResizeObserver, setWidth } from './dom';

type Handler = (event: unknown) => void;

/** A recording stand-in for plotly: the real one needs a browser's layout engine (tested end to end). */
function fakePlotly() {
  const handlers = new Map<HTMLElement, Map<string, Handler>>();
  const plotly = {
    react: vi.fn(async (node: HTMLElement, _data?: unknown, _layout?: unknown) => {
      const on = (event: string, handler: Handler) => {
        if (!handlers.has(node)) handlers.set(node, new Map());
        handlers.get(node)!.set(event, handler);
      };
      return Object.assign(node, { on });
    }),
    relayout: vi.fn(async (node: HTMLElement) => node),
    purge: vi.fn((node: HTMLElement) => handlers.delete(node)),
  };
  const hover = (node: HTMLElement, point: unknown) => handlers.get(node)?.get('plotly_hover')?.({ points: [point] });
  return { plotly: plotly as unknown as Plotly & typeof plotly, hover, handlers };
}

function render(value: unknown, fake = fakePlotly()) {
  const view = new TensorView(
    { mimeType: MIME_TYPE, sanitizer: {} as never, resolver: null, linkHandler: null, latexTypesetter: null },
    async () => fake.plotly,
  );
  document.body.appendChild(view.node);
  return { view, ...fake, done: view.renderModel(new MimeModel({ data: { [MIME_TYPE]: value as never } })) };
}

const valid = { version: 1, kind: 'matrix', title: 'k', shape: [1, 2], data: [1, 2] };
const plotNode = (view: TensorView) => view.node.querySelector('.convlab-plot') as HTMLElement;

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('TensorView', () => {
  it('draws a valid payload with plotly and marks the node rendered, with an aria-label', async () => {
    const { view, plotly, done } = render(valid);
    await done;
    expect(plotly.react).toHaveBeenCalledTimes(1);
    expect(view.node.dataset.convlabRendered).toBe('matrix');
    expect(view.node.getAttribute('aria-label')).toBe('matrix "k", shape 1x2, min 1, max 2');
  });

  it('reads the payload from a JSON string too (what display.raw sends)', async () => {
    const { plotly, done } = render(JSON.stringify(valid));
    await done;
    expect(plotly.react).toHaveBeenCalledTimes(1);
  });

  it('shows a readable message, and draws nothing, for an invalid payload', async () => {
    const { view, plotly, done } = render({ ...valid, data: [1] });
    await done;
    expect(plotly.react).not.toHaveBeenCalled();
    expect(view.node.textContent).toBe('convlab: cannot show this output: matrix: data has 1 values but the shape needs 2');
    expect(view.node.dataset.convlabError).toBe('true');
  });

  it('refuses a 4096x4096 payload with a message', async () => {
    const { view, done } = render({ ...valid, shape: [4096, 4096], data: [] });
    await done;
    expect(view.node.querySelector('.convlab-error')?.textContent).toContain('shape has a side of 4096, over the limit of 1024');
  });

  it('never turns payload text into markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { view, done } = render({ ...valid, kind: hostile });
    await done;
    expect(view.node.querySelector('img, script')).toBeNull();
    const titled = render({ ...valid, title: hostile, notice: hostile });
    await titled.done;
    expect(titled.view.node.querySelector('img, script')).toBeNull();
    expect(titled.view.node.querySelector('.convlab-notice')?.textContent).toBe(hostile);
    const layout = titled.plotly.react.mock.calls[0][2] as { title: { text: string } };
    expect(layout.title.text).not.toContain('<');
  });

  it('shows a notice, such as the downsampling one, as visible text', async () => {
    const { view, done } = render({ ...valid, notice: 'downsampled from 1024x1024 to 256x256' });
    await done;
    expect(view.node.querySelector('.convlab-notice')?.textContent).toBe('downsampled from 1024x1024 to 256x256');
  });

  it('replaces a live view in place on each update: the same plot node, the new title and status', async () => {
    const { view, plotly, done } = render({ ...examples.live, status: 'epoch 3/10' });
    await done;
    await view.renderModel(
      new MimeModel({
        data: { [MIME_TYPE]: { ...examples.live, step: 10, title: 'finished', status: 'epoch 10/10 · <b>done</b>' } as never },
      }),
    );
    expect(plotly.react).toHaveBeenCalledTimes(2);
    expect(plotly.react.mock.calls[1][0]).toBe(plotly.react.mock.calls[0][0]);
    const layout = plotly.react.mock.calls[1][2] as { title: { text: string }; annotations: Array<{ text: string }> };
    expect(layout.title.text).toBe('finished');
    expect(layout.annotations.map((a) => a.text)).toContain('epoch 10/10 · &lt;b&gt;done&lt;/b&gt;');
    expect(view.node.getAttribute('aria-label')).toMatch(/^live "finished", step 10 of 10, .*; epoch 10\/10 · <b>done<\/b>;/);
    expect(view.node.querySelector('b')).toBeNull();
  });

  it('purges the plot on dispose', async () => {
    const { view, plotly, done } = render(valid);
    await done;
    view.dispose();
    expect(plotly.purge).toHaveBeenCalledTimes(1);
  });

  it('draws nothing when disposed while plotly is still loading', async () => {
    const { view, plotly, done } = render(valid);
    view.dispose();
    await done;
    expect(plotly.react).not.toHaveBeenCalled();
  });
});

describe('TensorView, linked views', () => {
  it('moves the highlight and the written-out sum to the output cell under the pointer', async () => {
    const { view, plotly, hover, done } = render(examples.conv);
    await done;
    expect(view.node.dataset.convlabFocus).toBe('1,1');
    hover(plotNode(view), { curveNumber: 2, x: 3, y: 2 });
    expect(view.node.dataset.convlabFocus).toBe('2,3');
    expect(plotly.relayout).toHaveBeenCalledTimes(1);
    expect(view.node.querySelector('.convlab-caption')?.textContent).toContain('a(2,3) = b + Σ w·x');
    expect(view.node.querySelector('.convlab-status')?.textContent).toBe('output cell 2,3 (6 of 9)');
    hover(plotNode(view), { curveNumber: 0, x: 1, y: 1 }); // the input is not linked: nothing moves
    expect(view.node.dataset.convlabFocus).toBe('2,3');
  });

  it('steps with the buttons and plays through every position', async () => {
    vi.useFakeTimers();
    const { view, done } = render(examples.pool);
    await done;
    const [prev, play, next] = Array.from(view.node.querySelectorAll('button'));
    next.click();
    expect(view.node.dataset.convlabFocus).toBe('1,2');
    prev.click();
    prev.click();
    expect(view.node.dataset.convlabFocus).toBe('1,1');
    play.click();
    expect(play.textContent).toBe('❚❚ pause');
    vi.advanceTimersByTime(700 * 5);
    expect(view.node.dataset.convlabFocus).toBe('2,2');
    expect(play.textContent).toBe('▶ play');
  });

  it('keeps the position across a re-render (a theme switch) and re-draws with the new colours', async () => {
    document.body.dataset.jpThemeLight = 'true';
    const { view, plotly, hover, done } = render(examples['conv-backward']);
    await done;
    hover(plotNode(view), { curveNumber: 2, x: 2, y: 2 });
    document.body.dataset.jpThemeLight = 'false';
    await vi.waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(view.node.dataset.convlabRendered).toBe('conv-backward'));
    const [light, dark] = plotly.react.mock.calls.map((call) => (call[2] as { paper_bgcolor: string }).paper_bgcolor);
    expect(light).not.toBe(dark);
    expect(view.node.dataset.convlabFocus).toBe('2,2');
  });

  it('leaves nothing behind after 100 renders and disposals: plots purged, observers and controls gone', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const fake = fakePlotly();
    for (let i = 0; i < 100; i++) {
      const { view, done } = render(i % 2 ? examples.conv : examples.grid, fake);
      await done;
      await view.renderModel(new MimeModel({ data: { [MIME_TYPE]: examples.pool as never } }));
      view.dispose();
    }
    expect(fake.plotly.purge).toHaveBeenCalledTimes(100);
    expect(fake.handlers.size).toBe(0);
    expect(disconnect).toHaveBeenCalledTimes(100);
    expect(document.querySelectorAll('.convlab-controls').length).toBe(0);
  });
});

describe('TensorView, fitting the output', () => {
  const conv28 = convPayload('showConv', randn([28, 28], 1), randn([5, 5], 2), 0, { at: [9, 7] });
  const widthOf = (call: unknown[]) => (call[2] as { width: number }).width;

  it('lays the figure out for the width its output has', async () => {
    const { view, plotly, done } = render(conv28);
    setWidth(view.node, 500);
    await done;
    expect(widthOf(plotly.react.mock.calls[0])).toBeLessThanOrEqual(500);
    expect(Number(view.node.dataset.convlabWidth)).toBe(widthOf(plotly.react.mock.calls[0]));
  });

  it('lays it out again, once, when the output narrows, keeping the position shown; not for a height change or a few pixels more', async () => {
    const observer = fakeResizeObserver();
    const { view, plotly, hover, done } = render(conv28);
    setWidth(view.node, 850);
    await done;
    hover(plotNode(view), { curveNumber: 2, x: 3, y: 2 });
    setWidth(view.node, 480);
    for (let i = 0; i < 5; i++) observer.notify();
    await vi.waitFor(() => expect(plotly.react).toHaveBeenCalledTimes(2));
    const [, , layout] = plotly.react.mock.calls[1] as [unknown, unknown, { width: number; shapes: Array<{ x0: number }> }];
    expect(layout.width).toBeLessThanOrEqual(480);
    expect(layout.shapes[0].x0).toBe(2.5); // the input window of output cell (2, 3), drawn at once
    expect(view.node.dataset.convlabFocus).toBe('2,3');
    observer.notify();
    setWidth(view.node, 490);
    observer.notify();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(plotly.react).toHaveBeenCalledTimes(2);
  });

  it('opens a linked view at its focus (the `at` of the display call): highlight, caption and step control', async () => {
    const { view, plotly, done } = render({ ...examples.conv, focus: [1, 2] });
    await done;
    expect(view.node.dataset.convlabFocus).toBe('2,3');
    expect(view.node.querySelector('.convlab-caption')?.textContent).toMatch(/^a\(2,3\) = b \+ Σ w·x/);
    expect(view.node.querySelector('.convlab-status')?.textContent).toBe('output cell 2,3 (6 of 9)');
    expect((view.node.querySelector('.convlab-slider') as HTMLInputElement).value).toBe('5');
    expect(plotly.relayout).not.toHaveBeenCalled(); // drawn there from the start
    const layout = plotly.react.mock.calls[0][2] as { shapes: Array<{ x0: number; y0: number }> };
    expect([layout.shapes[0].x0, layout.shapes[0].y0]).toEqual([2.5, 1.5]);
  });
});
