import { Resvg } from '@resvg/resvg-js';

/**
 * SVG → PNG with resvg (Rust, through its prebuilt npm binary: synchronous, as a display call
 * must be) and the DejaVu fonts of the dejavu-fonts-ttf package, loaded by path with no system
 * fonts: the same picture, byte for byte, on every machine. (A 256-colour palette would halve the
 * bytes, but quantising costs 200–800 ms a picture in JavaScript: too slow for a display call.)
 */
const FONTS = ['DejaVuSans.ttf', 'DejaVuSansMono.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));

/** The PNG of an SVG string, base64-encoded as display_data carries it. */
export function svgToPng(svg: string): string {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: FONTS,
      defaultFontFamily: 'DejaVu Sans',
      monospaceFamily: 'DejaVu Sans Mono',
      sansSerifFamily: 'DejaVu Sans',
    },
    shapeRendering: 2,
    textRendering: 1,
  });
  return Buffer.from(resvg.render().asPng()).toString('base64');
}
