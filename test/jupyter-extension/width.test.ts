import { afterEach, describe, expect, it, vi } from 'vitest';
import { REGROW, WidthWatcher, needsRelayout } from '../../jupyter-extension/src/width';
import { fakeResizeObserver, setWidth } from './dom';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('needsRelayout', () => {
  it('when the view no longer fits, or the output has grown by REGROW pixels or more', () => {
    const laid = { width: 850, figureWidth: 800 };
    expect(needsRelayout(laid, 820)).toBe(false); // narrower, but the view still fits
    expect(needsRelayout(laid, 799)).toBe(true);
    expect(needsRelayout(laid, 850 + REGROW - 1)).toBe(false); // a scroll bar coming and going changes nothing
    expect(needsRelayout(laid, 850 + REGROW)).toBe(true);
  });

  it('once a view drawn before it could be measured is measured; never while it cannot be', () => {
    expect(needsRelayout({ width: undefined, figureWidth: 860 }, 1200)).toBe(true);
    expect(needsRelayout({ width: 850, figureWidth: 800 }, undefined)).toBe(false);
    expect(needsRelayout(undefined, 850)).toBe(false); // nothing drawn yet
  });
});

describe('WidthWatcher', () => {
  it('measures once per animation frame however many notifications arrive, and calls back only when needed', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', undefined); // the setTimeout fallback, driven by fake timers
    const observer = fakeResizeObserver();
    const node = document.createElement('div');
    const onChange = vi.fn();
    const watcher = new WidthWatcher(node, onChange);
    setWidth(node, 850);
    expect(watcher.measure()).toBe(850);
    watcher.laid(850, 800);
    setWidth(node, 600);
    for (let i = 0; i < 10; i++) observer.notify();
    vi.advanceTimersByTime(20);
    expect(onChange).toHaveBeenCalledTimes(1);
    watcher.laid(600, 580);
    observer.notify(); // a height change only: the same width
    vi.advanceTimersByTime(20);
    expect(onChange).toHaveBeenCalledTimes(1);
    watcher.schedule();
    watcher.dispose(); // a pending check is dropped
    vi.advanceTimersByTime(20);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('reports no width for a node that is not laid out', () => {
    expect(new WidthWatcher(document.createElement('div'), () => undefined).measure()).toBeUndefined();
  });
});
