/**
 * The step-through control of a linked view: previous / play / next buttons and a slider that move
 * the window one position at a time, and a status line. Plain DOM, text only (no markup).
 */
export class StepControls {
  readonly node = document.createElement('div');
  private readonly slider = document.createElement('input');
  private readonly play = document.createElement('button');
  private readonly status = document.createElement('span');
  private timer: ReturnType<typeof setInterval> | undefined;
  private count = 1;
  private current = 0;

  /** `onStep(position)` is called whenever the user (or play) moves to a position. */
  constructor(
    private readonly onStep: (position: number) => void,
    private readonly intervalMs = 700,
  ) {
    this.node.className = 'convlab-controls';
    const prev = this.button('◀', 'previous position', () => this.move(-1));
    const next = this.button('▶', 'next position', () => this.move(1));
    this.play = this.button('▶ play', 'play: step through every position', () => (this.timer ? this.pause() : this.start()));
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.step = '1';
    this.slider.className = 'convlab-slider';
    this.slider.setAttribute('aria-label', 'window position');
    this.slider.addEventListener('input', () => {
      this.pause();
      this.onStep(Number(this.slider.value));
    });
    this.status.className = 'convlab-status';
    this.status.setAttribute('aria-live', 'polite');
    this.node.append(prev, this.play, next, this.slider, this.status);
  }

  private button(text: string, label: string, onClick: () => void): HTMLButtonElement {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'convlab-button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    return b;
  }

  get position(): number {
    return this.current;
  }

  /** Shows `position` of `count` with its status text (does not call onStep). */
  show(position: number, count: number, status: string): void {
    this.count = count;
    this.current = position;
    this.slider.max = String(count - 1);
    this.slider.value = String(position);
    this.status.textContent = status;
  }

  private move(delta: number): void {
    this.pause();
    this.onStep(Math.min(this.count - 1, Math.max(0, this.position + delta)));
  }

  start(): void {
    if (this.position >= this.count - 1) this.onStep(0);
    this.play.textContent = '❚❚ pause';
    this.timer = setInterval(() => {
      if (this.position >= this.count - 1) this.pause();
      else this.onStep(this.position + 1);
    }, this.intervalMs);
  }

  pause(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.play.textContent = '▶ play';
  }

  dispose(): void {
    this.pause();
    this.node.remove();
  }
}
