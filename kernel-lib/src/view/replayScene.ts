import type { ReplayPayload } from '../contract';
import { type Room, emptyScene, widthOf } from './build';
import { describePayload } from './describe';
import { formatValue } from './geometry';
import { type Block, cellFor, flowBlocks } from './inspectLayout';
import { mosaicCell, mosaicNames, mosaicOf, mosaicValues } from './inspectMosaic';
import { indexBaseOf } from './labels';
import { heatPanel } from './panels';
import { valueRange } from './range';
import type { Frame, ScaleSpec, Scene } from './scene';

/** Channels of maps [c, h, w] that are 0 everywhere (a ReLU channel that no longer responds to the probe). */
export function deadChannels([c, h, w]: readonly number[], data: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let ch = 0; ch < c; ch++) {
    let alive = false;
    for (let i = ch * h * w; i < (ch + 1) * h * w && !alive; i++) alive = data[i] !== 0;
    if (!alive) out.push(ch);
  }
  return out;
}

/** The scale of a panel over the whole run: diverging for kernels and δ (bound = the largest |value| of any step), else sequential. */
function runScale(p: ReplayPayload, j: number): ScaleSpec {
  const all = p.steps.flatMap((s) => s.values[j]);
  const { min, max } = valueRange(all);
  if (p.panels[j].kind !== 'activation' || min < 0) {
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return { kind: 'diverging', min: -bound, max: bound };
  }
  return { kind: 'sequential', min, max: max === min ? min + 1 : max };
}

const maxAbs = (a: number[]): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * One recorded step of a training run (`position`, an index into the steps; default the payload's
 * position): every panel (kernels, the probe's activations, its δ) on a scale fixed over the whole
 * run, so kernels are seen evolving, a shrinking δ fades, and a dead channel (0 everywhere on the
 * probe) is veiled and counted. Stepping: a replay is drawn again for each step.
 */
export function replayScene(p: ReplayPayload, room: Room, position?: number): Scene {
  const width = widthOf(room);
  const base = indexBaseOf(p);
  const at = Math.min(p.steps.length - 1, Math.max(0, position ?? p.position ?? 0));
  const step = p.steps[at];
  const target = Math.max(160, Math.min(420, (width - 24) / 2 - 32));
  const mosaics = p.panels.map((q) => mosaicOf(q.shape));
  const dead = p.panels.map((q, j) => (q.kind === 'activation' ? deadChannels(q.shape, step.values[j]) : []));
  const blocks: Block[] = p.panels.map((q, j) => {
    const m = mosaics[j];
    const extra =
      q.kind === 'delta'
        ? ` · max|δ| ${formatValue(maxAbs(step.values[j]))}`
        : q.kind === 'activation' && q.shape[0] > 1
          ? ` · ${dead[j].length} of ${q.shape[0]} channels dead on the probe`
          : '';
    return {
      title: q.title,
      items: [
        {
          rows: m.rows,
          cols: m.cols,
          cell: cellFor(m.cols, Math.max(target, Math.min(width - 60, m.cols * 3)), 14),
          title: `${q.shape.join('x')}${extra}`,
        },
      ],
    };
  });
  const flowed = flowBlocks(blocks, width, 48, 240);
  const s = emptyScene(Math.max(width, flowed.width), flowed.height, describePayload(p));
  const batch =
    step.loss === null ? 'before training' : `batch loss ${formatValue(step.loss)}, accuracy ${formatValue(step.accuracy ?? 0)}`;
  const label = p.label === undefined ? '' : ` (label ${p.label})`;
  const head = `step ${step.step} (epoch ${step.epoch}), ${at + 1} of ${p.steps.length} recorded: ${batch} · probe loss ${formatValue(step.probeLoss)}, predicted ${step.predicted}${label}`;
  s.labels.push({ x: 8, y: 38, size: 12, anchor: 'start', tone: 'ink', text: head }, ...flowed.labels);
  p.panels.forEach((q, j) => {
    const m = mosaics[j];
    const symbol = q.kind === 'kernels' ? 'w' : q.kind === 'delta' ? 'δ' : 'a';
    s.panels.push({
      ...heatPanel(flowed.boxes[j][0], {
        rows: m.rows,
        cols: m.cols,
        values: mosaicValues(m, step.values[j]),
        scale: runScale(p, j),
        base: 0,
        symbol,
        names: mosaicNames(m, base, symbol),
        write: false,
      }),
      ticks: { rows: [], cols: [] },
    });
    s.frames.push(
      ...dead[j].map((ch): Frame => {
        const [a, b] = [mosaicCell(m, ch, 0, 0), mosaicCell(m, ch, m.h - 1, m.w - 1)];
        return { panel: j, r0: a[0], c0: a[1], r1: b[0], c1: b[1], style: 'grey' };
      }),
    );
  });
  s.stepping = { count: p.steps.length, position: at, noun: 'step', label: `step ${step.step} (epoch ${step.epoch})` };
  return s;
}
