import { MimeModel } from '@jupyterlab/rendermime/lib/mimemodel';
import { MIME_TYPE } from 'convlab/contract';
import { vi } from 'vitest';
import type { Plotly } from '../../jupyter-extension/src/plotly';
import { TensorView } from '../../jupyter-extension/src/widget';

/** A ResizeObserver stand-in (jsdom has none) whose notifications the test sends. */
export function fakeResizeObserver() {
  const callbacks: Array<() => void> = [];
  class FakeResizeObserver {
    constructor(callback: () => void) {
      callbacks.push(callback);
    }
    observe(): void {}
    disconnect = vi.fn();
  }
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  return { notify: () => callbacks.forEach((c) => c()) };
}

/** Sets the width jsdom reports for a node (it lays nothing out: clientWidth is 0). */
export const setWidth = (node: HTMLElement, width: number) =>
  Object.defineProperty(node, 'clientWidth', { configurable: true, value: width });

/** A TensorView in the document drawing with `plotly` (a stand-in), rendering an output that holds `data` (the payload under convlab's MIME type). */
export function mountView(plotly: unknown, payload: unknown, data: Record<string, unknown> = {}) {
  const view = new TensorView(
    { mimeType: MIME_TYPE, sanitizer: {} as never, resolver: null, linkHandler: null, latexTypesetter: null },
    async () => plotly as Plotly,
  );
  document.body.appendChild(view.node);
  const model = new MimeModel({ data: { [MIME_TYPE]: payload as never, ...(data as Record<string, never>) } });
  return { view, model, done: view.renderModel(model) };
}
