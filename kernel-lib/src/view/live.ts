import { formatValue } from './geometry';
import type { LivePayload, LiveSeries, SeriesRole } from '../contract';

/**
 * How a live view reads, shared by the extension's figure and the library's PNG and text
 * fallbacks: which curves are validation curves, the range of each panel, the progress label and
 * each panel's latest values.
 */

export type LivePanel = LiveSeries['panel'];

/** The two panels, in the order they are drawn. */
export const LIVE_PANELS: readonly LivePanel[] = ['loss', 'accuracy'];

/** A series' role: its `role`, else 'validation' when its name starts with "validation" (payloads made before `role`). */
export function seriesRole(s: Pick<LiveSeries, 'name' | 'role'>): SeriesRole {
  return s.role ?? (/^validation\b/i.test(s.name) ? 'validation' : 'training');
}

/**
 * The y range of a panel. Accuracy is fitted to its values with a margin of a tenth of their spread
 * (at least 0.005) on each side, overshooting 0 and 1 by a quarter margin at most, so that 94–99 %
 * fills the panel rather than a sliver of [0, 1]; the payload's `accuracyRange` fixes it instead.
 * Loss runs from 0 (or its minimum, if negative) to its maximum plus a margin. [0, 1] without values.
 *
 * @example
 * liveRange({ series: [{ name: 'accuracy', panel: 'accuracy', values: [0.94, 0.99] }] }, 'accuracy'); // [0.935, 0.995]
 */
export function liveRange(p: Pick<LivePayload, 'series' | 'accuracyRange'>, panel: LivePanel): [number, number] {
  if (panel === 'accuracy' && p.accuracyRange) return [p.accuracyRange[0], p.accuracyRange[1]];
  const values = p.series.filter((s) => s.panel === panel).flatMap((s) => s.values);
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (panel === 'loss') {
    const bottom = lo >= 0 ? 0 : lo;
    const pad = 0.08 * (hi - bottom) || 0.5 * Math.abs(hi) || 1;
    return [lo >= 0 ? 0 : lo - pad, hi + pad];
  }
  const pad = Math.max(0.1 * (hi - lo), 0.005);
  return [Math.max(lo - pad, Math.min(lo, 0) - pad / 4), Math.min(hi + pad, Math.max(hi, 1) + pad / 4)];
}

/** "step / total (percent%)", the label of the progress bar. */
export function progressText(p: Pick<LivePayload, 'step' | 'total'>): string {
  return `${p.step} / ${p.total} (${Math.floor((100 * p.step) / p.total)}%)`;
}

/**
 * A panel's name and its curves' latest values, as its header reads: "loss: training 0.0123,
 * validation 0.0712" (by role when each role has one curve there, else by name), "loss 0.0123" for
 * a lone training curve, "loss: –" before any value.
 */
export function panelSummary(p: Pick<LivePayload, 'series'>, panel: LivePanel): string {
  const series = p.series.filter((s) => s.panel === panel);
  const last = (s: LiveSeries): string => (s.values.length ? formatValue(s.values[s.values.length - 1]) : '–');
  if (series.length === 0) return panel;
  const roles = series.map(seriesRole);
  if (series.length === 1 && roles[0] === 'training') return `${panel} ${last(series[0])}`;
  const byRole = new Set(roles).size === roles.length;
  return `${panel}: ${series.map((s, i) => `${byRole ? roles[i] : s.name} ${last(s)}`).join(', ')}`;
}
