import { MIME_TYPE } from 'convlab/contract';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';

/**
 * The state a view keeps in its output, so that a saved notebook reopens on it: the position it
 * shows (a replay's step). It lives in the output's metadata, `metadata[MIME_TYPE].view`; the
 * payload itself (the kernel's data) and the static PNG/HTML fallbacks are left as the kernel sent
 * them (they show the position chosen when the output was displayed: nothing can redraw them
 * without the kernel).
 *
 * How it is written: `model.setData({ metadata })`. In JupyterLab 4 (and Notebook 7) the model a
 * notebook gives its renderers is the cell's OutputModel: setData replaces its metadata and emits
 * `changed`; the output area model turns that into a 'set' of the output, which the code cell
 * copies into the notebook's shared model (so it is saved with the notebook and marks it dirty),
 * and which the output area answers by calling renderModel again on the same renderer. Elsewhere
 * (a plain MimeModel) setData just keeps the value.
 */
export interface ViewState {
  position: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The state saved in an output, or undefined when there is none or it is malformed (metadata is untrusted too). */
export function readViewState(model: Pick<IRenderMime.IMimeModel, 'metadata'>): ViewState | undefined {
  const ours = model.metadata?.[MIME_TYPE];
  const view = isRecord(ours) ? ours.view : undefined;
  const position = isRecord(view) ? view.position : undefined;
  return typeof position === 'number' && Number.isInteger(position) && position >= 0 && position <= Number.MAX_SAFE_INTEGER
    ? { position }
    : undefined;
}

/** The output's metadata with `state` in it, every other entry kept. */
export function withViewState(metadata: IRenderMime.IMimeModel['metadata'] | undefined, state: ViewState): Record<string, unknown> {
  const ours = metadata?.[MIME_TYPE];
  return { ...(metadata ?? {}), [MIME_TYPE]: { ...(isRecord(ours) ? ours : {}), view: { position: state.position } } };
}

/**
 * Writes view state into an output, at most once per `delayMs` (scrubbing a slider moves through
 * many positions; only where it rests is written). Nothing is written when the output already
 * holds that state, so a re-render caused by a write does not write again.
 */
export class ViewStateWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: { model: IRenderMime.IMimeModel; state: ViewState } | undefined;

  constructor(private readonly delayMs = 300) {}

  write(model: IRenderMime.IMimeModel, state: ViewState): void {
    this.pending = { model, state };
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes what is pending now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.pending;
    this.pending = undefined;
    if (!next || readViewState(next.model)?.position === next.state.position) return;
    next.model.setData({ metadata: withViewState(next.model.metadata, next.state) as IRenderMime.IMimeModel['metadata'] });
  }

  dispose(): void {
    this.flush();
  }
}
