import { MIME_TYPE, type Payload, packPayload, validatePayload } from '../contract';
import type { Tensor } from '../tensor';
import { assert } from '../assert';
import { svgToPng } from './png';
import { payloadText, staticParts } from '../static';
import { cellsImage } from './cellsImage';
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
 * The static fallbacks of a payload (`staticParts`, the same the page writes for an explorer's
 * setting), with the SVG rendered to the PNG.
 */
export function staticFallbacks(payload: Payload): Omit<MimeBundle, typeof MIME_TYPE> {
  const { svg, ...rest } = staticParts(payload, { cellsImage });
  return { 'image/png': svgToPng(svg), ...rest };
}

/**
 * The bundle of a view: the payload, checked against the contract (so the library never sends what
 * the extension would refuse), and its static fallbacks (`fallbacks: false`: the text alone).
 *
 * @example
 * payloadBundle({ version: 1, kind: 'matrix', title: 'k', shape: [1, 2], data: [1, 2] })['text/plain'];
 */
export function payloadBundle(payload: Payload, { fallbacks = true }: { fallbacks?: boolean } = {}): MimeBundle {
  const check = validatePayload(payload);
  assert(check.ok, () => `display: the ${payload.kind} view is not a valid payload: ${check.ok ? '' : check.message}`, TypeError);
  if (!fallbacks) return { [MIME_TYPE]: payload, 'text/plain': payloadText(payload) };
  return { [MIME_TYPE]: payload, ...staticFallbacks(payload) };
}

/**
 * The bundle as it travels to the kernel: the payload's long number arrays packed (`packPayload`:
 * lossless, a third of the notebook's size), the fallbacks as they are.
 */
export function wireBundle(bundle: MimeBundle): Record<string, unknown> {
  const payload = bundle[MIME_TYPE];
  return payload === undefined ? { ...bundle } : { ...bundle, [MIME_TYPE]: packPayload(payload) };
}

/** The bundle that shows a tensor as a matrix heatmap (leading axes of size 1 are dropped). */
export function matrixBundle(t: Tensor, title: string): MimeBundle {
  return payloadBundle(matrixPayload('show', t, { title }));
}
