import { MimeModel } from '@jupyterlab/rendermime/lib/mimemodel';
import { MIME_TYPE } from 'convlab/contract';
import { describe, expect, it, vi } from 'vitest';
import type { Plotly } from '../../jupyter-extension/src/plotly';
import { TensorView } from '../../jupyter-extension/src/widget';

/** A recording stand-in for plotly: the real one needs a browser's layout engine (tested end to end). */
function fakePlotly() {
  return {
    react: vi.fn(async (node: HTMLElement) => node),
    purge: vi.fn(),
    Plots: { resize: vi.fn(async () => undefined) },
  } as unknown as Plotly & { react: ReturnType<typeof vi.fn>; purge: ReturnType<typeof vi.fn> };
}

function render(value: unknown, plotly = fakePlotly()) {
  const view = new TensorView({ mimeType: MIME_TYPE, sanitizer: {} as never, resolver: null, linkHandler: null, latexTypesetter: null }, async () => plotly);
  document.body.appendChild(view.node);
  return { view, plotly, done: view.renderModel(new MimeModel({ data: { [MIME_TYPE]: value as never } })) };
}

const valid = { version: 1, kind: 'matrix', title: 'k', shape: [1, 2], data: [1, 2] };

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
  });

  it('never turns payload text into markup', async () => {
    const { view, done } = render({ ...valid, kind: '<img src=x onerror="window.__pwned=1">' });
    await done;
    expect(view.node.querySelector('img')).toBeNull();
    expect(view.node.querySelector('.convlab-error')?.textContent).toContain('kind is not one this renderer knows');
  });

  it('purges the plot on dispose', async () => {
    const { view, plotly, done } = render(valid);
    await done;
    view.dispose();
    expect(plotly.purge).toHaveBeenCalledTimes(1);
  });
});
