import type { DrawingPayload } from 'convlab/contract';
import { type DrawingAnswer, PAD, digitPixels, drawingAnswer, drawingView, padTop } from 'convlab/view';
import type { Figure } from './figureTypes';
import type { Plotly } from './plotly';
import { sceneFigure } from './plotlyScene';
import type { Theme } from './theme';

/**
 * The interactive part of the drawing view: a black pad (a canvas over the room the scene leaves
 * for it) where the pointer (mouse, pen or finger) draws thick white anti-aliased strokes, as
 * MNIST's digits look; after each stroke segment (at most once per animation frame) the ink is
 * turned into the 28x28 input as MNIST's digits were (`digitPixels`: scaled into 20x20, centred
 * by its centre of mass), the model runs in the page (`drawingAnswer` → `runDrawing`) and the
 * scene (input, maps, outputs) is drawn again. Under the plot: Clear, and the drawing's encoding
 * ('digit28:…', read back in the kernel by `cl.drawing(encoding)`) with a Copy button.
 * Everything from the payload reaches the DOM as text.
 */

/** Brush width in pad pixels: about 2.5 MNIST pixels once a digit filling the pad is scaled into 20x20. */
export const BRUSH = 22;

export class DrawingPad {
  readonly canvas = document.createElement('canvas');
  readonly controls = document.createElement('div');
  private readonly encoding = document.createElement('input');
  private readonly context: CanvasRenderingContext2D | null;
  private last: [number, number] | undefined;
  private frame: number | undefined;
  private drawing: Promise<void> | undefined;
  private dirty = false;
  private room: { theme: Theme; width: number | undefined } | undefined;
  private pixels: Float64Array | undefined;
  answer: DrawingAnswer;

  constructor(
    readonly payload: DrawingPayload,
    private readonly plotly: Plotly,
    private readonly plotNode: HTMLElement,
    private readonly onAnswer: (a: DrawingAnswer) => void,
  ) {
    this.answer = drawingAnswer(payload);
    const c = this.canvas;
    c.width = c.height = PAD.size;
    c.className = 'convlab-drawing-pad';
    c.setAttribute('aria-label', 'drawing pad: draw a digit with the mouse or a finger');
    Object.assign(c.style, {
      position: 'absolute',
      left: `${PAD.x}px`,
      top: `${PAD.y}px`,
      width: `${PAD.size}px`,
      height: `${PAD.size}px`,
      background: '#000',
      cursor: 'crosshair',
      touchAction: 'none',
      zIndex: '2',
      borderRadius: '2px',
    });
    this.context = c.getContext?.('2d') ?? null;
    c.addEventListener('pointerdown', (e) => this.down(e));
    c.addEventListener('pointermove', (e) => this.move(e));
    for (const type of ['pointerup', 'pointercancel', 'pointerleave'] as const) c.addEventListener(type, () => (this.last = undefined));
    this.controls.className = 'convlab-controls convlab-drawing-controls';
    const clear = this.button('Clear', 'clear the drawing', () => this.clear());
    const copy = this.button('Copy', 'copy the encoding of the drawing', () => void this.copy());
    const label = document.createElement('span');
    label.textContent = 'cl.drawing(…) reads:';
    this.encoding.readOnly = true;
    this.encoding.className = 'convlab-drawing-encoding';
    this.encoding.setAttribute('aria-label', 'the encoding of the drawing, for cl.drawing');
    Object.assign(this.encoding.style, {
      flex: '1 1 240px',
      minWidth: '120px',
      fontFamily: 'var(--jp-code-font-family, monospace)',
      fontSize: '11px',
    });
    this.encoding.addEventListener('focus', () => this.encoding.select());
    this.controls.append(clear, label, this.encoding, copy);
    this.paintGiven();
    this.show();
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

  /** The figure for the current drawing, laid out for `width`. */
  figure(theme: Theme, width: number | undefined): Figure {
    this.room = { theme, width };
    const scene = drawingView(this.payload, { width }, this.answer);
    this.canvas.style.top = `${padTop(scene)}px`;
    return sceneFigure(scene, theme);
  }

  /** Puts the pad over the plot (again, after plotly replaced its contents) and the controls under it. */
  attach(): void {
    if (this.canvas.parentNode !== this.plotNode) {
      this.plotNode.style.position = 'relative';
      this.plotNode.appendChild(this.canvas);
    }
    if (this.controls.previousSibling !== this.plotNode) this.plotNode.after(this.controls);
  }

  /** A drawing given by the payload, painted onto the pad as its 28x28 pixels (so that strokes add to it). */
  private paintGiven(): void {
    const ctx = this.context;
    if (!ctx || !this.payload.pixels) return;
    const scale = PAD.size / 28;
    this.answer.input.forEach((v, i) => {
      if (v <= 0) return;
      ctx.fillStyle = `rgba(255,255,255,${v})`;
      ctx.fillRect((i % 28) * scale, Math.floor(i / 28) * scale, scale, scale);
    });
    this.pixels = this.answer.input;
  }

  private at(e: PointerEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * PAD.size) / (r.width || PAD.size), ((e.clientY - r.top) * PAD.size) / (r.height || PAD.size)];
  }

  private down(e: PointerEvent): void {
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    this.last = this.at(e);
    this.stroke(this.last, this.last);
  }

  private move(e: PointerEvent): void {
    if (!this.last) return;
    const next = this.at(e);
    this.stroke(this.last, next);
    this.last = next;
  }

  private stroke(from: [number, number], to: [number, number]): void {
    const ctx = this.context;
    if (!ctx) return;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = BRUSH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(to[0] + 0.01, to[1]);
    ctx.stroke();
    this.schedule();
  }

  private clear(): void {
    this.context?.clearRect(0, 0, PAD.size, PAD.size);
    this.pixels = new Float64Array(784);
    this.schedule();
  }

  private async copy(): Promise<void> {
    this.encoding.select();
    try {
      await navigator.clipboard.writeText(this.encoding.value);
    } catch {
      document.execCommand?.('copy');
    }
  }

  /** Reads the pad's ink (its alpha) at the next animation frame and draws the model's answer. */
  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      const ctx = this.context;
      if (ctx) {
        const rgba = ctx.getImageData(0, 0, PAD.size, PAD.size).data;
        const ink = new Float64Array(PAD.size * PAD.size);
        for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3] / 255;
        this.pixels = digitPixels(ink, PAD.size);
      }
      this.answer = drawingAnswer(this.payload, this.pixels);
      this.show();
      void this.redraw();
    });
  }

  private show(): void {
    this.encoding.value = this.answer.encoding;
    this.onAnswer(this.answer);
  }

  /** One plotly update at a time; strokes during one are drawn by the next. */
  private async redraw(): Promise<void> {
    if (this.drawing) {
      this.dirty = true;
      return;
    }
    if (!this.room) return;
    const f = this.figure(this.room.theme, this.room.width);
    this.drawing = this.plotly.react(this.plotNode, f.data, f.layout, f.config).then(() => this.attach());
    await this.drawing;
    this.drawing = undefined;
    if (this.dirty) {
      this.dirty = false;
      await this.redraw();
    }
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.canvas.remove();
    this.controls.remove();
  }
}
