import { LIMITS, type LivePayload, type LiveSeries } from '../contract';
import { assert, fmtShape } from '../assert';
import type { Tensor } from '../tensor';
import { type MimeBundle, payloadBundle } from './bundle';
import { payloadText } from '../static/text';
import { emit } from './channel';
import { checkDrawable, squeezeLeading } from './tensors';

/** One state of a training run, as `LiveView.update` takes it. Curves are drawn against 1, 2, … */
export interface LiveState {
  /** Progress: `step` of `total` (e.g. batches or epochs done). */
  step: number;
  total: number;
  loss?: readonly number[];
  accuracy?: readonly number[];
  validationLoss?: readonly number[];
  validationAccuracy?: readonly number[];
  /** The current kernels, [k, kh, kw] or a conv layer's weights [K, C, kh, kw] (shown as K·C maps). */
  kernels?: Tensor;
  /** One line on where the run is, shown beside the progress bar, e.g. 'epoch 3/10 · batch 400/800 · loss 0.083'. */
  status?: string;
  /** A new title for the view, kept by later updates that give none. */
  title?: string;
}

export interface LiveViewOptions {
  /** The view's first title (default 'training'); an update's `title` replaces it. */
  title?: string;
  /** Name of the curves' x axis (default 'epoch'). */
  xLabel?: string;
  /** Updates closer together than this are merged: the latest state is sent at the interval's end (default 250 ms). */
  minIntervalMs?: number;
  /**
   * The accuracy axis: fitted to the values with a margin (default), so that 94–99 % fills the
   * panel, or a fixed [min, max] such as [0, 1].
   */
  accuracyRange?: readonly [number, number];
}

/** A display handle: each `update` replaces the same output in place. */
export interface LiveView {
  readonly displayId: string;
  /** Shows `state`: now, or at the end of the current interval if the last send was too recent. Returns whether it was sent now. */
  update(state: LiveState): boolean;
  /** Sends a pending state now. */
  flush(): void;
}

const CURVES: Array<[keyof LiveState, string, LiveSeries['panel'], LiveSeries['role']]> = [
  ['loss', 'loss', 'loss', 'training'],
  ['validationLoss', 'validation loss', 'loss', 'validation'],
  ['accuracy', 'accuracy', 'accuracy', 'training'],
  ['validationAccuracy', 'validation accuracy', 'accuracy', 'validation'],
];

function checkText(op: string, name: string, value: unknown): string {
  assert(typeof value === 'string', () => `${op}: ${name} must be a string, got ${typeof value}`, TypeError);
  assert(value.length <= LIMITS.text, () => `${op}: ${name} must be at most ${LIMITS.text} characters, got ${value.length}`);
  return value;
}

/** The live payload of one state (throws on non-finite values, a wrong progress or a wrong accuracyRange). */
export function livePayload(state: LiveState, opts: LiveViewOptions = {}): LivePayload {
  const op = 'liveView.update';
  const { step, total } = state;
  assert(Number.isInteger(total) && total >= 1, () => `${op}: total must be a positive integer, got ${total}`);
  assert(
    Number.isInteger(step) && step >= 0 && step <= total,
    () => `${op}: step must be an integer from 0 to total (${total}), got ${step}`,
  );
  const series: LiveSeries[] = [];
  for (const [key, name, panel, role] of CURVES) {
    const values = state[key] as readonly number[] | undefined;
    if (values === undefined) continue;
    const bad = values.findIndex((v) => !Number.isFinite(v));
    assert(bad < 0, () => `${op}: ${key} must hold finite numbers, got ${values[bad]} at index ${bad}`);
    series.push({ name, panel, values: [...values], role });
  }
  const title = checkText(op, 'title', state.title ?? opts.title ?? 'training');
  const payload: LivePayload = { version: 1, kind: 'live', title, step, total, xLabel: opts.xLabel ?? 'epoch', series };
  if (state.status !== undefined) payload.status = checkText(op, 'status', state.status);
  if (opts.accuracyRange !== undefined) {
    const range = opts.accuracyRange;
    assert(
      Array.isArray(range) && range.length === 2 && range.every(Number.isFinite) && range[0] < range[1],
      () => `liveView: accuracyRange must be [min, max] with min < max, got ${JSON.stringify(range)}`,
    );
    payload.accuracyRange = [range[0], range[1]];
  }
  if (state.kernels !== undefined) {
    checkDrawable(op, 'kernels', state.kernels);
    const shape = squeezeLeading(state.kernels.shape, 3);
    const [kh, kw] = shape.slice(-2);
    const k = state.kernels.size / (kh * kw);
    assert(
      shape.length >= 2 && shape.length <= 4 && kh <= 64 && kw <= 64 && k <= 1024,
      () => `${op}: kernels must be [k, kh, kw] or [K, C, kh, kw] with kh, kw ≤ 64, got ${fmtShape(state.kernels?.shape ?? [])}`,
    );
    payload.kernels = { shape: [k, kh, kw], data: Array.from(state.kernels.data, (v) => Number(v.toPrecision(6))) };
  }
  return payload;
}

let views = 0;

/** Least time between two redraws of a live view's static PNG and HTML while it runs. */
export const STATIC_EVERY_MS = 2000;

/**
 * A live view for training: a title, a status line and a progress bar, loss and accuracy curves
 * (validation curves dashed) and the current kernels, all replaced in place by each `update`
 * (update_display_data), so a cell shows one output that grows. The first update displays it.
 * Updates are merged to at most one per `minIntervalMs`; the final one (step === total) is always
 * sent at once, with fresh static fallbacks. Drawing the PNG costs far more than the JSON, so an
 * update in between redraws it only every STATIC_EVERY_MS (and never more than a tenth of the
 * time) and otherwise carries the last picture with the new JSON and text. The accuracy axis is
 * fitted to the values unless `accuracyRange` fixes it.
 *
 * @example
 * const live = cl.liveView({ title: 'training the CNN', xLabel: 'epoch' });
 * const loss: number[] = [];
 * await cl.fit(net, train, { epochs: 5, batchSize: 10, learningRate: 0.1,
 *   onEpoch: (r) => { loss.push(r.loss); live.update({ step: r.epoch, total: 5, loss, status: `epoch ${r.epoch}/5 · loss ${r.loss.toFixed(3)}`, kernels: net.layers[0].params[0].value }); } });
 */
export function liveView(options: LiveViewOptions = {}, send: typeof emit = emit): LiveView {
  const displayId = `convlab-live-${process.pid}-${Date.now().toString(36)}-${++views}`;
  const interval = options.minIntervalMs ?? 250;
  let title = options.title;
  let shown = false;
  let lastSent = -Infinity;
  let pending: LivePayload | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let drawn: { bundle: MimeBundle; at: number; cost: number } | undefined;

  /** The bundle of `p`: with its own static fallbacks when due (or final), else the last ones. */
  const bundleOf = (p: LivePayload): MimeBundle => {
    const now = Date.now();
    if (drawn && p.step < p.total && now - drawn.at < Math.max(STATIC_EVERY_MS, 10 * drawn.cost)) {
      const { 'image/png': png, 'text/html': html } = drawn.bundle;
      return {
        ...payloadBundle(p, { fallbacks: false }),
        ...(png ? { 'image/png': png } : {}),
        ...(html ? { 'text/html': html } : {}),
        'text/plain': payloadText(p),
      };
    }
    const bundle = payloadBundle(p);
    drawn = { bundle, at: Date.now(), cost: Date.now() - now };
    return bundle;
  };

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    send(bundleOf(pending), { displayId, update: shown });
    shown = true;
    pending = undefined;
    lastSent = Date.now();
  };

  return {
    displayId,
    update(state) {
      pending = livePayload(state, { ...options, title });
      title = pending.title;
      const wait = lastSent + interval - Date.now();
      if (!shown || wait <= 0 || state.step === state.total) {
        flush();
        return true;
      }
      timer ??= setTimeout(flush, wait);
      timer.unref?.();
      return false;
    },
    flush,
  };
}
