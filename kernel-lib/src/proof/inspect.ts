// cl.inspect, drawn with the existing views for now (one output per activation, δ and gradient);
// the one-view inspector on the view model replaces the drawing, not the data (traceBackprop,
// gradcheckLayers).
import { showDelta, showFeatureMaps } from '../display/views';
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
  /** What to draw per layer (default all): the activation, the δ arriving and passed down, ∂C/∂w. */
  show?: readonly ('activation' | 'delta' | 'weightGrad')[];
}

const fmt = (v: number | null): string => (v === null ? '—' : v.toExponential(1));
const shape = (t: Tensor | null): string => (t === null ? '—' : `[${t.shape.join(',')}]`);

/** A text table of a trace (and its checks): per layer the shapes, the rule, its literal check, and the gradcheck errors. */
export function traceTable(layers: readonly LayerTrace[], checks?: readonly LayerGradcheck[]): string {
  const rows = layers.map((t) => {
    const c = checks?.[t.layer];
    const errors = c === undefined ? [] : [fmt(c.delta), fmt(c.weight), fmt(c.bias), fmt(c.network.weight), fmt(c.network.bias), c.ok ? 'ok' : 'WRONG'];
    return [String(t.layer), t.name, shape(t.output), t.rule.name, fmt(t.rule.check), ...errors];
  });
  const head = ['#', 'layer', 'output', 'rule for δ_in', 'rule vs backward', ...(checks ? ['δ_in', '∂w', '∂b', 'net ∂w', 'net ∂b', ''] : [])];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  const sampled = checks?.flatMap((c) => [c.checks.delta, c.checks.weight, c.checks.bias]).find((t) => t !== null && t.indices.length < t.size);
  const how = sampled === undefined || sampled === null ? 'every cell checked' : `tensors over ${sampled.indices.length} cells: ${sampled.indices.length} seeded cells + ${sampled.directions + sampled.skippedDirections} unit directions`;
  const eps = checks?.[0] === undefined ? '' : `\nrelative errors max|analytic − numeric| / max|numeric|, central differences, ε = ${checks[0].eps}, tolerance ${checks[0].tolerance}; ${how}`;
  return [line(head), ...rows.map(line)].join('\n') + eps;
}

/**
 * One example through a network, forward and back: prints the table of every layer (its rule for
 * the δ it passes down, that rule evaluated literally against the layer's backward, and with
 * `check` the per-layer and whole-network gradient checks), then draws every layer's activation
 * (showFeatureMaps), the δ arriving at its output and the δ it passes down (showDelta, diverging
 * around 0), and ∂C/∂w. Takes the arguments of model.computeGrads; returns the trace and the checks.
 *
 * @example
 * const { trace, checks } = cl.inspect(net, x, y, { loss: 'softmaxCrossEntropy' });
 * checks.every((c) => c.ok); // true
 */
export function inspect(model: Sequential, x: Tensor, y: Tensor, opts: InspectOptions): { trace: ReturnType<typeof traceBackprop>; checks: LayerGradcheck[] | null } {
  const trace = traceBackprop(model, x, y, { loss: opts.loss });
  const check = opts.check ?? true;
  const checks = check === false ? null : gradcheckLayers(model, x, y, { ...(check === true ? {} : check), loss: opts.loss });
  console.log(traceTable(trace.layers, checks ?? undefined));
  const show = new Set(opts.show ?? ['activation', 'delta', 'weightGrad']);
  for (const t of trace.layers) {
    const title = `${t.layer}: ${t.name}`;
    const maps = (v: Tensor) => (v.rank === 4 ? showFeatureMaps : showDelta);
    if (show.has('activation') && t.output.rank === 4) showFeatureMaps(t.output, { title: `${title}: activation a` });
    if (show.has('delta')) {
      const arriving = t.deltaOut ?? t.deltaZ;
      if (arriving !== null) showDelta(arriving, { title: `${title}: δ arriving (${t.deltaOut === null ? '∂C/∂z, BP1' : '∂C/∂a'})` });
      showDelta(t.deltaIn, { title: `${title}: δ passed down by ${t.rule.name}` });
    }
    if (show.has('weightGrad') && t.weightGrad !== null) maps(t.weightGrad)(t.weightGrad, { title: `${title}: ∂C/∂w` });
  }
  return { trace, checks };
}
