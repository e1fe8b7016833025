import type { Payload } from '../contract';
import { type Panel, describeView } from '../view';
import { figureHtml } from './html';
import { inlineSvg, sceneSvg } from './svg';
import { payloadText } from './text';

/**
 * Largest inline SVG the HTML fallback carries (characters). A larger picture (a big map, many
 * maps) is left to the PNG alone: the bundle never holds the picture twice.
 */
export const MAX_INLINE_SVG = 32 * 1024;

/** The static fallbacks of a payload before the PNG: the SVG it is rendered from, the text, and the HTML when the picture is small enough to inline. */
export interface StaticParts {
  /** The whole picture (with the notice and a linked view's sum), which the PNG renders. */
  svg: string;
  'text/plain': string;
  'text/html'?: string;
}

/**
 * The static fallbacks of a payload, all drawn from its one description (`describeView`): the
 * SVG (rendered to the PNG, and inlined in the HTML when small enough), the sum of a linked view at
 * its position, and the text. Pure: the library sends them with every view, and the page writes
 * them anew for the setting an explorer is left on. `cellsImage` draws a panel's cells as one
 * element (the library's PNG draws them as an embedded picture).
 */
export function staticParts(payload: Payload, options: { cellsImage?: (panel: Panel) => string } = {}): StaticParts {
  const scene = describeView(payload);
  const out: StaticParts = {
    svg: sceneSvg(scene, { notice: payload.notice, cellsImage: options.cellsImage }),
    'text/plain': payloadText(payload, scene),
  };
  // The HTML writes the notice and the sum as text around the picture, so its SVG leaves them out.
  const svg = inlineSvg(scene, MAX_INLINE_SVG);
  if (svg !== undefined)
    out['text/html'] = figureHtml({ caption: scene.alt, svg, notice: payload.notice, sum: scene.focus?.sum.join('\n') });
  return out;
}
