import type { Plane } from '../contract';
import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';

/** Largest side of one map a view sends; larger maps are downsampled by block means first. */
export const MAP_CAP = 256;

/** Most numbers one feature-map grid sends (all maps together); the per-map side shrinks to fit. */
export const GRID_BUDGET = 1 << 18;

/** The shape without leading axes of size 1 (a [1, 1, 5, 5] tensor is a 5x5 matrix). */
export function squeezeLeading(shape: readonly number[], keep: number): number[] {
  const out = [...shape];
  while (out.length > keep && out[0] === 1) out.shift();
  return out;
}

/** Checks that a value is a non-empty Tensor of finite numbers: the views draw nothing else. */
export function checkDrawable(op: string, name: string, t: unknown): asserts t is Tensor {
  assert(t instanceof Tensor, () => `${op}: ${name} must be a Tensor, got ${t === null ? 'null' : typeof t}`, TypeError);
  assert(t.size > 0, () => `${op}: ${name} must not be empty, got shape ${fmtShape(t.shape)}`);
  const bad = t.data.findIndex((v) => !Number.isFinite(v));
  assert(bad < 0, () => `${op}: ${name} must hold finite numbers to be drawn, got ${t.data[bad]} at index ${bad}`);
}

/** A tensor as a matrix: leading axes of size 1 dropped, a vector as one row. */
export function planeOf(op: string, name: string, t: Tensor): Plane {
  checkDrawable(op, name, t);
  const shape = squeezeLeading(t.shape, 2);
  if (shape.length === 1) shape.unshift(1);
  assert(shape.length === 2, () => `${op}: ${name} must be a matrix (leading axes of size 1 are dropped), got shape ${fmtShape(t.shape)}`);
  return { shape: [shape[0], shape[1]], data: Array.from(t.data) };
}

/** Block means of `f` x `f` cells (partial blocks at the border average what they have), to 6 significant digits. */
function blockMeans(plane: Plane, f: number): Plane {
  const [h, w] = plane.shape;
  const [oh, ow] = [Math.ceil(h / f), Math.ceil(w / f)];
  const data = new Array<number>(oh * ow).fill(0);
  const counts = new Array<number>(oh * ow).fill(0);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const o = Math.floor(r / f) * ow + Math.floor(c / f);
      data[o] += plane.data[r * w + c];
      counts[o] += 1;
    }
  }
  // A downsampled picture needs no more than 6 significant digits; they keep the payload compact.
  return { shape: [oh, ow], data: data.map((v, i) => Number((v / counts[i]).toPrecision(6))) };
}

/**
 * Shrinks maps whose larger side exceeds `cap` by the smallest integer factor f that fits (means of
 * f x f blocks), and says so in a notice. The same factor applies to every map of a grid.
 */
export function downsample(maps: Plane[], cap: number = MAP_CAP): { maps: Plane[]; notice?: string } {
  const [h, w] = maps[0].shape;
  const f = Math.ceil(Math.max(h, w) / cap);
  if (f <= 1) return { maps };
  const out = maps.map((m) => blockMeans(m, f));
  const [oh, ow] = out[0].shape;
  return {
    maps: out,
    notice: `downsampled from ${h}x${w} to ${oh}x${ow} (mean of each ${f}x${f} block; the cap is ${cap}x${cap} per map)`,
  };
}
