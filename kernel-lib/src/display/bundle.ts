import { MIME_TYPE, PAYLOAD_VERSION, type MatrixPayload } from '../contract';
import type { Tensor } from '../tensor';
import { assert, fmtShape } from '../assert';
import { figureHtml } from './html';
import { matrixPng } from './png';
import { formatValue, matrixText } from './text';

/** One display_data bundle: convlab's JSON view plus fallbacks for every other front end. */
export interface MimeBundle {
  [MIME_TYPE]: MatrixPayload;
  'image/png': string;
  'text/html': string;
  'text/plain': string;
}

/** The [rows, cols] of a tensor that is a matrix once its leading size-1 axes are dropped. */
export function matrixShape(op: string, t: Tensor): [number, number] {
  const shape = [...t.shape];
  while (shape.length > 2 && shape[0] === 1) shape.shift();
  if (shape.length === 1) shape.unshift(1);
  assert(
    shape.length === 2 && shape[0] > 0 && shape[1] > 0,
    () => `${op}: expected a non-empty matrix (leading axes of size 1 are dropped), got shape ${fmtShape(t.shape)}`,
  );
  return [shape[0], shape[1]];
}

/** Text describing a view for screen readers and captions: kind, shape, min and max. */
export function describe(kind: string, title: string, shape: readonly number[], data: ArrayLike<number>): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    lo = Math.min(lo, data[i]);
    hi = Math.max(hi, data[i]);
  }
  return `${kind} "${title}", shape ${shape.join('x')}, min ${formatValue(lo)}, max ${formatValue(hi)}`;
}

/** Builds the bundle that shows a tensor as a matrix heatmap. */
export function matrixBundle(t: Tensor, title: string): MimeBundle {
  const [rows, cols] = matrixShape('show', t);
  const png = matrixPng(rows, cols, t.data);
  const payload: MatrixPayload = {
    version: PAYLOAD_VERSION,
    kind: 'matrix',
    title,
    shape: [rows, cols],
    data: Array.from(t.data),
  };
  return {
    [MIME_TYPE]: payload,
    'image/png': png,
    'text/html': figureHtml(describe('matrix', title, [rows, cols], t.data), png, title),
    'text/plain': matrixText(title, rows, cols, t.data),
  };
}
