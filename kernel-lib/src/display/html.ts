const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** What the static HTML figure shows; every string is escaped, except `valuesHtml`, which is built escaped. */
export interface FigureParts {
  /** The description over the picture. */
  caption: string;
  pngBase64: string;
  alt: string;
  notice?: string;
  /** Text under the picture, kept as written (the sum of a linked view at its position). */
  sum?: string;
  /** Escaped HTML of the value tables under the picture. */
  valuesHtml?: string;
}

/** The static HTML fallback: an escaped caption (and notice) over the PNG picture, then the written-out sum and the value tables. */
export function figureHtml({ caption, pngBase64, alt, notice, sum, valuesHtml }: FigureParts): string {
  const note = notice ? `<div class="convlab-notice" style="font-family:monospace;color:#8a5a00">${escapeHtml(notice)}</div>` : '';
  const written = sum ? `<pre class="convlab-sum" style="font-family:monospace;margin:4px 0">${escapeHtml(sum)}</pre>` : '';
  return (
    `<figure class="convlab-fallback" style="margin:0">` +
    `<figcaption style="font-family:monospace">${escapeHtml(caption)}</figcaption>${note}` +
    `<img alt="${escapeHtml(alt)}" src="data:image/png;base64,${pngBase64}"/>${written}${valuesHtml ?? ''}` +
    `</figure>`
  );
}
