import { MIME_TYPE, type Payload, packPayload, validatePayload } from '../contract';
import { describeView } from '../view';
import type { Tensor } from '../tensor';
import { assert } from '../assert';
import { figureHtml } from './html';
import { svgToPng } from './png';
import { inlineSvg, sceneSvg } from './svg';
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
 * Largest inline SVG the HTML fallback carries (characters). A larger picture (a big map, many
 * maps) is left to the PNG alone: the bundle never holds the picture twice.
 */
export const MAX_INLINE_SVG = 32 * 1024;

/**
 * The static fallbacks of a payload, all drawn from its one description (`describeView`): the
 * SVG (rendered to the PNG, and inlined in the HTML when small enough), the sum of a linked view at
 * its first position, and the text.
 */
export function staticFallbacks(payload: Payload): Omit<MimeBundle, typeof MIME_TYPE> {
  const scene = describeView(payload);
  const out: Omit<MimeBundle, typeof MIME_TYPE> = {
    'image/png': svgToPng(sceneSvg(scene, { notice: payload.notice, cellImages: true })),
    'text/plain': payloadText(payload, scene),
  };
  // The HTML writes the notice and the sum as text around the picture, so its SVG leaves them out.
  const svg = inlineSvg(scene, MAX_INLINE_SVG);
  if (svg !== undefined)
    out['text/html'] = figureHtml({ caption: scene.alt, svg, notice: payload.notice, sum: scene.focus?.sum.join('\n') });
  return out;
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
