// The i32 records that the TypeScript side writes into the kernels' memory and the AssemblyScript
// kernels read, as field names in order: the one definition of each layout. assembly/build.mjs
// generates assembly/records.as from this file (a namespace of field indices per record), and
// `recordValues` orders a record by name, so a layout is never written twice. Keep this file to
// plain `export const NAME = [...]` lists of strings (build.mjs reads them as data).

/**
 * A conv2d plan (convPlan.ts → conv.as, grouped.as): shapes, resolved stride, dilation and
 * padding, the source-plane mode, sizes, and byte pointers to its offset tables.
 */
export const CONV_PLAN = [
  'N',
  'C',
  'H',
  'W',
  'K',
  'KH',
  'KW',
  'OH',
  'OW',
  'SH',
  'SW',
  'DH',
  'DW',
  'TOP',
  'LEFT',
  'MODE',
  'HP',
  'WP',
  'CKK',
  'P',
  'NSEG',
  'SEGLEN',
  'SEGSTRIDE',
  'OFFSX',
  'OFFSDY',
  'PLANE',
  'RUN',
  'OFFSR',
  'GROUPS',
];

/** A pooling plan (pool2d.ts → pool.as): planes, sizes, window, stride, padding, dilation, the divisor's rule. */
export const POOL_PLAN = [
  'PLANES',
  'H',
  'W',
  'OH',
  'OW',
  'KH',
  'KW',
  'SH',
  'SW',
  'PH',
  'PW',
  'DH',
  'DW',
  'DIVMODE',
  'DIVISOR',
  'HEND',
  'WEND',
];

/**
 * The values of a record in its table's order; throws when a field is missing or unknown.
 *
 * @example
 * recordValues(POOL_PLAN, { PLANES: 1, H: 4, ... }); // [1, 4, ...]
 */
export function recordValues(fields: readonly string[], values: Readonly<Record<string, number>>): number[] {
  const unknown = Object.keys(values).filter((k) => !fields.includes(k));
  if (unknown.length > 0) throw new Error(`fast: record fields ${unknown.join(', ')} are not in the table`);
  return fields.map((name) => {
    const v = values[name];
    if (v === undefined) throw new Error(`fast: record field ${name} is missing`);
    return v;
  });
}
