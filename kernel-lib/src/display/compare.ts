import { type ComparePayload, type IndexBase, LIMITS } from '../contract';
import { differences } from '../view';
import { assert, fmtShape } from '../assert';
import type { Tensor } from '../tensor';
import { payloadBundle } from './bundle';
import { emit, type EmitOptions } from './channel';
import { withOptions } from './payloads';
import { checkDrawable } from './tensors';

export interface CompareOptions extends EmitOptions {
  title?: string;
  /** Number rows and columns from 1 (default, as the notes) or from 0 (as code indexes them). */
  indexBase?: IndexBase;
  /**
   * Differences up to `tolerance` · max |value| are drawn white and named "≈ 0" (default 1e-6).
   * Every difference is drawn on the scale of the compared values, so only large ones show colour.
   */
  tolerance?: number;
}

/** The compare payload: 2 or 3 tensors of one shape, each as a matrix [size / w, w], never downsampled. */
export function comparePayload(op: string, items: Record<string, Tensor>, opts: CompareOptions = {}): ComparePayload {
  const entries = Object.entries(items ?? {});
  assert(entries.length === 2 || entries.length === 3, () => `${op}: give 2 or 3 tensors to compare, got ${entries.length}`);
  entries.forEach(([label, t]) => checkDrawable(op, label, t));
  const [first] = entries.map(([, t]) => t);
  for (const [label, t] of entries) {
    assert(
      fmtShape(t.shape) === fmtShape(first.shape),
      () => `${op}: every tensor must have shape ${fmtShape(first.shape)}, got ${label} ${fmtShape(t.shape)}`,
    );
  }
  const cols = first.shape[first.rank - 1] ?? 1;
  const rows = first.size / cols;
  assert(
    rows <= LIMITS.side && cols <= LIMITS.side && rows * cols * entries.length <= LIMITS.values,
    () => `${op}: the tensors are too large to compare in a view (at most ${LIMITS.side} rows and columns), got ${fmtShape(first.shape)}`,
  );
  const payload: ComparePayload = {
    version: 1,
    kind: 'compare',
    title: opts.title ?? entries.map(([label]) => label).join(' vs '),
    shape: [rows, cols],
    items: entries.map(([label, t]) => ({ label, data: Array.from(t.data) })),
  };
  if (opts.tolerance !== undefined) {
    const { tolerance } = opts;
    assert(Number.isFinite(tolerance) && tolerance >= 0, () => `${op}: tolerance must be a finite number ≥ 0, got ${tolerance}`);
    payload.tolerance = tolerance;
  }
  return withOptions(payload, { indexBase: opts.indexBase });
}

/**
 * Shows 2 or 3 tensors that should be equal side by side, their differences to the first, and the
 * largest |difference|, which it returns. Values are sent exactly (no downsampling), so an error
 * of 1e-16 can be read in the hover text and the fallbacks; it is drawn on the scale of the values,
 * white, and named "≈ 0" while within `tolerance` of them.
 *
 * @example
 * const err = cl.compare({ 'rot180 full conv': a, 'Wᵀδ': b, 'finite differences': c }, { title: 'three ways to δ' });
 * if (err > 1e-6) throw new Error(`they differ by ${err}`);
 */
export function compare(items: Record<string, Tensor>, options: CompareOptions = {}): number {
  const payload = comparePayload('compare', items, options);
  emit(payloadBundle(payload), options);
  return differences(payload).maxAbsError;
}
