import { MIME_TYPE, type Payload, describePayload, validatePayload } from '../contract';
import type { Tensor } from '../tensor';
import { assert } from '../assert';
import { figureHtml } from './html';
import { payloadPng } from './picture';
import { payloadText } from './text';
import { matrixPayload } from './payloads';

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
 * the extension would refuse), its PNG picture, an escaped HTML figure and the text fallback.
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
    'text/html': figureHtml(describePayload(payload), png, payload.title, payload.notice),
    'text/plain': payloadText(payload),
  };
}

/** The bundle that shows a tensor as a matrix heatmap (leading axes of size 1 are dropped). */
export function matrixBundle(t: Tensor, title: string): MimeBundle {
  return payloadBundle(matrixPayload('show', t, { title }));
}
