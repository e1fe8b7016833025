/** How much wider the output must get before a view is laid out again, wider: a scroll bar that comes and goes must not make views flicker. */
export const REGROW = 32;

/** The output width a figure was laid out for (undefined: not measured, the node was detached) and the figure's own width. */
export interface LaidOut {
  width: number | undefined;
  figureWidth: number;
}

/**
 * Whether a view laid out as `laidOut` must be laid out again for an output `width` pixels wide:
 * when it no longer fits, or when there is clearly more room (REGROW pixels) than it was made for.
 */
export function needsRelayout(laidOut: LaidOut | undefined, width: number | undefined): boolean {
  if (width === undefined || laidOut === undefined) return false;
  if (laidOut.width === undefined) return true;
  return laidOut.figureWidth > width || width >= laidOut.width + REGROW;
}

const nextFrame = (f: () => void): number | ReturnType<typeof setTimeout> =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(f) : setTimeout(f, 16);

const cancelFrame = (id: number | ReturnType<typeof setTimeout>): void => {
  if (typeof cancelAnimationFrame === 'function' && typeof id === 'number') cancelAnimationFrame(id);
  else clearTimeout(id);
};

/**
 * Watches the width of a view's node: however many resize notifications arrive, it measures once
 * per animation frame and calls `onWider` only when the view must be laid out again
 * (`needsRelayout`), so a resize never sets off a storm of re-renders.
 */
export class WidthWatcher {
  private laidOut: LaidOut | undefined;
  private frame: number | ReturnType<typeof setTimeout> | undefined;
  private readonly observer: ResizeObserver | undefined;

  constructor(
    private readonly node: HTMLElement,
    private readonly onChange: () => void,
  ) {
    this.observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.schedule());
    this.observer?.observe(node);
  }

  /** The width of the node in pixels, or undefined while it is not laid out (detached, hidden). */
  measure(): number | undefined {
    const width = this.node.clientWidth;
    return width > 0 ? width : undefined;
  }

  /** Notes what the view was laid out for. */
  laid(width: number | undefined, figureWidth: number): void {
    this.laidOut = { width, figureWidth };
  }

  /** Checks the width at the next animation frame (one check, however often it is called before then). */
  schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = nextFrame(() => {
      this.frame = undefined;
      if (needsRelayout(this.laidOut, this.measure())) this.onChange();
    });
  }

  dispose(): void {
    this.observer?.disconnect();
    if (this.frame !== undefined) cancelFrame(this.frame);
    this.frame = undefined;
  }
}
