import type { InspectPayload, ReplayPayload } from '../contract';
import { deadChannels, formatValue } from '../view';

const fmt = (v: number | null): string => (v === null ? '—' : v === 0 ? '0' : v.toExponential(1));
const maxAbs = (a: readonly number[]): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** The text fallback of the inspector: per layer its shape, the rules, max|δ| and its checks (the followed neuron follows: the scene's sum). */
export function inspectText(p: InspectPayload): string[] {
  const lines = p.layers.map((l, i) => {
    const checks = l.check
      ? ` · checks ${l.check.rows.map((r) => `${r.label} ${fmt(r.error)}`).join(', ')}${l.check.ok ? ' ok' : ' WRONG'}`
      : '';
    return `layer ${i} ${l.name}: a ${l.activation.shape.join('x')}, δ by ${l.deltaRule} (max|δ| ${formatValue(maxAbs(l.delta.data))}), passes δ down by ${l.rule}${checks}`;
  });
  const how =
    p.eps === undefined
      ? []
      : [`gradient checks: central differences, ε = ${formatValue(p.eps)}, tolerance ${formatValue(p.tolerance ?? 1e-6)}`];
  return [[...lines, ...how].join('\n')];
}

/** The text fallback of a replay: the step shown and each panel's summary at it. */
export function replayText(p: ReplayPayload): string[] {
  const at = p.position ?? 0;
  const s = p.steps[at];
  const lines = p.panels.map((q, j) => {
    const v = s.values[j];
    const dead = q.kind === 'activation' ? `, ${deadChannels(q.shape, v).length} of ${q.shape[0]} channels 0 everywhere` : '';
    return `${q.title} ${q.shape.join('x')}: max|value| ${formatValue(maxAbs(v))}${dead}`;
  });
  return [
    [
      `step ${s.step} (epoch ${s.epoch}), ${at + 1} of ${p.steps.length} recorded; probe loss ${formatValue(s.probeLoss)}, predicted ${s.predicted}`,
      ...lines,
    ].join('\n'),
  ];
}
