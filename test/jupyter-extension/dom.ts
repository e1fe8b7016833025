import { vi } from 'vitest';

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
