import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/**
 * SVG → PNG with resvg (Rust, through its prebuilt npm binary: synchronous, as a display call
 * must be) and the DejaVu fonts of the dejavu-fonts-ttf package, loaded by path with no system
 * fonts: the same picture, byte for byte, on every machine. (A 256-colour palette would halve the
 * bytes, but quantising costs 200–800 ms a picture in JavaScript: too slow for a display call.)
 *
 * resvg reads a font file again for every run of text it lays out, so the pictures are drawn with
 * subsets of the two fonts (kernel-lib/fonts, cut by `scripts/fonts.mjs` at build time: Latin,
 * Greek and the mathematical symbols, 124 + 81 KB instead of 739 + 333 KB, 5x faster on a map of
 * values); a picture with any character outside them is drawn with the whole fonts.
 */
const FULL = ['DejaVuSans.ttf', 'DejaVuSansMono.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
const SUBSET_DIR = join(__dirname, '..', '..', 'fonts');

let subset: { files: string[]; outside: RegExp } | undefined;

function subsetFonts(): { files: string[]; outside: RegExp } {
  if (subset) return subset;
  const files = ['DejaVuSans.ttf', 'DejaVuSansMono.ttf'].map((f) => join(SUBSET_DIR, f));
  const rangesFile = join(SUBSET_DIR, 'ranges.json');
  if (![...files, rangesFile].every((f) => existsSync(f)))
    throw new Error(`display: the static pictures' fonts are missing in ${SUBSET_DIR}: build convlab (npm run build, or npm run setup)`);
  const ranges = JSON.parse(readFileSync(rangesFile, 'utf8')) as [number, number][];
  const hex = (c: number): string => `\\u{${c.toString(16)}}`;
  const outside = new RegExp(`[^\\n\\r\\t${ranges.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('')}]`, 'u');
  return (subset = { files, outside });
}

/** The font files that draw an SVG: the subsets when they hold every character of it. */
export function fontFilesFor(svg: string): string[] {
  const { files, outside } = subsetFonts();
  return outside.test(svg) ? FULL : files;
}

/** The PNG of an SVG string, base64-encoded as display_data carries it. */
export function svgToPng(svg: string): string {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: fontFilesFor(svg),
      defaultFontFamily: 'DejaVu Sans',
      monospaceFamily: 'DejaVu Sans Mono',
      sansSerifFamily: 'DejaVu Sans',
    },
    shapeRendering: 2,
    textRendering: 1,
  });
  return Buffer.from(resvg.render().asPng()).toString('base64');
}
