const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The static HTML fallback: an escaped caption (and notice) over the PNG picture. */
export function figureHtml(caption: string, pngBase64: string, alt: string, notice?: string): string {
  const note = notice ? `<div class="convlab-notice" style="font-family:monospace;color:#8a5a00">${escapeHtml(notice)}</div>` : '';
  return (
    `<figure class="convlab-fallback" style="margin:0">` +
    `<figcaption style="font-family:monospace">${escapeHtml(caption)}</figcaption>${note}` +
    `<img alt="${escapeHtml(alt)}" src="data:image/png;base64,${pngBase64}"/>` +
    `</figure>`
  );
}
