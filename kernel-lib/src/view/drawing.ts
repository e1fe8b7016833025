import { DIGIT_PIXELS, type DrawingPayload, decodeDigit, encodeDigit } from '../contract';
import { decodeFloat32 } from '../portable/encoding';
import { type LayerOutput, runDrawing } from './drawingForward';
import { formatValue } from './geometry';

/**
 * What the drawing view shows for a drawing, shared by the page (on every stroke) and the static
 * fallbacks: the input, every layer's output and the answer.
 */
export interface DrawingAnswer {
  /** The 784 pixel values the model sees (byte / 255, as the encoding carries them). */
  input: Float64Array;
  /** Every layer's output; the last holds the 10 outputs. */
  outputs: LayerOutput[];
  /** The 10 outputs: probabilities when the last layer is a softmax. */
  scores: number[];
  /** The class with the largest output. */
  prediction: number;
  /** The drawing's encoding ('digit28:…'), for `cl.drawing`. */
  encoding: string;
}

/** The weights of a validated payload, decoded once per payload. */
const WEIGHTS = new WeakMap<DrawingPayload, Float32Array>();

export function drawingWeights(p: DrawingPayload): Float32Array {
  let w = WEIGHTS.get(p);
  if (!w) {
    w = decodeFloat32(p.weights);
    WEIGHTS.set(p, w);
  }
  return w;
}

/**
 * The model's answer to a drawing: the pixels (784 values in [0, 1], default the payload's own
 * drawing, else an empty one) quantised to bytes as the encoding carries them, then `runDrawing`.
 *
 * @example
 * drawingAnswer(payload).prediction; // the digit the model reads in the payload's drawing
 */
export function drawingAnswer(p: DrawingPayload, pixels?: ArrayLike<number>): DrawingAnswer {
  const encoding = encodeDigit(pixels ?? decodeDigit(p.pixels ?? '').pixels ?? new Float64Array(DIGIT_PIXELS));
  const input = decodeDigit(encoding).pixels as Float64Array;
  const outputs = runDrawing(p.layers, drawingWeights(p), input);
  const scores = Array.from(outputs[outputs.length - 1].data);
  const prediction = scores.reduce((best, v, i) => (v > scores[best] ? i : best), 0);
  return { input, outputs, scores, prediction, encoding };
}

/** Whether the outputs are probabilities (the last layer is a softmax). */
export const givesProbabilities = (p: DrawingPayload): boolean => {
  const last = p.layers[p.layers.length - 1];
  return last.kind === 'dense' && last.activation === 'softmax';
};

/** The text fallback's body: the layers, the answer to the drawing shown, and its encoding. */
export function drawingText(p: DrawingPayload): string {
  const a = drawingAnswer(p);
  const noun = givesProbabilities(p) ? 'probabilities' : 'outputs';
  return [
    `layers: ${p.layers.map((l) => l.name).join(' → ')}`,
    `prediction ${a.prediction}; ${noun}: ${a.scores.map((v, i) => `${i}: ${formatValue(v)}`).join(', ')}`,
    `drawing: ${a.encoding}`,
  ].join('\n');
}
