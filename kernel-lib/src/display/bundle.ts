import { MIME_TYPE, type Payload, describePayload, validatePayload } from '../contract';
import type { Tensor } from '../tensor';
import { assert } from '../assert';
import { figureHtml } from './html';
import { payloadPng } from './picture';
import { focusFormula, payloadText } from './text';
import { matrixPayload } from './payloads';
import { valueTablesHtml } from './tables';

/**
 * One display_data bundle. A view carries convlab's JSON with PNG, HTML and text fallbacks for every
 * other front end; a formula carries text/latex and text/plain.
 */
export interface MimeBundle {
  [MIME_TYPE]?: Payload;
  'image/png'?: string;
  'text/html'?: string;
  'text/latex'?: string;
  'text/plain': string;
}

/**
 * The bundle of a view: the payload, checked against the contract (so the library never sends what
 * the extension would refuse), its PNG picture, an escaped HTML figure (the picture, the sum of a
 * linked view at its first position, and tables of the values the plot writes in its cells) and the
 * text fallback.
 *
 * @example
 * payloadBundle({ version: 1, kind: 'matrix', title: 'k', shape: [1, 2], data: [1, 2] })['text/plain'];
 */
export function payloadBundle(payload: Payload): MimeBundle {
  const check = validatePayload(payload);
  assert(check.ok, () => `display: the ${payload.kind} view is not a valid payload: ${check.ok ? '' : check.message}`, TypeError);
  const png = payloadPng(payload);
  return {
    [MIME_TYPE]: payload,
    'image/png': png,
    'text/html': figureHtml({
      caption: describePayload(payload),
      pngBase64: png,
      alt: payload.title,
      notice: payload.notice,
      sum: focusFormula(payload),
      valuesHtml: valueTablesHtml(payload),
    }),
    'text/plain': payloadText(payload),
  };
}

/** The bundle that shows a tensor as a matrix heatmap (leading axes of size 1 are dropped). */
export function matrixBundle(t: Tensor, title: string): MimeBundle {
  return payloadBundle(matrixPayload('show', t, { title }));
}
