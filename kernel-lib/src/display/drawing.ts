import { assert, fmtShape } from '../assert';
import { DIGIT_PIXELS, type DrawingPayload, decodeDigit, encodeDigit } from '../contract';
import type { Sequential } from '../nn/Sequential';
import { Tensor } from '../tensor';
import { payloadBundle } from './bundle';
import { emit, type EmitOptions } from './channel';
import { drawingModel } from './drawingModel';

export interface DrawDigitOptions extends EmitOptions {
  title?: string;
  /** The drawing shown first: a [1, 1, 28, 28] (or [28, 28]) Tensor in [0, 1], or a 'digit28:…' encoding. Default empty. */
  pixels?: Tensor | string;
}

/**
 * The copyable encoding of a 28x28 digit (what the drawing view prints under the pad):
 * 'digit28:' + base64 of the 784 pixels as bytes round(255·v), v clamped to [0, 1], row-major.
 *
 * @example
 * cl.drawingEncoding(cl.zeros([1, 1, 28, 28])); // 'digit28:AAAA…'
 */
export function drawingEncoding(t: Tensor): string {
  assert(t instanceof Tensor, () => `drawingEncoding: the digit must be a Tensor, got ${typeof t}`, TypeError);
  assert(t.size === DIGIT_PIXELS, () => `drawingEncoding: the digit must hold 28x28 = 784 pixels, got ${fmtShape(t.shape)}`);
  assert(t.data.every(Number.isFinite), () => 'drawingEncoding: the digit must hold finite numbers, got NaN or ±Infinity');
  return encodeDigit(t.data);
}

/**
 * A drawing read back from its encoding (copied from the drawing view): the digit as the model saw
 * it, a [1, 1, 28, 28] Tensor of byte / 255 values, so `model.forward(cl.drawing(code))` gives the
 * probabilities the view showed.
 *
 * @example
 * const x = cl.drawing('digit28:AAAA…'); // Tensor [1,1,28,28]
 */
export function drawing(encoding: string): Tensor {
  const digit = decodeDigit(encoding);
  assert(digit.pixels !== undefined, () => `drawing: ${digit.message ?? ''}`, TypeError);
  return new Tensor([1, 1, 28, 28], digit.pixels);
}

/** The drawing payload of a model (checked against the contract by payloadBundle). */
export function drawingPayload(op: string, model: Sequential, options: DrawDigitOptions = {}): DrawingPayload {
  const { pixels } = options;
  const payload: DrawingPayload = { version: 1, kind: 'drawing', title: options.title ?? 'Draw a digit', ...drawingModel(op, model) };
  if (pixels !== undefined) {
    if (typeof pixels === 'string') {
      const digit = decodeDigit(pixels);
      assert(digit.pixels !== undefined, () => `${op}: pixels: ${digit.message ?? ''}`, TypeError);
      payload.pixels = pixels.trim();
    } else payload.pixels = drawingEncoding(pixels);
  }
  return payload;
}

/**
 * Draw a digit: a pad where you draw with the mouse (or a finger) and the model answers as the
 * stroke is drawn: the 28x28 input it sees (the stroke scaled into 20x20 and centred by its centre
 * of mass, as MNIST's digits are), every layer's feature maps and the 10 outputs as bars. The
 * weights travel as base64 float32 and the page runs the library's formulas (`runDrawing`). Under
 * the pad, the drawing's encoding: `cl.drawing(encoding)` gives it back as a [1, 1, 28, 28] Tensor.
 * Without the extension, the PNG shows the given (or empty) drawing with the model's answer.
 * Layers: Conv2D, ConvPool2D, MaxPool2D, AvgPool2D, Flatten, Dense, ending in 10 outputs.
 *
 * @example
 * cl.drawDigit(net, { title: 'draw a digit for the net' });
 */
export function drawDigit(model: Sequential, options: DrawDigitOptions = {}): void {
  emit(payloadBundle(drawingPayload('drawDigit', model, options)), options);
}
