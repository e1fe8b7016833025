import { assert } from '../assert';
import { LIMITS, type ReplayPanel, type ReplayPayload } from '../contract';
import type { RecordedTensor, TrainingRecording } from '../nn/record';
import { payloadBundle } from './bundle';
import { emit, type EmitOptions } from './channel';
import { round4 } from './inspectPayload';

/** One panel of a replay: a recorded layer's kernels, or the probe's activation or δ at a layer's output. */
export interface ReplayPanelChoice {
  layer: number;
  kind: ReplayPanel['kind'];
}

/** Options of showReplay. */
export interface ReplayViewOptions extends EmitOptions {
  title?: string;
  /** What to show (default: the first kernels, the probe's activation and δ at the first map of at most 4096 values, δ at the last map and at the output). */
  panels?: ReplayPanelChoice[];
  /** The recorded step shown first, an index into the snapshots (default 0); the static pictures show this one. */
  at?: number;
  /** The probe's true class, written beside its prediction. */
  label?: number;
  /** Most numbers the payload may carry (default 250,000; the contract allows LIMITS.values). */
  maxValues?: number;
}

const op = 'showReplay';

/** A tensor [n, c, h, w], [c, h, w], [k, c, kh, kw] or [n, m] as maps [c, h, w]. */
function mapShape(t: RecordedTensor, kind: ReplayPanel['kind']): [number, number, number] {
  const s = t.shape;
  if (kind === 'kernels' && s.length === 4) return [s[0] * s[1], s[2], s[3]];
  if (s.length === 4) return [s[1], s[2], s[3]];
  const n = t.data.length;
  let r = Math.floor(Math.sqrt(n));
  while (n % r !== 0) r--;
  return [1, r, n / r];
}

function defaultPanels(r: TrainingRecording): ReplayPanelChoice[] {
  const layers = r.snapshots[0].probe.layers;
  const maps = layers.filter((l) => l.activation.shape.length === 4);
  const small = maps.find((l) => l.activation.data.length <= 4096);
  const lastMap = maps[maps.length - 1];
  const out: ReplayPanelChoice[] = [];
  if (r.snapshots[0].kernels[0]) out.push({ layer: r.snapshots[0].kernels[0].layer, kind: 'kernels' });
  if (small) out.push({ layer: small.layer, kind: 'activation' }, { layer: small.layer, kind: 'delta' });
  if (lastMap && lastMap !== small) out.push({ layer: lastMap.layer, kind: 'delta' });
  out.push({ layer: layers[layers.length - 1].layer, kind: 'delta' });
  return out;
}

/**
 * The payload of a replay: the chosen panels at every kept snapshot of a TrainingRecording, values
 * to four significant digits, within `maxValues` numbers.
 */
export function replayPayload(recording: TrainingRecording, options: ReplayViewOptions = {}): ReplayPayload {
  assert(
    typeof recording === 'object' && recording !== null && Array.isArray(recording.snapshots) && recording.snapshots.length > 0,
    () =>
      `${op}: recording must be a TrainingRecording with at least one snapshot (recorder.toJSON()), got ${recording === null ? 'null' : typeof recording}`,
    TypeError,
  );
  const first = recording.snapshots[0];
  const choices = options.panels ?? defaultPanels(recording);
  const pick = (s: TrainingRecording['snapshots'][number], c: ReplayPanelChoice): { name: string; t: RecordedTensor } => {
    if (c.kind === 'kernels') {
      const k = s.kernels.find((q) => q.layer === c.layer);
      assert(
        k !== undefined,
        () => `${op}: layer ${c.layer} has no recorded kernels (recorded: ${first.kernels.map((q) => q.layer).join(', ') || 'none'})`,
      );
      return { name: k.name, t: k.weight };
    }
    const l = s.probe.layers.find((q) => q.layer === c.layer);
    assert(l !== undefined, () => `${op}: the probe has no layer ${c.layer} (layers 0 to ${s.probe.layers.length - 1})`);
    return { name: l.name, t: c.kind === 'activation' ? l.activation : l.delta };
  };
  const panels: ReplayPanel[] = choices.map((c) => {
    const { name, t } = pick(first, c);
    const what = c.kind === 'kernels' ? 'kernels w' : c.kind === 'activation' ? "the probe's a" : "the probe's δ";
    return { title: `layer ${c.layer} ${name}: ${what}`, kind: c.kind, shape: mapShape(t, c.kind) };
  });
  const { maxValues = 250_000, at = 0 } = options;
  const total = recording.snapshots.length * panels.reduce((n, p) => n + p.shape[0] * p.shape[1] * p.shape[2], 0);
  assert(
    total <= Math.min(maxValues, LIMITS.values),
    () =>
      `${op}: the replay would carry ${total} numbers (${recording.snapshots.length} steps), more than maxValues ${Math.min(maxValues, LIMITS.values)}; choose fewer panels or record fewer steps`,
  );
  assert(
    Number.isInteger(at) && at >= 0 && at < recording.snapshots.length,
    () => `${op}: at must be a snapshot index from 0 to ${recording.snapshots.length - 1}, got ${at}`,
  );
  return {
    version: 1,
    kind: 'replay',
    title: options.title ?? 'training, replayed',
    panels,
    position: at,
    ...(options.label === undefined ? {} : { label: options.label }),
    steps: recording.snapshots.map((s) => ({
      step: s.step,
      epoch: s.epoch,
      loss: s.loss,
      accuracy: s.accuracy,
      probeLoss: s.probe.loss,
      predicted: s.probe.predicted[0] ?? 0,
      values: choices.map((c) => Array.from(pick(s, c).t.data, round4)),
    })),
  };
}

/**
 * Replays a recorded training run (TrainingRecorder.toJSON()) in the page, with no kernel: a step
 * control scrubs through the kept snapshots (kernels evolving, the probe's δ shrinking, dead ReLU
 * channels veiled), every panel on a scale fixed over the run. The step you scrub to is saved with
 * the notebook (in the output's metadata) and the view reopens on it; the static PNG/HTML, drawn
 * by the kernel, show the step `at` chosen when it was displayed.
 *
 * @example
 * cl.showReplay(recorder.toJSON(), { title: 'the first 100 batches', label: 7 });
 */
export function showReplay(recording: TrainingRecording, options: ReplayViewOptions = {}): void {
  emit(payloadBundle(replayPayload(recording, options)), options);
}
