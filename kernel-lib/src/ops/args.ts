import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';

/** A per-axis option: one number for both axes, or [height, width]. */
export type Pair = number | readonly [number, number];

/** Checks that `value` is a Tensor (TypeError otherwise). */
export function checkTensor(op: string, name: string, value: unknown): asserts value is Tensor {
  assert(value instanceof Tensor, () => `${op}: ${name} must be a Tensor, got ${describe(value)}`, TypeError);
}

/** Checks the rank of a tensor (exactly `rank`, or at least) and that no axis is empty. */
export function checkRank(
  op: string,
  name: string,
  t: Tensor,
  rank: number,
  layout: string,
  rule: 'exactly' | 'at least' = 'exactly',
): void {
  const atLeast = rule === 'at least';
  assert(
    atLeast ? t.rank >= rank : t.rank === rank,
    () => `${op}: ${name} must be rank ${atLeast ? `≥ ${rank}` : rank} (${layout}), got rank ${t.rank} (${name} ${fmtShape(t.shape)})`,
  );
  assert(
    t.shape.every((d) => d > 0),
    () => `${op}: ${name} must have no empty axis, got ${name} ${fmtShape(t.shape)}`,
  );
}

/** Resolves a number-or-pair option to [h, w], each a positive integer (or ≥ 0 with `allowZero`). */
export function toPair(op: string, name: string, value: unknown, allowZero = false): [number, number] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && (allowZero ? v >= 0 : v > 0);
  const kind = allowZero ? 'a non-negative integer' : 'a positive integer';
  if (Array.isArray(value)) {
    assert(
      value.length === 2 && ok(value[0]) && ok(value[1]),
      () => `${op}: ${name} must be ${kind} or a pair [h, w] of them, got [${value.join(',')}]`,
    );
    return [value[0], value[1]];
  }
  assert(typeof value === 'number', () => `${op}: ${name} must be ${kind} or a pair [h, w] of them, got ${describe(value)}`, TypeError);
  assert(ok(value), () => `${op}: ${name} must be ${kind} or a pair [h, w] of them, got ${value}`);
  return [value, value];
}

/** Checks that dy has exactly the shape the forward pass produces. */
export function checkGradShape(op: string, dy: Tensor, expected: readonly number[]): void {
  assert(
    dy.shape.length === expected.length && dy.shape.every((d, i) => d === expected[i]),
    () => `${op}: dy must have the output shape ${fmtShape(expected)}, got ${fmtShape(dy.shape)}`,
  );
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `array [${value.join(',')}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/**
 * Checks an options object: a plain object (or undefined) whose keys are all in `known`; a
 * misspelt key such as `{ stide: 2 }` is an error naming it, never silently ignored.
 */
export function checkOptions(op: string, opts: unknown, known: readonly string[]): void {
  if (opts === undefined) return;
  assert(
    typeof opts === 'object' && opts !== null && !Array.isArray(opts),
    () => `${op}: options must be an object, got ${describe(opts)}`,
    TypeError,
  );
  for (const key of Object.keys(opts)) {
    assert(
      known.includes(key),
      () =>
        `${op}: unknown option '${key}', the options are ${known.join(', ')}, got { ${key}: ${describe((opts as Record<string, unknown>)[key])} }`,
      TypeError,
    );
  }
}

/** Explicit zeros per side: [[top, bottom], [left, right]]. */
export type Sides = readonly [readonly [number, number], readonly [number, number]];

/**
 * Resolves a padding given as a number p (all four sides), a pair [ph, pw] (per axis, both sides)
 * or explicit sides [[top, bottom], [left, right]], each a non-negative integer.
 */
export function toSides(op: string, value: unknown): [[number, number], [number, number]] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const rule = 'padding must be a non-negative integer, a pair [ph, pw] or sides [[top, bottom], [left, right]] of them';
  const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
  assert(typeof value === 'number' || Array.isArray(value), () => `${op}: ${rule}, got ${describe(value)}`, TypeError);
  if (ok(value))
    return [
      [value, value],
      [value, value],
    ];
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1]))
    return [
      [value[0], value[0]],
      [value[1], value[1]],
    ];
  const side = (q: unknown): q is [number, number] => Array.isArray(q) && q.length === 2 && ok(q[0]) && ok(q[1]);
  assert(Array.isArray(value) && value.length === 2 && side(value[0]) && side(value[1]), () => `${op}: ${rule}, got ${show(value)}`);
  return [
    [value[0][0], value[0][1]],
    [value[1][0], value[1][1]],
  ];
}
