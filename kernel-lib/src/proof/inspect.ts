import { payloadBundle } from '../display/bundle';
import { emit } from '../display/channel';
import { inspectPayload } from '../display/inspectPayload';
import type { LossName } from '../nn/losses';
import type { Sequential } from '../nn/Sequential';
import type { Tensor } from '../tensor';
import { type GradcheckLayersOptions, type LayerGradcheck, gradcheckLayers } from './gradcheckLayers';
import { type LayerTrace, traceBackprop } from './traceBackprop';

/** Options of `inspect`. */
export interface InspectOptions {
  loss: LossName;
  /** Also run gradcheckLayers (default true) with these options. */
  check?: boolean | Omit<GradcheckLayersOptions, 'loss'>;
  /** Draw the view (default true); false prints the table only. */
  show?: boolean;
  /** The view's title (default 'one example through the network'). */
  title?: string;
  /** The neuron the view follows first: [column, channel, row, col], 0-based; column 0 is the input, l + 1 layer l. */
  follow?: [number, number, number, number];
}

const fmt = (v: number | null): string => (v === null ? '—' : v.toExponential(1));
const shape = (t: Tensor | null): string => (t === null ? '—' : `[${t.shape.join(',')}]`);

/** A text table of a trace (and its checks): per layer the shapes, the rule, its literal check, and the gradcheck errors. */
export function traceTable(layers: readonly LayerTrace[], checks?: readonly LayerGradcheck[]): string {
  const rows = layers.map((t) => {
    const c = checks?.[t.layer];
    const errors =
      c === undefined ? [] : [fmt(c.delta), fmt(c.weight), fmt(c.bias), fmt(c.network.weight), fmt(c.network.bias), c.ok ? 'ok' : 'WRONG'];
    return [String(t.layer), t.name, shape(t.output), t.rule.name, fmt(t.rule.check), ...errors];
  });
  const head = [
    '#',
    'layer',
    'output',
    'rule for δ_in',
    'rule vs backward',
    ...(checks ? ['δ_in', '∂w', '∂b', 'net ∂w', 'net ∂b', ''] : []),
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const sampled = checks
    ?.flatMap((c) => [c.checks.delta, c.checks.weight, c.checks.bias])
    .find((t) => t !== null && t.indices.length < t.size);
  const how =
    sampled === undefined || sampled === null
      ? 'every cell checked'
      : `tensors over ${sampled.indices.length} cells: ${sampled.indices.length} seeded cells + ${sampled.directions + sampled.skippedDirections} unit directions`;
  const eps =
    checks?.[0] === undefined
      ? ''
      : `\nrelative errors max|analytic − numeric| / max|numeric|, central differences, ε = ${checks[0].eps}, tolerance ${checks[0].tolerance}; ${how}`;
  return [line(head), ...rows.map(line)].join('\n') + eps;
}

/**
 * One example through a network, forward and back, in ONE view: every layer's activation (top), the
 * δ at its output on a diverging scale centred at 0 with the rule that produced it, ∂C/∂w and
 * ∂C/∂b, and (with `check`) its gradient checks as residual heatmaps with their relative errors,
 * the step ε and the tolerance printed. Hover or pin a neuron: the view frames its receptive field
 * in every layer below and the δ cells it gathers from above. Also prints the table of every
 * layer (traceTable). Takes the arguments of model.computeGrads; returns the trace and the checks.
 *
 * @example
 * const { trace, checks } = cl.inspect(net, x, y, { loss: 'softmaxCrossEntropy' });
 * checks.every((c) => c.ok); // true
 */
export function inspect(
  model: Sequential,
  x: Tensor,
  y: Tensor,
  opts: InspectOptions,
): { trace: ReturnType<typeof traceBackprop>; checks: LayerGradcheck[] | null } {
  const trace = traceBackprop(model, x, y, { loss: opts.loss });
  const check = opts.check ?? true;
  const checks = check === false ? null : gradcheckLayers(model, x, y, { ...(check === true ? {} : check), loss: opts.loss });
  console.log(traceTable(trace.layers, checks ?? undefined));
  if (opts.show !== false) {
    const payload = inspectPayload(model, trace.layers, checks, opts.title ?? 'one example through the network');
    emit(payloadBundle(opts.follow ? { ...payload, focus: opts.follow } : payload));
  }
  return { trace, checks };
}
