import { type Payload, validatePayload } from 'convlab/contract';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import type { PlotlyHTMLElement } from 'plotly.js-cartesian-dist-min';
import { StepControls } from './controls';
import { ReplayStepper } from './replayControls';
import { DrawingPad } from './drawing';
import { ExploreControls, ExploreWriter } from './explore';
import { type Figure, type Linking, buildFigure } from './figure';
import { loadPlotly, type Plotly } from './plotly';
import { currentTheme, watchTheme } from './theme';
import { WidthWatcher } from './width';

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
 * The figure is laid out for the width of the output, and again when that width changes.
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
  private pinned = false;
  private readonly stepper = new ReplayStepper(this.node, () => {
    if (this.payload) void this.draw(this.payload, ++this.renders);
  });
  private renders = 0;
  private lastModel: IRenderMime.IMimeModel | undefined;
  private pad: DrawingPad | undefined;
  private explorer: ExploreControls | undefined;
  private readonly exploreWriter = new ExploreWriter();
  private payload: Payload | undefined;
  private drawn: { width: unknown; height: unknown } | undefined;
  private readonly stopWatchingTheme: () => void;
  private readonly width: WidthWatcher;

  constructor(
    options: IRenderMime.IRendererOptions,
    private readonly load: () => Promise<Plotly> = loadPlotly,
  ) {
    super();
    this.mimeType = options.mimeType;
    this.addClass('convlab-tensor');
    this.notice.className = 'convlab-notice';
    this.plotNode.className = 'convlab-plot';
    this.caption.className = 'convlab-caption';
    this.node.append(this.notice, this.plotNode);
    // A linked view is walked with the keyboard: the arrow keys move (and pin) the highlighted cell.
    this.plotNode.addEventListener('keydown', (event) => this.onKey(event));
    this.stopWatchingTheme = watchTheme(() => {
      if (this.lastModel) void this.renderModel(this.lastModel);
    });
    this.width = new WidthWatcher(this.node, () => {
      if (this.payload) void this.draw(this.payload, ++this.renders, true);
    });
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.lastModel = model;
    this.stepper.adopt(model);
    const render = ++this.renders;
    const result = validatePayload(readValue(model.data[this.mimeType]));
    if (!result.ok) {
      this.payload = undefined;
      this.showError(result.message);
      return;
    }
    // An explorer re-rendered by its own write (or while one waits) keeps the setting the page shows.
    const shown = this.payload;
    const next = result.payload;
    this.payload =
      next.kind === 'explore' && shown?.kind === 'explore' && this.exploreWriter.busy ? { ...next, settings: shown.settings } : next;
    await this.draw(this.payload, render);
  }

  /**
   * Lays the payload out for the output's width and draws it; a linked view keeps the position it
   * shows. `onlyIfResized`: after a width change, draw only if the layout came out different.
   */
  private async draw(payload: Payload, render: number, onlyIfResized = false): Promise<void> {
    try {
      this.plotly ??= await this.load();
      if (this.isDisposed || render !== this.renders) return;
      const width = this.width.measure();
      const figure =
        payload.kind === 'drawing'
          ? this.padFor(payload).figure(currentTheme(), width)
          : buildFigure(payload, currentTheme(), { width, position: this.stepper.position });
      const { layout } = figure;
      if (onlyIfResized && this.drawn?.width === layout.width && this.drawn?.height === layout.height) {
        this.width.laid(width, layout.width as number);
        return;
      }
      const position = this.positionFor(figure.linking);
      if (figure.linking && position !== figure.linking.initial) layout.shapes = figure.linking.focus(position).shapes;
      this.clearError();
      this.notice.textContent = payload.notice ?? '';
      this.node.setAttribute('role', 'img');
      this.node.setAttribute('aria-label', figure.label);
      const plot = await this.plotly.react(this.plotNode, figure.data, layout, figure.config);
      if (this.isDisposed || render !== this.renders) return;
      this.drawn = { width: layout.width, height: layout.height };
      this.width.laid(width, layout.width as number);
      this.hook(plot);
      this.link(figure, position);
      this.stepper.show(figure.stepping);
      if (payload.kind === 'drawing') this.pad?.attach();
      else this.dropPad();
      if (payload.kind === 'explore') this.showExplorer(payload);
      else this.dropExplorer();
      this.node.dataset.convlabRendered = payload.kind;
      this.node.dataset.convlabWidth = String(layout.width);
    } catch (error) {
      this.showError(`could not draw the view (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  /** The drawing view's pad, kept while the payload draws the same model and drawing (a resize or theme change keeps what was drawn). */
  private padFor(p: Extract<Payload, { kind: 'drawing' }>): DrawingPad {
    const same =
      this.pad &&
      this.pad.payload.weights === p.weights &&
      this.pad.payload.pixels === p.pixels &&
      JSON.stringify(this.pad.payload.layers) === JSON.stringify(p.layers);
    if (!same) {
      this.dropPad();
      this.pad = new DrawingPad(p, this.plotly as Plotly, this.plotNode, (a) =>
        Object.assign(this.node.dataset, { convlabPrediction: String(a.prediction), convlabScores: JSON.stringify(a.scores) }),
      );
    }
    return this.pad as DrawingPad;
  }

  /** The explorer's controls over the plot, showing the payload's setting. */
  private showExplorer(p: Extract<Payload, { kind: 'explore' }>): void {
    if (!this.explorer) {
      this.explorer = new ExploreControls(p, (settings) => this.explore(settings));
      this.node.insertBefore(this.explorer.node, this.plotNode);
    } else if (JSON.stringify(this.explorer.current) !== JSON.stringify(p.settings)) this.explorer.show(p);
    this.node.dataset.convlabSettings = JSON.stringify(p.settings);
  }

  /** A control moved: the view of the new setting, recomputed here, and the setting written into the output. */
  private explore(settings: Extract<Payload, { kind: 'explore' }>['settings']): void {
    if (this.payload?.kind !== 'explore') return;
    const { focus: _focus, ...rest } = this.payload;
    const next = { ...rest, settings };
    this.payload = next;
    void this.draw(next, ++this.renders);
    if (this.lastModel) this.exploreWriter.write(this.lastModel, next);
  }

  private dropExplorer(): void {
    this.explorer?.dispose();
    this.explorer = undefined;
    delete this.node.dataset.convlabSettings;
  }

  private dropPad(): void {
    this.pad?.dispose();
    this.pad = undefined;
    delete this.node.dataset.convlabPrediction;
    delete this.node.dataset.convlabScores;
  }

  /** The position a linked view shows: the one it showed before a re-render, else the figure's first one. */
  private positionFor(linking: Linking | undefined): number {
    if (!linking) return 0;
    return this.controls ? Math.min(this.controls.position, linking.count - 1) : linking.initial;
  }

  /** Sets up (or removes) the step control and caption of a linked view, drawn showing `position`. */
  private link(figure: Figure, position: number): void {
    this.linking = figure.linking;
    if (!this.linking) {
      this.plotNode.removeAttribute('tabindex');
      this.plotNode.removeAttribute('aria-keyshortcuts');
      this.controls?.dispose();
      this.controls = undefined;
      this.caption.remove();
      delete this.node.dataset.convlabFocus;
      return;
    }
    this.plotNode.tabIndex = 0;
    this.plotNode.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown Home End');
    if (!this.controls) {
      this.controls = new StepControls((next) => this.focus(next));
      this.node.append(this.controls.node, this.caption);
    }
    this.focus(position, false);
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

  /**
   * Arrow keys move the pinned position by a cell (left/right) or a row (up/down), Home and End to
   * the first and last; the step control's status line, a live region, announces each move.
   */
  private onKey(event: KeyboardEvent): void {
    if (!this.linking || !this.controls) return;
    const { count, columns = 1 } = this.linking;
    const at = this.controls.position;
    const moves: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowRight: at + 1,
      ArrowUp: at - columns,
      ArrowDown: at + columns,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.pinned = true;
    this.node.dataset.convlabPinned = 'true';
    this.controls.pause();
    const position = Math.max(0, Math.min(count - 1, next));
    this.focus(position);
    this.writePin(position);
  }

  /**
   * An explorer's pinned cell is written into its output with the setting (its `focus`), so the
   * saved notebook, its fallbacks and nbconvert show the cell the user left pinned.
   */
  private writePin(position: number): void {
    if (this.payload?.kind !== 'explore' || !this.linking || !this.lastModel) return;
    const columns = this.linking.columns ?? 1;
    const next = { ...this.payload, focus: [Math.floor(position / columns), position % columns] as [number, number] };
    this.payload = next;
    this.exploreWriter.write(this.lastModel, next);
  }

  /** Listens for hovers once per plot (purge removes plotly's listeners, so a new plot listens again). */
  private hook(plot: PlotlyHTMLElement): void {
    if (this.hooked || typeof plot?.on !== 'function') return;
    // A click pins the followed position (hovers no longer move it) or moves the pin; a click on the pinned cell frees it.
    plot.on('plotly_click', (event) => {
      const position = this.positionOf(event as HoverEvent);
      if (position === undefined) return;
      this.pinned = !(this.pinned && this.controls?.position === position);
      this.node.dataset.convlabPinned = String(this.pinned);
      this.controls?.pause();
      this.focus(position);
      if (this.pinned) this.writePin(position);
    });
    plot.on('plotly_hover', (event) => {
      if (this.pinned) return;
      const point = (event as HoverEvent).points?.[0];
      if (!this.linking || !point || typeof point.x !== 'number' || typeof point.y !== 'number') return;
      const position = this.linking.positionAt(point.curveNumber ?? -1, point.x, point.y);
      if (position === undefined) return;
      this.controls?.pause();
      this.focus(position);
    });
    this.hooked = true;
  }

  private positionOf(event: HoverEvent): number | undefined {
    const point = event.points?.[0];
    if (!this.linking || !point || typeof point.x !== 'number' || typeof point.y !== 'number') return undefined;
    return this.linking.positionAt(point.curveNumber ?? -1, point.x, point.y);
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
    this.dropPad();
    this.dropExplorer();
    this.drawn = undefined;
    this.controls?.dispose();
    this.controls = undefined;
    this.stepper.show(undefined);
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

  protected override onResize(): void {
    this.width.schedule();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.stopWatchingTheme();
    this.width.dispose();
    this.controls?.dispose();
    this.stepper.dispose();
    this.exploreWriter.dispose();
    this.dropExplorer();
    this.dropPad();
    this.purge();
    super.dispose();
  }
}
