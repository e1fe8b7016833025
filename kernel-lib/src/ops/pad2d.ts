import { assert } from '../assert';
import { Tensor } from '../tensor';
import { checkRank, checkTensor } from './args';

/** Zeros per side: p on all four, [ph, pw] per axis, or [[top, bottom], [left, right]]. */
export type Pad2d = number | readonly [number, number] | readonly [readonly [number, number], readonly [number, number]];

/**
 * Zero padding of the last two axes (rank ≥ 2):
 * out[..., i + top, j + left] = x[..., i, j], zeros elsewhere; shape [..., h + top + bottom, w + left + right].
 *
 * @example
 * pad2d(tensor([[1]]), 1).toArray(); // [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
 * pad2d(x, [[0, 1], [0, 1]]); // one row of zeros below, one column to the right
 */
export function pad2d(x: Tensor, p: Pad2d): Tensor {
  const op = 'pad2d';
  checkTensor(op, 'x', x);
  checkRank(op, 'x', x, 2, '..., h, w', 'at least');
  const [[top, bottom], [left, right]] = resolvePad2d(p);
  const h = x.shape[x.rank - 2];
  const w = x.shape[x.rank - 1];
  const ph = h + top + bottom;
  const pw = w + left + right;
  const out = new Float64Array((x.size / (h * w)) * ph * pw);
  for (let plane = 0; plane < x.size / (h * w); plane++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) out[(plane * ph + i + top) * pw + j + left] = x.data[(plane * h + i) * w + j];
    }
  }
  return new Tensor([...x.shape.slice(0, -2), ph, pw], out);
}

function resolvePad2d(p: unknown): [[number, number], [number, number]] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
  const rule = 'padding must be a non-negative integer, [ph, pw] or [[top, bottom], [left, right]]';
  assert(typeof p === 'number' || Array.isArray(p), () => `pad2d: ${rule}, got ${typeof p} ${show(p)}`, TypeError);
  if (ok(p))
    return [
      [p, p],
      [p, p],
    ];
  if (Array.isArray(p) && p.length === 2 && ok(p[0]) && ok(p[1]))
    return [
      [p[0], p[0]],
      [p[1], p[1]],
    ];
  const sides = (q: unknown): q is [number, number] => Array.isArray(q) && q.length === 2 && ok(q[0]) && ok(q[1]);
  assert(Array.isArray(p) && p.length === 2 && sides(p[0]) && sides(p[1]), () => `pad2d: ${rule}, got ${show(p)}`);
  return [p[0], p[1]];
}
