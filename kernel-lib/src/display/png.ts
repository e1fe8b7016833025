import { Resvg } from '@resvg/resvg-js';
import UPNG from '@pdf-lib/upng';

/**
 * SVG → PNG with resvg (Rust, through its prebuilt npm binary: synchronous, as a display call
 * must be) and the DejaVu fonts of the dejavu-fonts-ttf package, loaded by path with no system
 * fonts: the same picture, byte for byte, on every machine.
 */
const FONTS = ['DejaVuSans.ttf', 'DejaVuSansMono.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));

/**
 * Colours of the stored PNG. The pictures are flat fields of a colour map with anti-aliased text
 * and rings; UPNG's quantiser (deterministic) maps them to a 256-colour palette: about half the
 * bytes of resvg's own RGBA encoding on the lessons' pictures, with no visible change (every
 * printed value stays legible; the reference-picture tests compare within a small tolerance).
 */
export const PNG_COLOURS = 256;

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
  const image = resvg.render();
  const rgba = new Uint8Array(image.pixels);
  return Buffer.from(UPNG.encode([rgba.buffer], image.width, image.height, PNG_COLOURS)).toString('base64');
}
