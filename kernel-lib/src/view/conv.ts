import type { ConvBackwardPayload, ConvPayload } from '../contract';
import { type Room, emptyScene, widthOf } from './build';
import { describePayload } from './describe';
import { convBackwardFormula, convFormula, symbolicConvFormula } from './formulas';
import { convTaps, gatherTaps, isUnitSpacing, paddingOnlyCells, spacingOf, spreadDelta, unreadCells } from './windows';
import { ACTIVATIONS, convBackwardTerms, formatValue, rotated } from './geometry';
import { cellName, focusOf, indexBaseOf } from './labels';
import { MAX_CELL, MIN_LINKED_CELL, type PanelSpec, ROW_HEIGHT, fitPanels, heatPanel, placePanels, scaleOf } from './panels';
import type { Frame, Linking, Scene } from './scene';
import { panelLabels } from './values';

/** A focus frame around cells [r0..r1] x [c0..c1] of a rows x cols panel, clipped to it (none if nothing is left). */
export function frameOf(panel: number, [rows, cols]: readonly number[], r0: number, c0: number, r1: number, c1: number): Frame[] {
  const [top, left, bottom, right] = [Math.max(0, r0), Math.max(0, c0), Math.min(rows - 1, r1), Math.min(cols - 1, c1)];
  return top > bottom || left > right ? [] : [{ panel, r0: top, c0: left, r1: bottom, c1: right, style: 'focus' }];
}

/**
 * Rows of panels (one row per channel) and a last panel, the result, beside the first row or, when
 * the cells would get too small, under all the rows. Panels in order: the rows', then the result.
 */
function besideOrUnder(rows: PanelSpec[][], last: PanelSpec, room: Room): { specs: PanelSpec[]; cell: number } {
  const panels = rows.flatMap((row, r) => row.map((spec) => ({ ...spec, row: r })));
  return fitPanels(
    [
      [...panels, { ...last, row: 0 }],
      [...panels, { ...last, row: rows.length }],
    ],
    {
      width: widthOf(room),
      max: MAX_CELL,
      min: MIN_LINKED_CELL,
      rowHeight: ROW_HEIGHT,
    },
  );
}

/** The linking of a view whose positions are the cells of its `panel`-th panel, rows x cols. */
function cellLinking(
  panel: number,
  [rows, cols]: readonly number[],
  initial: readonly number[],
  noun: string,
  focus: Linking['focus'],
): Linking {
  return {
    count: rows * cols,
    position: initial[0] * cols + initial[1],
    noun,
    columns: cols,
    positionAt: (at, r, c) => (at === panel && r >= 0 && r < rows && c >= 0 && c < cols ? r * cols + c : undefined),
    focus,
  };
}

/** What a forward conv view lays out: the sizes, the spacing, x inside its padding (numbered from base − top), σ's symbol. */
function convLayout(p: ConvPayload) {
  const [h, w] = p.input.shape;
  const [kh, kw] = p.kernel.shape;
  const [oh, ow] = p.output.shape;
  const base = indexBaseOf(p);
  const spacing = spacingOf(p);
  const [[top, bottom], [left, right]] = spacing.padding;
  const padded = { rows: h + top + bottom, cols: w + left + right };
  return {
    h,
    w,
    kh,
    kw,
    oh,
    ow,
    base,
    spacing,
    top,
    bottom,
    left,
    right,
    padded,
    rowBase: base - top,
    colBase: base - left,
    s0: ACTIVATIONS[p.activation].symbol,
  };
}

/** Output (r, c)'s window in a panel of padded x: one frame, or one per tap when the kernel is dilated. */
function windowFrames(p: ConvPayload, panel: number, r: number, c: number): Frame[] {
  const { spacing, top, left, padded } = convLayout(p);
  const taps = convTaps(p.input.shape, p.kernel.shape, spacing, r, c).map((t) => [t.from[0] + top, t.from[1] + left] as const);
  const dense = spacing.dilation[0] === 1 && spacing.dilation[1] === 1;
  return dense
    ? frameOf(panel, [padded.rows, padded.cols], taps[0][0], taps[0][1], taps[taps.length - 1][0], taps[taps.length - 1][1])
    : taps.flatMap(([i, j]) => frameOf(panel, [padded.rows, padded.cols], i, j, i, j));
}

/**
 * The linked forward view: input x, kernel w and output a = σ(b + x ⋆ w). Position (r, c) frames the
 * receptive field x[r..r+kh−1][c..c+kw−1], the kernel and a(r, c), and writes the sum out. With a
 * spacing (`windows.ts`), x is drawn inside its zero padding (a dotted outline around x, each zero
 * written), a dilated kernel's taps are framed one by one, and the input cells no window reads and
 * the output cells whose window reads only padding are greyed.
 */
export function convScene(p: ConvPayload, room: Room, position?: number): Scene {
  if ((p.channels ?? 1) > 1) return channelsConvScene(p, room, position);
  const { h, w, kh, kw, oh, ow, base, spacing, top, bottom, left, right, padded, rowBase, colBase, s0 } = convLayout(p);
  const { specs, cell } = besideOrUnder(
    [
      [
        {
          rows: padded.rows,
          cols: padded.cols,
          title: `input x (${h}x${w})${top + bottom + left + right ? ' padded with zeros' : ''}`,
          base: rowBase,
          colBase,
        },
        { rows: kh, cols: kw, title: '', base },
      ],
    ],
    { rows: oh, cols: ow, title: `output a = ${s0 ? `${s0}(z)` : 'z'} (${oh}x${ow})`, base },
    room,
  );
  // A narrow kernel panel keeps the bias in its title: the longest form that fits (about 6.5 pixels a character).
  const bias = formatValue(p.bias);
  const titles = [`kernel w, b = ${bias}`, `w, b = ${bias}`, `b = ${bias}`];
  specs[1] = { ...specs[1], title: titles.find((t) => t.length * 6.5 <= kw * cell + 32) ?? titles[2] };
  const placed = placePanels(specs, cell);
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  const inside = (r: number, c: number) => r >= top && r < top + h && c >= left && c < left + w;
  const values: Array<number | null> = [];
  for (let r = 0; r < padded.rows; r++)
    for (let c = 0; c < padded.cols; c++) values.push(inside(r, c) ? p.input.data[(r - top) * w + c - left] : 0);
  const named = (symbol: string, rows: number, cols: number, r0 = 0, c0 = 0) =>
    Array.from({ length: rows * cols }, (_, i) => `${symbol}${Math.floor(i / cols) + r0 + base}${(i % cols) + c0 + base}`);
  const inputPanel = heatPanel(placed.boxes[0], {
    rows: padded.rows,
    cols: padded.cols,
    values,
    scale: scaleOf(p.input.data),
    base: rowBase,
    colBase,
    symbol: 'x',
    writeShape: p.input.shape,
    ...(p.symbols ? { names: named('x', padded.rows, padded.cols, -top, -left) } : {}),
  });
  s.panels.push(
    inputPanel,
    heatPanel(placed.boxes[1], {
      title: titles[0],
      rows: kh,
      cols: kw,
      values: p.kernel.data,
      scale: scaleOf(p.kernel.data, 'diverging'),
      base,
      symbol: 'w',
      names: named('w', kh, kw),
    }),
    heatPanel(placed.boxes[2], {
      rows: oh,
      cols: ow,
      values: p.output.data,
      scale: scaleOf(p.output.data),
      base,
      symbol: 'a',
      ...(p.symbols ? { names: named('a', oh, ow) } : {}),
    }),
  );
  if (padded.rows > h || padded.cols > w)
    s.frames.push({ panel: 0, r0: top, c0: left, r1: top + h - 1, c1: left + w - 1, style: 'dotted' });
  for (const [r, c] of unreadCells(p.input.shape, p.kernel.shape, spacing))
    s.frames.push({ panel: 0, r0: r + top, c0: c + left, r1: r + top, c1: c + left, style: 'grey' });
  for (const [r, c] of paddingOnlyCells(p.input.shape, p.kernel.shape, spacing))
    s.frames.push({ panel: 2, r0: r, c0: c, r1: r, c1: c, style: 'grey' });
  s.linking = cellLinking(2, p.output.shape, focusOf(p), 'output cell', (at) => {
    const [r, c] = [Math.floor(at / ow), at % ow];
    const window = windowFrames(p, 0, r, c);
    return {
      frames: [...window, ...frameOf(1, p.kernel.shape, 0, 0, kh - 1, kw - 1), ...frameOf(2, p.output.shape, r, c, r, c)],
      sum: p.symbols ? [...symbolicConvFormula(p, r, c), ...convFormula(p, r, c)] : convFormula(p, r, c),
      label: `${r + base},${c + base}`,
    };
  });
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}

/**
 * The forward view over C input channels: one row per channel with x_k (inside its zero padding)
 * and its kernel w_k, the output a = σ(b + Σ_k x_k ⋆ w_k) beside the first row (or under the rows
 * when narrow). Position (r, c) frames the same window in every channel and every kernel, and writes
 * each channel's partial sum, then their total with the bias.
 */
function channelsConvScene(p: ConvPayload, room: Room, position?: number): Scene {
  const depth = p.channels ?? 1;
  const { h, w, kh, kw, oh, ow, base, spacing, top, bottom, left, right, padded, rowBase, colBase, s0 } = convLayout(p);
  const rows = Array.from({ length: depth }, (_, k): PanelSpec[] => [
    { rows: padded.rows, cols: padded.cols, title: `channel ${k + base}: x${k + base} (${h}x${w})`, base: rowBase, colBase },
    { rows: kh, cols: kw, title: `w${k + base}`, base },
  ]);
  // Panels in order: x_1, w_1, …, x_C, w_C, a (panel 2k is x_k, 2k + 1 is w_k, 2C is a).
  const { specs, cell } = besideOrUnder(
    rows,
    { rows: oh, cols: ow, title: `a = ${s0 ? `${s0}(z)` : 'z'} (${oh}x${ow}), b = ${formatValue(p.bias)}`, base },
    room,
  );
  const placed = placePanels(specs, cell);
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  const inputScale = scaleOf(p.input.data);
  const kernelScale = scaleOf(p.kernel.data, 'diverging');
  const inside = (r: number, c: number) => r >= top && r < top + h && c >= left && c < left + w;
  for (let k = 0; k < depth; k++) {
    const values: Array<number | null> = [];
    for (let r = 0; r < padded.rows; r++)
      for (let c = 0; c < padded.cols; c++) values.push(inside(r, c) ? p.input.data[k * h * w + (r - top) * w + c - left] : 0);
    s.panels.push(
      heatPanel(placed.boxes[2 * k], {
        rows: padded.rows,
        cols: padded.cols,
        values,
        scale: inputScale,
        base: rowBase,
        colBase,
        symbol: `x${k + base}`,
        writeShape: p.input.shape,
      }),
      heatPanel(placed.boxes[2 * k + 1], {
        rows: kh,
        cols: kw,
        values: p.kernel.data.slice(k * kh * kw, (k + 1) * kh * kw),
        scale: kernelScale,
        base,
        symbol: `w${k + base}`,
      }),
    );
    if (padded.rows > h || padded.cols > w)
      s.frames.push({ panel: 2 * k, r0: top, c0: left, r1: top + h - 1, c1: left + w - 1, style: 'dotted' });
    for (const [r, c] of unreadCells(p.input.shape, p.kernel.shape, spacing))
      s.frames.push({ panel: 2 * k, r0: r + top, c0: c + left, r1: r + top, c1: c + left, style: 'grey' });
  }
  const output = 2 * depth;
  s.panels.push(
    heatPanel(placed.boxes[output], { rows: oh, cols: ow, values: p.output.data, scale: scaleOf(p.output.data), base, symbol: 'a' }),
  );
  for (const [r, c] of paddingOnlyCells(p.input.shape, p.kernel.shape, spacing))
    s.frames.push({ panel: output, r0: r, c0: c, r1: r, c1: c, style: 'grey' });
  s.linking = cellLinking(output, p.output.shape, focusOf(p), 'output cell', (at) => {
    const [r, c] = [Math.floor(at / ow), at % ow];
    const window = (panel: number) => windowFrames(p, panel, r, c);
    return {
      frames: [
        ...Array.from({ length: depth }, (_, k) => [...window(2 * k), ...frameOf(2 * k + 1, p.kernel.shape, 0, 0, kh - 1, kw - 1)]).flat(),
        ...frameOf(output, p.output.shape, r, c, r, c),
      ],
      sum: convFormula(p, r, c),
      label: `${r + base},${c + base}`,
    };
  });
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}

/**
 * The linked backward view: δˡ⁺¹ drawn inside its zero padding (as 'full' mode pads it), the kernel
 * turned by 180°, and δˡ. Position (i, j) frames the window of δˡ⁺¹ that δˡ(i, j) gathers from, greys
 * the rotated weights that meet only padding, and frames δˡ(i, j).
 */
export function convBackwardScene(p: ConvBackwardPayload, room: Room, position?: number): Scene {
  if (!isUnitSpacing(spacingOf(p)) || (p.channels ?? 1) > 1) return spreadBackwardScene(p, room, position);
  const [dh, dw] = p.delta.shape;
  const [kh, kw] = p.kernel.shape;
  const [h, w] = p.output.shape;
  const base = indexBaseOf(p);
  const padded = { rows: dh + 2 * (kh - 1), cols: dw + 2 * (kw - 1) };
  // δˡ⁺¹ keeps its own numbering; the padding around it gets the numbers before and after.
  const [rowBase, colBase] = [base - (kh - 1), base - (kw - 1)];
  const { specs, cell } = besideOrUnder(
    [
      [
        { rows: padded.rows, cols: padded.cols, title: `δˡ⁺¹ (${dh}x${dw}) padded with zeros`, base: rowBase, colBase },
        { rows: kh, cols: kw, title: 'rot180(w)', base },
      ],
    ],
    { rows: h, cols: w, title: `δˡ (${h}x${w})`, base },
    room,
  );
  const placed = placePanels(specs, cell);
  const signed = scaleOf([...p.delta.data, ...p.output.data], 'diverging');
  const values: Array<number | null> = [];
  for (let r = 0; r < padded.rows; r++) {
    for (let c = 0; c < padded.cols; c++) {
      const [i, j] = [r - (kh - 1), c - (kw - 1)];
      values.push(i >= 0 && i < dh && j >= 0 && j < dw ? p.delta.data[i * dw + j] : null);
    }
  }
  const rot = rotated(p.kernel);
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  // δˡ⁺¹'s values are written when δˡ⁺¹ itself is small enough ('auto'), not its padded panel.
  const deltaPanel = heatPanel(placed.boxes[0], {
    rows: padded.rows,
    cols: padded.cols,
    values,
    scale: signed,
    base: rowBase,
    colBase,
    symbol: 'δˡ⁺¹',
    write: false,
  });
  const labels = panelLabels(p.delta, values, cell);
  const step = (n: number) => (n <= 16 ? 1 : 5);
  const ticks = (n: number, pad: number, first: number) =>
    Array.from({ length: n + 2 * pad }, (_, k) => first + k).filter((v) => (v - base) % step(n) === 0);
  s.panels.push(
    { ...deltaPanel, ...(labels ? { labels } : {}), ticks: { rows: ticks(dh, kh - 1, rowBase), cols: ticks(dw, kw - 1, colBase) } },
    heatPanel(placed.boxes[1], { rows: kh, cols: kw, values: rot.data, scale: scaleOf(rot.data, 'diverging'), base, symbol: 'rot180(w)' }),
    heatPanel(placed.boxes[2], { rows: h, cols: w, values: p.output.data, scale: signed, base, symbol: 'δˡ' }),
  );
  s.frames.push({ panel: 0, r0: kh - 1, c0: kw - 1, r1: kh - 2 + dh, c1: kw - 2 + dw, style: 'dotted' });
  s.linking = cellLinking(2, p.output.shape, focusOf(p), 'δˡ cell', (at) => {
    const [i, j] = [Math.floor(at / w), at % w];
    const used = new Set(convBackwardTerms(p, i, j).terms.map((t) => `${t.at[0]},${t.at[1]}`));
    const greyed: Frame[] = [];
    for (let a = 0; a < kh; a++)
      for (let b = 0; b < kw; b++) if (!used.has(`${a},${b}`)) greyed.push({ panel: 1, r0: a, c0: b, r1: a, c1: b, style: 'grey' });
    return {
      // In the padded panel, δˡ⁺¹(r, c) sits at (r + kh − 1, c + kw − 1): δˡ(i, j)'s window starts at δˡ⁺¹(i − kh + 1, j − kw + 1).
      frames: [
        ...greyed,
        ...frameOf(0, [padded.rows, padded.cols], i, j, i + kh - 1, j + kw - 1),
        ...frameOf(1, p.kernel.shape, 0, 0, kh - 1, kw - 1),
        ...frameOf(2, p.output.shape, i, j, i, j),
      ],
      sum: convBackwardFormula(p, i, j),
      label: `${i + base},${j + base}`,
    };
  });
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}

/**
 * The backward view of a strided, padded or dilated convolution: δˡ⁺¹ spread with s − 1 zeros
 * between its cells and d(k − 1) − padding around them (δ̃, `spreadDelta`), rot180(w), and δˡ.
 * Position (i, j) frames δ̃'s taps that δˡ(i, j) reads (one window, or tap by tap when dilated),
 * greys the rotated weights that meet only zeros, and writes the sum of the δ cells gathered.
 * With K channels of δˡ⁺¹, one row per channel (δ̃_k and rot180(w_k)) and δˡ beside the first row
 * (or under the rows when narrow): the same taps framed in every channel, and the sum per channel.
 */
function spreadBackwardScene(p: ConvBackwardPayload, room: Room, position?: number): Scene {
  const spacing = spacingOf(p);
  const depth = p.channels ?? 1;
  const [kh, kw] = p.kernel.shape;
  const [dh, dw] = p.delta.shape;
  const [h, w] = p.output.shape;
  const base = indexBaseOf(p);
  const spread = spreadDelta(p.delta.shape, p.output.shape, p.kernel.shape, spacing);
  const how = isUnitSpacing(spacing) ? 'padded with zeros' : 'spread with zeros';
  // Panels in order: δ̃_1, rot180(w_1), …, δ̃_K, rot180(w_K), δˡ (panel 2k is δ̃_k, 2k + 1 is rot180(w_k), 2K is δˡ).
  const rows = Array.from({ length: depth }, (_, k): PanelSpec[] => [
    {
      rows: spread.rows,
      cols: spread.cols,
      title: depth > 1 ? `channel ${k + base}: δˡ⁺¹ (${dh}x${dw}) ${how}` : `δˡ⁺¹ (${dh}x${dw}) ${how}`,
      base,
    },
    { rows: kh, cols: kw, title: depth > 1 ? `rot180(w${k + base})` : 'rot180(w)', base },
  ]);
  const { specs, cell } = besideOrUnder(
    rows,
    { rows: h, cols: w, title: depth > 1 ? `δˡ (${h}x${w}) = Σ over ${depth} channels` : `δˡ (${h}x${w})`, base },
    room,
  );
  const placed = placePanels(specs, cell);
  const signed = scaleOf([...p.delta.data, ...p.output.data], 'diverging');
  const s = emptyScene(placed.width, placed.height, describePayload(p));
  s.labels.push(...placed.titles);
  const [r0, c0] = spread.offset;
  for (let k = 0; k < depth; k++) {
    const values: number[] = [];
    const names: string[] = [];
    const channel = depth > 1 ? `channel ${k + base} ` : '';
    for (let q = 0; q < spread.rows; q++) {
      for (let u = 0; u < spread.cols; u++) {
        const from = spread.source(q, u);
        values.push(from ? p.delta.data[k * dh * dw + from[0] * dw + from[1]] : 0);
        names.push(from ? `${channel}δˡ⁺¹${cellName(from[0], from[1], base)}` : 'an inserted zero');
      }
    }
    const kernel = { shape: p.kernel.shape, data: p.kernel.data.slice(k * kh * kw, (k + 1) * kh * kw) };
    const rot = rotated(kernel);
    s.panels.push(
      heatPanel(placed.boxes[2 * k], {
        rows: spread.rows,
        cols: spread.cols,
        values,
        scale: signed,
        base,
        symbol: 'spread δˡ⁺¹',
        names,
        writeShape: p.delta.shape,
      }),
      heatPanel(placed.boxes[2 * k + 1], {
        rows: kh,
        cols: kw,
        values: rot.data,
        scale: scaleOf(rot.data, 'diverging'),
        base,
        symbol: depth > 1 ? `rot180(w${k + base})` : 'rot180(w)',
      }),
    );
    s.frames.push(
      ...frameOf(2 * k, [spread.rows, spread.cols], r0, c0, r0 + (dh - 1) * spacing.stride[0], c0 + (dw - 1) * spacing.stride[1]).map(
        (f) => ({ ...f, style: 'dotted' as const }),
      ),
    );
  }
  const output = 2 * depth;
  s.panels.push(heatPanel(placed.boxes[output], { rows: h, cols: w, values: p.output.data, scale: signed, base, symbol: 'δˡ' }));
  const dense = spacing.dilation[0] === 1 && spacing.dilation[1] === 1;
  s.linking = cellLinking(output, p.output.shape, focusOf(p), 'δˡ cell', (at) => {
    const [i, j] = [Math.floor(at / w), at % w];
    const taps = gatherTaps(spread, p.kernel.shape, spacing, i, j);
    const channel = (k: number): Frame[] => {
      const greyed: Frame[] = taps
        .filter((t) => !t.from)
        .map((t) => ({ panel: 2 * k + 1, r0: t.at[0], c0: t.at[1], r1: t.at[0], c1: t.at[1], style: 'grey' }));
      const window = dense
        ? frameOf(2 * k, [spread.rows, spread.cols], i, j, i + kh - 1, j + kw - 1)
        : taps.flatMap((t) => frameOf(2 * k, [spread.rows, spread.cols], t.spread[0], t.spread[1], t.spread[0], t.spread[1]));
      return [...greyed, ...window, ...frameOf(2 * k + 1, p.kernel.shape, 0, 0, kh - 1, kw - 1)];
    };
    return {
      frames: [...Array.from({ length: depth }, (_, k) => channel(k)).flat(), ...frameOf(output, p.output.shape, i, j, i, j)],
      sum: convBackwardFormula(p, i, j),
      label: `${i + base},${j + base}`,
    };
  });
  s.focus = s.linking.focus(position ?? s.linking.position);
  return s;
}
