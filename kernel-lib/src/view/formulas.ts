import { ACTIVATIONS, convBackwardTerms, convTerms, formatValue, poolWindow, type Term } from './geometry';
import { cellName, indexBaseOf } from './labels';
import { type Spacing, convTaps, countedTaps, gatherTaps, isUnitSpacing, poolShares, spacingOf, spreadDelta } from './windows';
import type { ConvBackwardPayload, ConvPayload, IndexBase, PoolBackwardPayload, PoolPayload } from '../contract';

/**
 * The sums of the linked views written out with their actual numbers, one line per kernel row, as
 * the extension's caption and the text and HTML fallbacks show them. (r, c) are 0-based; positions
 * are written in the payload's numbering: from 1 by default, as in the notes (a11, w11).
 */

/** Writes 0-based positions in a numbering: at(r, c) = "(r+base,c+base)". */
export const namer = (p: { indexBase?: IndexBase }) => {
  const base = indexBaseOf(p);
  return (r: number, c: number): string => cellName(r, c, base);
};
/** A factor of a written product: negative numbers in parentheses. */
export const factor = (v: number): string => (v < 0 ? `(${formatValue(v)})` : formatValue(v));

/** "w·x + w·x + …", one line per kernel row (terms grouped by the row of `at`). */
function products(terms: Term[]): string[] {
  const rows = new Map<number, string[]>();
  for (const t of terms) rows.set(t.at[0], [...(rows.get(t.at[0]) ?? []), `${factor(t.weight)}·${factor(t.value)}`]);
  return [...rows.values()].map((row) => row.join(' + '));
}

/** a(r,c) = σ(b + Σ w·x) = σ(b + w·x + …) = σ(z) = a; with channels, one partial sum per channel. */
export function convFormula(
  p: Pick<ConvPayload, 'input' | 'kernel' | 'bias' | 'activation' | 'indexBase' | 'channels'> & Partial<Spacing>,
  r: number,
  c: number,
): string[] {
  const at = namer(p);
  const { terms, z, a } = convTerms(p, r, c);
  const s = ACTIVATIONS[p.activation].symbol;
  const depth = p.channels ?? 1;
  if (depth > 1) {
    const partial = Array.from({ length: depth }, (_, k) => terms.filter((t) => t.channel === k));
    const sums = partial.map((ts) => ts.reduce((acc, t) => acc + t.weight * t.value, 0));
    const inner = `b + Σ over ${depth} channels Σ w·x`;
    return [
      `a${at(r, c)} = ${s ? `${s}(${inner})` : inner}`,
      `  z = ${formatValue(p.bias)}`,
      ...partial.flatMap((ts, k) => {
        const rows = products(ts);
        const head = `    + channel ${k + indexBaseOf(p)}: `;
        const pad = ' '.repeat(head.length);
        return [
          ...(rows.length === 0
            ? [`${head}0 (its window reads only padding)`]
            : rows.map((row, n) => `${n === 0 ? head : `${pad}+ `}${row}`)),
          ...(rows.length === 0 ? [] : [`${pad}= ${formatValue(sums[k])}`]),
        ];
      }),
      `    = ${formatValue(p.bias)} + ${sums.map((v) => factor(v)).join(' + ')} = ${formatValue(z)}`,
      s ? `  a = ${s}(${formatValue(z)}) = ${formatValue(a)}` : `  a = z = ${formatValue(a)}`,
    ];
  }
  const rows = products(terms);
  return [
    `a${at(r, c)} = ${s ? `${s}(b + Σ w·x)` : 'b + Σ w·x'}`,
    `  z = ${formatValue(p.bias)}`,
    ...rows.map((row) => `      + ${row}`),
    `    = ${formatValue(z)}`,
    s ? `  a = ${s}(${formatValue(z)}) = ${formatValue(a)}` : `  a = z = ${formatValue(a)}`,
  ];
}

/** δˡ(i,j) = Σ rot180(w)·δˡ⁺¹ over the δ cells that exist (the rest is the zero padding of 'full'). */
export function convBackwardFormula(
  p: Pick<ConvBackwardPayload, 'delta' | 'kernel' | 'indexBase'> & Partial<Pick<ConvBackwardPayload, 'output' | 'channels'> & Spacing>,
  i: number,
  j: number,
): string[] {
  if (p.output && (p.stride || p.dilation || p.padding || (p.channels ?? 1) > 1))
    return spreadBackwardFormula({ ...p, output: p.output }, i, j);
  const at = namer(p);
  const { terms, sum } = convBackwardTerms(p, i, j);
  const gathered = terms.map((t) => `δˡ⁺¹${at(...t.from)}`).join(', ');
  return [
    `δˡ${at(i, j)} = Σ rot180(w)·δˡ⁺¹ (before ⊙ σ′)`,
    `  gathers ${terms.length} cell${terms.length === 1 ? '' : 's'}: ${gathered || 'none (all padding)'}`,
    ...products(terms).map((row, k) => `  ${k === 0 ? '=' : '+'} ${row}`),
    `  = ${formatValue(sum)}`,
  ];
}

/** y(r,c) = max(…) or (… + …)/n over window (r, c). */
export function poolFormula(
  p: Pick<PoolPayload, 'mode' | 'size' | 'input' | 'argmax' | 'indexBase'> &
    Partial<Pick<PoolPayload, 'output' | 'stride' | 'dilation' | 'padding' | 'ceilMode'>>,
  r: number,
  c: number,
): string[] {
  if (p.output && [p.stride, p.dilation, p.padding, p.ceilMode].some((v) => v !== undefined)) {
    return spacedPoolFormula({ ...p, output: p.output }, spacingOf({ ...p, stride: p.stride ?? [p.size[0], p.size[1]] }), r, c);
  }
  const at = namer(p);
  const w = p.input.shape[1];
  const cells = poolWindow(p.size, r, c);
  const values = cells.map(([i, j]) => p.input.data[i * w + j]);
  if (p.mode === 'max') {
    const index = p.argmax?.[r * Math.floor(w / p.size[1]) + c] ?? 0;
    const best = Math.max(...values);
    return [
      `y${at(r, c)} = max(${values.map((v) => formatValue(v)).join(', ')})`,
      `  = ${formatValue(best)} at x${at(Math.floor(index / w), index % w)}`,
    ];
  }
  const sum = values.reduce((a, b) => a + b, 0);
  return [
    `y${at(r, c)} = (${values.map((v) => formatValue(v)).join(' + ')}) / ${values.length}`,
    `  = ${formatValue(sum / values.length)}`,
  ];
}

/** Where δˡ⁺¹(r,c) goes: all of it to the window's maximum, or an equal share to each cell; with a spacing, what δˡ(r,c) gathers. */
export function poolBackwardFormula(
  p: Pick<PoolBackwardPayload, 'mode' | 'size' | 'input' | 'delta' | 'argmax' | 'indexBase'> &
    Partial<Pick<PoolBackwardPayload, 'stride' | 'dilation' | 'padding' | 'ceilMode'>>,
  r: number,
  c: number,
): string[] {
  if ([p.stride, p.dilation, p.padding, p.ceilMode].some((v) => v !== undefined)) {
    return poolGatherFormula(p, spacingOf({ ...p, stride: p.stride ?? [p.size[0], p.size[1]] }), r, c);
  }
  const at = namer(p);
  const w = p.input.shape[1];
  const d = p.delta.data[r * p.delta.shape[1] + c];
  const n = p.size[0] * p.size[1];
  if (p.mode === 'max') {
    const index = p.argmax?.[r * p.delta.shape[1] + c] ?? 0;
    return [
      `δˡ⁺¹${at(r, c)} = ${formatValue(d)} goes whole to x${at(Math.floor(index / w), index % w)}, the window's maximum (weight 1)`,
      `  the other ${n - 1} cell${n === 2 ? '' : 's'} get 0`,
    ];
  }
  return [
    `δˡ⁺¹${at(r, c)} = ${formatValue(d)} is shared by the ${n} cells of its window (weight 1/${n})`,
    `  each gets ${formatValue(d)} / ${n} = ${formatValue(d / n)}`,
  ];
}

/**
 * δˡ(i,j) back through pooling with any spacing: the δˡ⁺¹ of every window that reads x(i,j), all
 * of it where x(i,j) is the window's maximum (max) or 1/n of it (avg, n the counted taps).
 */
function poolGatherFormula(
  p: Pick<PoolBackwardPayload, 'mode' | 'size' | 'input' | 'delta' | 'argmax' | 'indexBase'>,
  s: Spacing,
  i: number,
  j: number,
): string[] {
  const at = namer(p);
  const shares = poolShares(p, s, i, j);
  const windows = shares.map((sh) => at(...sh.window)).join(', ');
  const head =
    p.mode === 'max'
      ? `δˡ${at(i, j)} = Σ δˡ⁺¹ over the windows whose maximum is x${at(i, j)}`
      : `δˡ${at(i, j)} = Σ δˡ⁺¹/n over the windows that read x${at(i, j)} (n: a window's taps in x and its padding)`;
  if (shares.length === 0) return [head, `  no window reads x${at(i, j)}: 0`];
  const read = `  read by ${shares.length} window${shares.length === 1 ? '' : 's'}: ${windows}`;
  if (p.mode === 'max') {
    const best = shares.filter((sh) => sh.weight === 1);
    if (best.length === 0) return [head, `${read}; the maximum of none`, '  = 0'];
    return [
      head,
      `${read}; the maximum of ${best.length === shares.length ? (best.length === 1 ? 'it' : 'all') : `${best.length}: ${best.map((sh) => at(...sh.window)).join(', ')}`}`,
      `  = ${best.map((sh) => formatValue(sh.delta)).join(' + ')}`,
      ...(best.length > 1 ? [`  = ${formatValue(best.reduce((a, sh) => a + sh.delta, 0))}`] : []),
    ];
  }
  return [
    head,
    read,
    `  = ${shares.map((sh) => `${factor(sh.delta)}/${Math.round(1 / sh.weight)}`).join(' + ')}`,
    `  = ${formatValue(shares.reduce((a, sh) => a + sh.weight * sh.delta, 0))}`,
  ];
}

/** "stride 2 · padding [[1,1],[1,1]] · dilation 2", the parts that differ from the notes' geometry. */
export function spacingCaption(s: Spacing): string {
  const pair = (v: readonly number[]) => (v[0] === v[1] ? String(v[0]) : `[${v.join(',')}]`);
  const [[t, b], [l, r]] = s.padding;
  const padding = t === b && l === r ? pair([t, l]) : `[[${t},${b}],[${l},${r}]]`;
  return [
    s.stride.some((v) => v !== 1) ? `stride ${pair(s.stride)}` : '',
    s.padding.flat().some((v) => v !== 0) ? `padding ${padding}` : '',
    s.dilation.some((v) => v !== 1) ? `dilation ${pair(s.dilation)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The hovered sum with the cells' names: a(r,c) = σ(b + w11·x11 + w12·x12 + …), one line per kernel
 * row, a tap on the padding written as its name times 0 ("w11·0").
 */
export function symbolicConvFormula(
  p: Pick<ConvPayload, 'input' | 'kernel' | 'activation' | 'indexBase'> & Partial<Spacing>,
  r: number,
  c: number,
): string[] {
  const base = indexBaseOf(p);
  const name = (symbol: string, i: number, j: number) => `${symbol}${i + base}${j + base}`;
  const rows = new Map<number, string[]>();
  for (const t of convTaps(p.input.shape, p.kernel.shape, spacingOf(p), r, c)) {
    const term = `${name('w', ...t.at)}·${t.inside ? name('x', ...t.from) : '0'}`;
    rows.set(t.at[0], [...(rows.get(t.at[0]) ?? []), term]);
  }
  const s = ACTIVATIONS[p.activation].symbol;
  const lines = [...rows.values()].map((row) => row.join(' + '));
  return [`${name('a', r, c)} = ${s}(b`, ...lines.map((line) => `    + ${line}`), '  )'];
}

/**
 * δˡ(i,j) of a strided, padded or dilated convolution: Σ rot180(w)·δ̃ over the spread δ's taps that
 * hold a δ cell (the others are inserted or border zeros), as conv2dBackward's dx computes it. With
 * `channels` K, the sum runs over every channel of δˡ⁺¹ too (δ_k with its kernel plane w_k), written
 * channel by channel: the same taps in each, one partial sum each, then their total.
 */
export function spreadBackwardFormula(
  p: Pick<ConvBackwardPayload, 'delta' | 'kernel' | 'output' | 'indexBase' | 'channels'> & Partial<Spacing>,
  i: number,
  j: number,
): string[] {
  const at = namer(p);
  const spacing = spacingOf(p);
  const [kh, kw] = p.kernel.shape;
  const [dh, dw] = p.delta.shape;
  const depth = p.channels ?? 1;
  const spread = spreadDelta(p.delta.shape, p.output.shape, p.kernel.shape, spacing);
  const taps = gatherTaps(spread, p.kernel.shape, spacing, i, j).filter((t) => t.from);
  const partial = Array.from({ length: depth }, (_, k): Term[] =>
    taps.map((t) => ({
      weight: p.kernel.data[k * kh * kw + (kh - 1 - t.at[0]) * kw + (kw - 1 - t.at[1])],
      value: p.delta.data[k * dh * dw + t.from![0] * dw + t.from![1]],
      at: t.at,
      from: t.from!,
      channel: k,
    })),
  );
  const sums = partial.map((ts) => ts.reduce((acc, t) => acc + t.weight * t.value, 0));
  const gathered = taps.map((t) => `δˡ⁺¹${at(...t.from!)}`).join(', ');
  const what = isUnitSpacing(spacing) ? 'δˡ⁺¹' : 'δˡ⁺¹ spread with zeros';
  if (depth === 1)
    return [
      `δˡ${at(i, j)} = Σ rot180(w)·${what} (before ⊙ σ′)`,
      `  gathers ${taps.length} cell${taps.length === 1 ? '' : 's'}: ${gathered || 'none (only zeros)'}`,
      ...products(partial[0]).map((row, k) => `  ${k === 0 ? '=' : '+'} ${row}`),
      `  = ${formatValue(sums[0])}`,
    ];
  const base = indexBaseOf(p);
  return [
    `δˡ${at(i, j)} = Σ over ${depth} channels Σ rot180(w_k)·${what.replace('δˡ⁺¹', 'δ_k')} (before ⊙ σ′)`,
    `  gathers ${taps.length} cell${taps.length === 1 ? '' : 's'} of each channel: ${gathered || 'none (only zeros)'}`,
    ...partial.flatMap((ts, k) => {
      const rows = products(ts);
      const head = `  + channel ${k + base}: `;
      const pad = ' '.repeat(head.length);
      if (rows.length === 0) return [`${head}0`];
      return [...rows.map((row, n) => `${n === 0 ? head : `${pad}+ `}${row}`), `${pad}= ${formatValue(sums[k])}`];
    }),
    `  = ${sums.map((v) => factor(v)).join(' + ')} = ${formatValue(sums.reduce((a, b) => a + b, 0))}`,
  ];
}

/**
 * y(r,c) of a pooling window with any stride, padding, dilation or ceil mode: the max over its taps
 * inside x (padding is −∞), or their sum over the count of taps inside x or its padding (PyTorch's
 * count_include_pad; a ceil-mode window's taps past the padding are not counted), as maxPool2d and avgPool2d.
 */
export function spacedPoolFormula(
  p: Pick<PoolPayload, 'mode' | 'size' | 'input' | 'output' | 'argmax' | 'indexBase'>,
  s: Spacing,
  r: number,
  c: number,
): string[] {
  const at = namer(p);
  const [h, w] = p.input.shape;
  const taps = convTaps(p.input.shape, p.size, s, r, c);
  const inside = taps.filter((t) => t.inside);
  const values = inside.map((t) => p.input.data[t.from[0] * w + t.from[1]]);
  const cells = inside.map((t) => `x${at(...t.from)}`).join(', ');
  if (p.mode === 'max') {
    const best = Math.max(...values);
    const index = p.argmax?.[r * p.output.shape[1] + c];
    const where = index === undefined ? '' : ` at x${at(Math.floor(index / w), index % w)}`;
    return [
      `y${at(r, c)} = max over ${inside.length} of ${taps.length} taps (${cells})`,
      `  = max(${values.map((v) => formatValue(v)).join(', ')}) = ${formatValue(best)}${where}`,
    ];
  }
  const counted = countedTaps(taps, p.input.shape, s);
  const sum = values.reduce((a, b) => a + b, 0);
  return [
    `y${at(r, c)} = (${values.map((v) => formatValue(v)).join(' + ')}) / ${counted}`,
    `  ${inside.length} taps in x, ${counted - inside.length} on padding counted, ${taps.length - counted} past it not counted`,
    `  = ${formatValue(sum / counted)}`,
  ];
}
