import { validatePayload } from 'convlab/contract';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import type { PlotlyHTMLElement } from 'plotly.js-cartesian-dist-min';
import { StepControls } from './controls';
import { type Figure, type Linking, buildFigure } from './figure';
import { loadPlotly, type Plotly } from './plotly';
import { currentTheme, watchTheme } from './theme';

/** Reads the MIME value: an object, or a JSON string (what tslab's display.raw sends). */
function readValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

interface HoverEvent {
  points?: Array<{ curveNumber?: number; x?: unknown; y?: unknown }>;
}

/**
 * Draws one convlab payload with plotly. The payload is validated first; an invalid one shows a
 * readable message instead of a plot. Every string from the payload reaches the DOM as text (or
 * escaped, inside plotly), never as markup. Linked views get a step control and a caption that
 * writes out the sum under the highlighted window; hovering a linked cell moves the highlight.
 */
export class TensorView extends Widget implements IRenderMime.IRenderer {
  private readonly mimeType: string;
  private readonly notice = document.createElement('div');
  private readonly plotNode = document.createElement('div');
  private readonly caption = document.createElement('pre');
  private controls: StepControls | undefined;
  private plotly: Plotly | undefined;
  private linking: Linking | undefined;
  private hooked = false;
  private renders = 0;
  private lastModel: IRenderMime.IMimeModel | undefined;
  private readonly stopWatchingTheme: () => void;
  private readonly resizeObserver: ResizeObserver | undefined;

  constructor(options: IRenderMime.IRendererOptions, private readonly load: () => Promise<Plotly> = loadPlotly) {
    super();
    this.mimeType = options.mimeType;
    this.addClass('convlab-tensor');
    this.notice.className = 'convlab-notice';
    this.plotNode.className = 'convlab-plot';
    this.caption.className = 'convlab-caption';
    this.node.append(this.notice, this.plotNode);
    this.stopWatchingTheme = watchTheme(() => {
      if (this.lastModel) void this.renderModel(this.lastModel);
    });
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.resizePlot());
    this.resizeObserver?.observe(this.node);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.lastModel = model;
    const render = ++this.renders;
    const result = validatePayload(readValue(model.data[this.mimeType]));
    if (!result.ok) {
      this.showError(result.message);
      return;
    }
    try {
      const figure = buildFigure(result.payload, currentTheme());
      this.plotly ??= await this.load();
      if (this.isDisposed || render !== this.renders) return;
      this.clearError();
      this.notice.textContent = result.payload.notice ?? '';
      this.node.setAttribute('role', 'img');
      this.node.setAttribute('aria-label', figure.label);
      const plot = await this.plotly.react(this.plotNode, figure.data, figure.layout, figure.config);
      if (this.isDisposed || render !== this.renders) return;
      this.hook(plot);
      this.link(figure);
      this.node.dataset.convlabRendered = result.payload.kind;
    } catch (error) {
      this.showError(`could not draw the view (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  /** Sets up (or removes) the step control and caption of a linked view, keeping the position across re-renders. */
  private link(figure: Figure): void {
    this.linking = figure.linking;
    if (!this.linking) {
      this.controls?.dispose();
      this.controls = undefined;
      this.caption.remove();
      delete this.node.dataset.convlabFocus;
      return;
    }
    if (!this.controls) {
      this.controls = new StepControls((position) => this.focus(position));
      this.node.append(this.controls.node, this.caption);
    }
    // The figure is drawn showing position 0; a position kept across a re-render is moved to.
    const position = Math.min(this.controls.position, this.linking.count - 1);
    this.focus(position, position !== 0);
  }

  /** Moves the highlight of a linked view to `position`; `relayout` is false when the figure already shows it. */
  private focus(position: number, relayout = true): void {
    if (!this.linking || !this.plotly || !this.controls) return;
    const focus = this.linking.focus(position);
    if (relayout) void this.plotly.relayout(this.plotNode, { shapes: focus.shapes });
    this.caption.textContent = focus.caption;
    this.controls.show(position, this.linking.count, `${this.linking.noun} ${focus.label} (${position + 1} of ${this.linking.count})`);
    this.node.dataset.convlabFocus = focus.label;
  }

  /** Listens for hovers once per plot (purge removes plotly's listeners, so a new plot listens again). */
  private hook(plot: PlotlyHTMLElement): void {
    if (this.hooked || typeof plot?.on !== 'function') return;
    plot.on('plotly_hover', (event) => {
      const point = (event as HoverEvent).points?.[0];
      if (!this.linking || !point || typeof point.x !== 'number' || typeof point.y !== 'number') return;
      const position = this.linking.positionAt(point.curveNumber ?? -1, point.x, point.y);
      if (position === undefined) return;
      this.controls?.pause();
      this.focus(position);
    });
    this.hooked = true;
  }

  private purge(): void {
    this.plotly?.purge(this.plotNode);
    this.hooked = false;
  }

  private clearError(): void {
    this.node.querySelector('.convlab-error')?.remove();
    delete this.node.dataset.convlabError;
  }

  private showError(message: string): void {
    this.purge();
    this.controls?.dispose();
    this.controls = undefined;
    this.linking = undefined;
    this.caption.remove();
    this.notice.textContent = '';
    delete this.node.dataset.convlabRendered;
    delete this.node.dataset.convlabFocus;
    this.node.removeAttribute('role');
    this.node.removeAttribute('aria-label');
    this.clearError();
    const box = document.createElement('div');
    box.className = 'convlab-error';
    box.textContent = `convlab: cannot show this output: ${message}`;
    this.node.appendChild(box);
    this.node.dataset.convlabError = 'true';
  }

  private resizePlot(): void {
    if (this.plotly && this.node.dataset.convlabRendered) void this.plotly.Plots.resize(this.plotNode);
  }

  protected override onResize(): void {
    this.resizePlot();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.stopWatchingTheme();
    this.resizeObserver?.disconnect();
    this.controls?.dispose();
    this.purge();
    super.dispose();
  }
}
