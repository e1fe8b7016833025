import type { DrawingLayer, DrawingPayload } from '../contract';
import { type Room, emptyScene, titled, widthOf } from './build';
import { scaleOf } from './colour';
import { describePayload } from './describe';
import { type DrawingAnswer, drawingAnswer, givesProbabilities } from './drawing';
import { formatValue } from './geometry';
import { fitText, heatPanel } from './panels';
import type { Scene, ScaleSpec } from './scene';

/** Widest the drawing view gets; the left margin; pixels of an input cell; rows of the bars. */
const MAX_WIDTH = 860;
const LEFT = 16;
const INPUT_CELL = 6;
const BAR_ROW = 17;
const BAR_WIDTH = 220;
const HEADER = 22;
const GAP = 14;
const BAR_COLOUR = '#9ecae1';
const WINNER = '#08519c';

/** Where the page puts its drawing pad: the scene leaves this box free, left of the input. */
export const PAD = { x: LEFT, y: 40 + HEADER, size: 224 };

/** The colour range of a layer's maps: fixed by its activation where it is bounded, so colours do not jump while drawing. */
function layerScale(l: DrawingLayer, data: ArrayLike<number>, previous: ScaleSpec): ScaleSpec {
  const f = l.kind === 'conv' || l.kind === 'dense' ? l.activation : undefined;
  if (f === 'sigmoid' || f === 'softmax') return { kind: 'sequential', min: 0, max: 1 };
  if (f === 'tanh') return { kind: 'diverging', min: -1, max: 1 };
  if (l.kind === 'pool') return previous;
  return scaleOf(data);
}

/** Maps [C, H, W] (or a vector [n], as a block of rows) as one mosaic: maps side by side, wrapping, one empty cell between them. */
function mosaic(
  shape: number[],
  data: ArrayLike<number>,
  width: number,
): { rows: number; cols: number; values: Array<number | null>; cell: number } {
  const [C, H, W] = shape.length === 3 ? shape : [1, Math.ceil(shape[0] / Math.min(shape[0], 50)), Math.min(shape[0], 50)];
  const cell = Math.max(2, Math.min(6, Math.floor(width / (C * (W + 1)))));
  const across = Math.max(1, Math.min(C, Math.floor((width / cell + 1) / (W + 1))));
  const [rows, cols] = [Math.ceil(C / across) * (H + 1) - 1, across * (W + 1) - 1];
  const values = new Array<number | null>(rows * cols).fill(null);
  for (let m = 0; m < C; m++) {
    const [top, left] = [Math.floor(m / across) * (H + 1), (m % across) * (W + 1)];
    for (let r = 0; r < H; r++)
      for (let c = 0; c < W; c++) {
        const i = (m * H + r) * W + c;
        if (i < data.length) values[(top + r) * cols + left + c] = data[i];
      }
  }
  return { rows, cols, values, cell };
}

/**
 * The drawing view for a drawing (default: the payload's own, or an empty one): room for the pad
 * at the left (`PAD`), the 28x28 input the model sees, the 10 outputs as bars with the winner
 * dark, then every layer's maps (one mosaic per layer, on a range fixed by its activation, e.g.
 * [0, 1] for sigmoid) under a header naming the layer and its shape. `pad: false` (the static
 * pictures) leaves no room for the pad.
 */
export function drawingScene(p: DrawingPayload, room: Room & { pad?: boolean }, answer: DrawingAnswer = drawingAnswer(p)): Scene {
  const width = Math.min(MAX_WIDTH, widthOf(room));
  const top = 40;
  const inputX = room.pad === false ? LEFT : PAD.x + PAD.size + 24;
  const inputSide = 28 * INPUT_CELL;
  const barsX = inputX + inputSide + 36;
  const rowA = Math.max(room.pad === false ? 0 : PAD.size, inputSide, 10 * BAR_ROW) + HEADER;
  const stacked = barsX + 16 + BAR_WIDTH + 60 > width;
  const barsTop = stacked ? top + rowA + GAP : top;
  const bx = stacked ? inputX : barsX;
  const layerTop = barsTop + (stacked ? 10 * BAR_ROW + HEADER + GAP : rowA + GAP);
  const s = emptyScene(width, layerTop, describePayload(p));
  s.labels.push({
    x: inputX,
    y: top + HEADER - 6,
    text: `input 28x28 (prediction ${answer.prediction})`,
    size: 12,
    anchor: 'start',
    tone: 'ink',
  });
  const input = heatPanel(
    { x: inputX, y: top + HEADER, cell: INPUT_CELL },
    {
      rows: 28,
      cols: 28,
      values: Array.from(answer.input),
      scale: { kind: 'sequential', min: 0, max: 1 },
      base: 1,
      symbol: 'x',
      write: false,
    },
  );
  s.panels.push({ ...input, ticks: { rows: [], cols: [] } });
  const probabilities = givesProbabilities(p);
  const top10 = Math.max(1e-12, ...answer.scores.map(Math.abs));
  s.labels.push({
    x: bx,
    y: barsTop + HEADER - 6,
    text: probabilities ? 'probabilities (softmax)' : 'outputs',
    size: 12,
    anchor: 'start',
    tone: 'ink',
  });
  answer.scores.forEach((v, k) => {
    const y = barsTop + HEADER + k * BAR_ROW;
    const length = (probabilities ? Math.max(0, v) : Math.abs(v) / top10) * BAR_WIDTH;
    s.labels.push({ x: bx + 8, y: y + 12, text: String(k), size: 12, anchor: 'end', tone: 'ink' });
    s.boxes.push({ x: bx + 16, y: y + 2, width: BAR_WIDTH, height: BAR_ROW - 4, fill: '#f0f0f0' });
    s.boxes.push({ x: bx + 16, y: y + 2, width: length, height: BAR_ROW - 4, fill: k === answer.prediction ? WINNER : BAR_COLOUR });
    s.labels.push({
      x: bx + 20 + BAR_WIDTH,
      y: y + 12,
      text: formatValue(v, 3),
      size: 11,
      anchor: 'start',
      tone: k === answer.prediction ? 'ink' : 'muted',
    });
  });
  let y = layerTop;
  let scale: ScaleSpec = { kind: 'sequential', min: 0, max: 1 };
  p.layers.forEach((l, i) => {
    const out = answer.outputs[i];
    if (l.kind === 'flatten' || i === p.layers.length - 1) return;
    scale = layerScale(l, out.data, scale);
    const m = mosaic(out.shape, out.data, width - 2 * LEFT);
    const header = `layer ${i + 1} · ${l.name} → ${out.shape.join('x')}, colours ${formatValue(scale.min)} … ${formatValue(scale.max)}`;
    s.labels.push({ x: LEFT, y: y + HEADER - 6, size: 12, anchor: 'start', tone: 'ink', ...fitText(header, width - 2 * LEFT, 6.8) });
    const panel = heatPanel(
      { x: LEFT, y: y + HEADER, cell: m.cell },
      { rows: m.rows, cols: m.cols, values: m.values, scale, base: 1, symbol: `a${i + 1}`, write: false },
    );
    s.panels.push({ ...panel, ticks: { rows: [], cols: [] } });
    y += HEADER + m.rows * m.cell + GAP;
  });
  s.height = y + 8;
  return s;
}

/**
 * The page's drawing view: the scene with room for the pad, for the answer to what is drawn, with
 * the title written as describeView writes it (the pad sits over `padTop(scene)`).
 */
export function drawingView(p: DrawingPayload, room: Room, answer: DrawingAnswer): Scene {
  return titled(drawingScene(p, room, answer), p.title, room);
}

/** Where the pad's top goes in a drawing view: level with the input panel (lower when the title wraps). */
export const padTop = (s: Scene): number => s.panels[0]?.y ?? PAD.y;
