/**
 * The static backends, shared by the library and the extension: a view's description written as a
 * defensive SVG string (which the PNG renders and the HTML inlines), as HTML that needs no
 * JavaScript, and as text. Pure, like the view model they read.
 */
export { MAX_INLINE_SVG, staticParts } from './fallbacks';
export type { StaticParts } from './fallbacks';
export { sceneSvg, inlineSvg, escapeXml } from './svg';
export type { SvgOptions } from './svg';
export { figureHtml } from './html';
export { payloadText, matrixText } from './text';
