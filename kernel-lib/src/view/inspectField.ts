import type { FieldStage } from '../contract';

/**
 * Receptive fields and their inverse, for following one neuron through a network: which cells of
 * a layer's input a region of its output sees, and which output cells a region of its input feeds.
 * A region is a box of rows r0..r1 and columns c0..c1 (inclusive, 0-based) in some channels.
 */
export interface Region {
  channels: 'all' | number[];
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** A region clipped to maps [c, h, w], or null when nothing is left. */
export function clip(g: Region, [c, h, w]: readonly number[]): Region | null {
  const channels: Region['channels'] = g.channels === 'all' ? 'all' : g.channels.filter((ch) => ch >= 0 && ch < c);
  const out = { channels, r0: Math.max(0, g.r0), r1: Math.min(h - 1, g.r1), c0: Math.max(0, g.c0), c1: Math.min(w - 1, g.c1) };
  return out.r0 > out.r1 || out.c0 > out.c1 || (channels !== 'all' && channels.length === 0) ? null : out;
}

const whole = ([, h, w]: readonly number[]): Region => ({ channels: 'all', r0: 0, r1: h - 1, c0: 0, c1: w - 1 });
const mixes = (field: FieldStage[]): boolean => field.some((s) => s.mixes);

/**
 * The input cells that output region `g` sees, in input maps of `shape`: through the steps from
 * last to first, rows a..b → a·s − p … b·s − p + d·(k − 1) (likewise columns); every channel if a
 * step mixes channels. 'all' (dense): everything.
 *
 * @example
 * // conv 5x5 then pool 2: pooled cell (1, 2) sees input rows 2..7, cols 4..9
 * fieldBelow([conv5, pool2], { channels: [0], r0: 1, r1: 1, c0: 2, c1: 2 }, [1, 12, 12]);
 */
export function fieldBelow(field: FieldStage[] | 'all', g: Region, shape: readonly number[]): Region | null {
  if (field === 'all') return whole(shape);
  let { r0, r1, c0, c1 } = g;
  for (const s of [...field].reverse()) {
    [r0, r1] = [r0 * s.stride[0] - s.padding[0], r1 * s.stride[0] - s.padding[0] + s.dilation[0] * (s.size[0] - 1)];
    [c0, c1] = [c0 * s.stride[1] - s.padding[1], c1 * s.stride[1] - s.padding[1] + s.dilation[1] * (s.size[1] - 1)];
  }
  return clip({ channels: mixes(field) ? 'all' : g.channels, r0, r1, c0, c1 }, shape);
}

/**
 * The output cells that input region `g` feeds, in output maps of `shape`: through the steps in
 * order, rows a..b → ⌈(a + p − d·(k − 1))/s⌉ … ⌊(b + p)/s⌋; every channel if a step mixes.
 * 'all' (dense): everything.
 */
export function fieldAbove(field: FieldStage[] | 'all', g: Region, shape: readonly number[]): Region | null {
  if (field === 'all') return whole(shape);
  let { r0, r1, c0, c1 } = g;
  for (const s of field) {
    [r0, r1] = [
      Math.ceil((r0 + s.padding[0] - s.dilation[0] * (s.size[0] - 1)) / s.stride[0]),
      Math.floor((r1 + s.padding[0]) / s.stride[0]),
    ];
    [c0, c1] = [
      Math.ceil((c0 + s.padding[1] - s.dilation[1] * (s.size[1] - 1)) / s.stride[1]),
      Math.floor((c1 + s.padding[1]) / s.stride[1]),
    ];
  }
  return clip({ channels: mixes(field) ? 'all' : g.channels, r0, r1, c0, c1 }, shape);
}

/**
 * Where one neuron reaches in every column of a network (column 0 the input, l + 1 layer l's
 * output, of `shapes[k]`): its own cell, the receptive field in every column below, and the cells
 * whose δ it gathers from in every column above. Null where nothing is reached.
 */
export function followNeuron(
  fields: Array<FieldStage[] | 'all'>,
  shapes: ReadonlyArray<readonly number[]>,
  [k, ch, r, c]: readonly number[],
): Array<Region | null> {
  const out: Array<Region | null> = shapes.map(() => null);
  out[k] = { channels: [ch], r0: r, r1: r, c0: c, c1: c };
  for (let m = k - 1; m >= 0; m--) out[m] = out[m + 1] && fieldBelow(fields[m], out[m + 1] as Region, shapes[m]);
  for (let m = k + 1; m < shapes.length; m++) out[m] = out[m - 1] && fieldAbove(fields[m - 1], out[m - 1] as Region, shapes[m]);
  return out;
}
