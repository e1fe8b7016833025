import { validatePayload } from 'convlab/contract';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { buildFigure } from './figure';
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

/**
 * Draws one convlab payload with plotly. The payload is validated first; an invalid one shows a
 * readable message in the output instead of a plot. Every string from the payload reaches the DOM
 * as text, never as markup.
 */
export class TensorView extends Widget implements IRenderMime.IRenderer {
  private readonly mimeType: string;
  private readonly plotNode = document.createElement('div');
  private plotly: Plotly | undefined;
  private lastModel: IRenderMime.IMimeModel | undefined;
  private readonly stopWatchingTheme: () => void;
  private readonly resizeObserver: ResizeObserver | undefined;

  constructor(options: IRenderMime.IRendererOptions, private readonly load: () => Promise<Plotly> = loadPlotly) {
    super();
    this.mimeType = options.mimeType;
    this.addClass('convlab-tensor');
    this.plotNode.className = 'convlab-plot';
    this.node.appendChild(this.plotNode);
    this.stopWatchingTheme = watchTheme(() => {
      if (this.lastModel) void this.renderModel(this.lastModel);
    });
    this.resizeObserver = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.resizePlot());
    this.resizeObserver?.observe(this.node);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.lastModel = model;
    const result = validatePayload(readValue(model.data[this.mimeType]));
    if (!result.ok) {
      this.showError(result.message);
      return;
    }
    try {
      const figure = buildFigure(result.payload, currentTheme());
      this.plotly ??= await this.load();
      if (this.isDisposed) return;
      this.node.querySelector('.convlab-error')?.remove();
      this.node.setAttribute('role', 'img');
      this.node.setAttribute('aria-label', figure.label);
      await this.plotly.react(this.plotNode, figure.data, figure.layout, figure.config);
      this.node.dataset.convlabRendered = result.payload.kind;
    } catch (error) {
      this.showError(`could not draw the view (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private showError(message: string): void {
    this.plotly?.purge(this.plotNode);
    delete this.node.dataset.convlabRendered;
    this.node.removeAttribute('role');
    this.node.querySelector('.convlab-error')?.remove();
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
    this.plotly?.purge(this.plotNode);
    super.dispose();
  }
}
