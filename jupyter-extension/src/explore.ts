import {
  EXPLORE_DIRECTIONS,
  EXPLORE_LIMITS,
  EXPLORE_OPERATIONS,
  EXPLORE_PADDING_RULES,
  type ExplorePadding,
  type ExplorePayload,
  type ExploreSettings,
  MIME_TYPE,
  exploreGeometry,
  packPayload,
} from 'convlab/contract';
import { callLines, exploreCalls } from 'convlab/view';
import { staticParts } from 'convlab/static';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';

/**
 * The explorer's controls: a slider for the kernel size, input size, stride and dilation, a
 * selector for the padding, correlation ↔ convolution and forward ↔ backward, the shapes the
 * setting gives (announced to screen readers) and the equivalent calls in convlab, PyTorch,
 * TensorFlow.js and SciPy. Plain DOM, text only. Moving a control calls `onChange` with the new
 * setting; the widget recomputes and redraws the view from the payload (`exploreView`, no kernel).
 */
export class ExploreControls {
  readonly node = document.createElement('div');
  private readonly calls = document.createElement('pre');
  private readonly shapes = document.createElement('span');
  private readonly ranges = new Map<'kernel' | 'input' | 'stride' | 'dilation', { input: HTMLInputElement; value: HTMLOutputElement }>();
  private readonly selects = new Map<'padding' | 'operation' | 'direction', HTMLSelectElement>();
  private settings: ExploreSettings;
  private bias: number;

  constructor(
    payload: ExplorePayload,
    private readonly onChange: (settings: ExploreSettings) => void,
  ) {
    this.settings = payload.settings;
    this.bias = payload.bias;
    this.node.className = 'convlab-explore';
    this.node.setAttribute('role', 'group');
    this.node.setAttribute('aria-label', 'convolution settings');
    const row = document.createElement('div');
    row.className = 'convlab-explore-controls';
    const kside = Math.min(...payload.kernel.shape);
    const side = Math.min(...payload.input.shape);
    row.append(
      this.range('kernel', 'kernel k', 1, kside),
      this.range('input', 'input i', 1, side),
      this.range('stride', 'stride s', 1, EXPLORE_LIMITS.stride),
      this.select('padding', 'padding p', [
        ...EXPLORE_PADDING_RULES,
        ...Array.from({ length: EXPLORE_LIMITS.padding }, (_, i) => String(i + 1)),
      ]),
      this.range('dilation', 'dilation d', 1, EXPLORE_LIMITS.dilation),
      this.select('operation', 'operation', EXPLORE_OPERATIONS),
      this.select('direction', 'direction', EXPLORE_DIRECTIONS),
    );
    this.shapes.className = 'convlab-explore-shapes';
    this.shapes.setAttribute('aria-live', 'polite');
    this.calls.className = 'convlab-explore-calls';
    this.node.append(row, this.shapes, this.calls);
    this.show(payload);
  }

  private range(key: 'kernel' | 'input' | 'stride' | 'dilation', label: string, min: number, max: number): HTMLElement {
    const wrap = document.createElement('label');
    wrap.className = 'convlab-explore-control';
    const input = document.createElement('input');
    input.type = 'range';
    input.min = String(min);
    input.max = String(max);
    input.step = '1';
    input.dataset.control = key;
    const value = document.createElement('output');
    wrap.append(`${label} `, input, value);
    input.addEventListener('input', () => this.changed());
    this.ranges.set(key, { input, value });
    return wrap;
  }

  private select(key: 'padding' | 'operation' | 'direction', label: string, options: readonly string[]): HTMLElement {
    const wrap = document.createElement('label');
    wrap.className = 'convlab-explore-control';
    const select = document.createElement('select');
    select.dataset.control = key;
    for (const o of options) {
      const option = document.createElement('option');
      option.value = o;
      option.textContent = o;
      select.append(option);
    }
    wrap.append(`${label} `, select);
    select.addEventListener('change', () => this.changed());
    this.selects.set(key, select);
    return wrap;
  }

  /** The setting the controls show. */
  get current(): ExploreSettings {
    return this.settings;
  }

  /** Shows a payload's setting (a new output, or the same one after a write) without calling onChange. */
  show(payload: ExplorePayload): void {
    this.settings = payload.settings;
    this.bias = payload.bias;
    for (const [key, { input, value }] of this.ranges) {
      input.value = String(this.settings[key]);
      value.textContent = String(this.settings[key]);
    }
    (this.selects.get('padding') as HTMLSelectElement).value = String(this.settings.padding);
    (this.selects.get('operation') as HTMLSelectElement).value = this.settings.operation;
    (this.selects.get('direction') as HTMLSelectElement).value = this.settings.direction;
    this.describe();
  }

  private changed(): void {
    const read = (key: 'kernel' | 'input' | 'stride' | 'dilation'): number => Number(this.ranges.get(key)?.input.value);
    const padding = (this.selects.get('padding') as HTMLSelectElement).value;
    this.settings = {
      kernel: read('kernel'),
      input: read('input'),
      stride: read('stride'),
      dilation: read('dilation'),
      padding: (EXPLORE_PADDING_RULES as readonly string[]).includes(padding) ? (padding as ExplorePadding) : Number(padding),
      operation: (this.selects.get('operation') as HTMLSelectElement).value as ExploreSettings['operation'],
      direction: (this.selects.get('direction') as HTMLSelectElement).value as ExploreSettings['direction'],
    };
    for (const [key, { value }] of this.ranges) value.textContent = String(this.settings[key]);
    this.describe();
    this.onChange(this.settings);
  }

  private describe(): void {
    const g = exploreGeometry(this.settings);
    const [o, i] = [g.output[0], this.settings.input];
    this.shapes.textContent =
      o < 1
        ? `no output: the dilated kernel does not fit in the padded input`
        : this.settings.direction === 'forward'
          ? `input ${i}x${i} → output ${o}x${o}`
          : `δ ${o}x${o} → δˡ ${i}x${i}`;
    // The shape of the view's result: a's (forward) or δˡ's, the input's (backward).
    this.node.dataset.convlabShapes = o < 1 ? 'none' : this.settings.direction === 'forward' ? `${o}x${o}` : `${i}x${i}`;
    this.calls.textContent = o < 1 ? '' : callLines(exploreCalls(this.settings, this.bias)).join('\n');
  }

  dispose(): void {
    this.node.remove();
  }
}

/** The output's data with the explorer's setting written into its payload and every static fallback drawn anew for it. */
export async function exploreData(model: IRenderMime.IMimeModel, payload: ExplorePayload): Promise<IRenderMime.IMimeModel['data']> {
  const parts = staticParts(payload);
  const data: Record<string, unknown> = { ...model.data, [MIME_TYPE]: packPayload(payload), 'text/plain': parts['text/plain'] };
  if (parts['text/html'] !== undefined) data['text/html'] = parts['text/html'];
  else delete data['text/html'];
  // A PNG of another setting must not stay: drawn anew from the SVG, or left out when this page cannot draw one.
  const png = await pngOf(parts.svg);
  if (png !== undefined) data['image/png'] = png;
  else delete data['image/png'];
  return data as IRenderMime.IMimeModel['data'];
}

/** The PNG (base64) of an SVG string, drawn by the browser on a canvas; undefined where there is no canvas. */
async function pngOf(svg: string): Promise<string | undefined> {
  try {
    const size = /width="(\d+)" height="(\d+)"/.exec(svg);
    if (!size) return undefined;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Number(size[1]);
    canvas.height = Number(size[2]);
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    context.drawImage(image, 0, 0);
    const url = canvas.toDataURL('image/png');
    return url.startsWith('data:image/png;base64,') ? url.slice('data:image/png;base64,'.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the explorer's setting into its output at most once per `delayMs` (dragging a slider
 * passes many settings; only where it rests is written), so the saved notebook reopens on it.
 */
export class ExploreWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: { model: IRenderMime.IMimeModel; payload: ExplorePayload } | undefined;
  /** Set while a write is under way or waiting, so a re-render the write causes keeps the page's setting. */
  busy = false;

  constructor(private readonly delayMs = 300) {}

  write(model: IRenderMime.IMimeModel, payload: ExplorePayload): void {
    this.pending = { model, payload };
    this.busy = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.pending;
    this.pending = undefined;
    if (!next) {
      this.busy = false;
      return;
    }
    const data = await exploreData(next.model, next.payload);
    if (this.pending === undefined) {
      next.model.setData({ data });
      this.busy = false;
    }
  }

  dispose(): void {
    void this.flush();
  }
}
