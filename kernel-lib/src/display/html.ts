const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The static HTML fallback: an escaped caption over the PNG heatmap. */
export function figureHtml(caption: string, pngBase64: string, alt: string): string {
  return (
    `<figure class="convlab-fallback" style="margin:0">` +
    `<figcaption style="font-family:monospace">${escapeHtml(caption)}</figcaption>` +
    `<img alt="${escapeHtml(alt)}" src="data:image/png;base64,${pngBase64}"/>` +
    `</figure>`
  );
}
