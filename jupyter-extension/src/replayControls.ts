import type { Stepping } from 'convlab/view';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { StepControls } from './controls';
import { ViewStateWriter, readViewState } from './viewState';

/**
 * The step control of a stepped view (the replay): previous / play / next and a slider over the
 * recorded steps. Each step is drawn anew (`redraw`) and written into the output's view state, so
 * the saved notebook reopens on it. The first render of an output starts from its saved step; later
 * renders of the same output (after a write, a resize, a theme change) keep the step shown.
 */
export class ReplayStepper {
  private controls: StepControls | undefined;
  private current: number | undefined;
  private count = 1;
  private saved: number | undefined;
  private model: IRenderMime.IMimeModel | undefined;
  private readonly writer = new ViewStateWriter();

  constructor(
    private readonly host: HTMLElement,
    private readonly redraw: () => void,
  ) {}

  /** A model to render: a new output starts where its saved state says. */
  adopt(model: IRenderMime.IMimeModel): void {
    if (this.model !== model) this.current = undefined;
    this.model = model;
    if (this.current === undefined) this.saved = readViewState(model)?.position;
  }

  /** The step to draw: the one shown, else the saved one (the view clamps it to the steps it has). */
  get position(): number | undefined {
    return this.current ?? this.saved;
  }

  /** After drawing: shows the control for the scene's stepping, or removes it for a view without one. */
  show(stepping: Stepping | undefined): void {
    if (!stepping) {
      this.controls?.dispose();
      this.controls = undefined;
      delete this.host.dataset.convlabStep;
      return;
    }
    if (!this.controls) {
      this.controls = new StepControls((next) => this.step(next));
      this.controls.node.classList.add('convlab-replay-controls');
      this.host.append(this.controls.node);
    }
    this.current = stepping.position;
    this.count = stepping.count;
    this.controls.show(stepping.position, stepping.count, `${stepping.label} (${stepping.position + 1} of ${stepping.count})`);
    this.host.dataset.convlabStep = String(stepping.position);
  }

  private step(position: number): void {
    this.current = position;
    // The control moves at once (a second click before the redraw finishes steps on from here).
    this.controls?.show(position, this.count, `step ${position + 1} of ${this.count}`);
    this.redraw();
    if (this.model) this.writer.write(this.model, { position });
  }

  dispose(): void {
    this.writer.dispose();
    this.controls?.dispose();
  }
}
