import { escapeXml } from './svg';

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = escapeXml;

/** What the static HTML figure shows; every string is escaped, the SVG is built escaped by `sceneSvg`. */
export interface FigureParts {
  /** The description over the picture (also its aria-label). */
  caption: string;
  svg: string;
  notice?: string;
  /** Text under the picture, kept as written (the sum of a linked view at its position). */
  sum?: string;
}

/**
 * The static HTML fallback: an escaped caption (and notice) over the picture as inline SVG, which
 * carries the values written in its cells as text, then the written-out sum as selectable text.
 */
export function figureHtml({ caption, svg, notice, sum }: FigureParts): string {
  const note = notice ? `<div class="convlab-notice" style="font-family:monospace;color:#8a5a00">${escapeHtml(notice)}</div>` : '';
  const written = sum ? `<pre class="convlab-sum" style="font-family:monospace;margin:4px 0">${escapeHtml(sum)}</pre>` : '';
  return (
    `<figure class="convlab-fallback" style="margin:0">` +
    `<figcaption style="font-family:monospace">${escapeHtml(caption)}</figcaption>${note}` +
    `<div role="img" aria-label="${escapeHtml(caption)}" style="max-width:100%;overflow-x:auto">${svg}</div>${written}` +
    `</figure>`
  );
}
