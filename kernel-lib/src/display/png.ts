import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';

/**
 * SVG → pixels with resvg (Rust, through its prebuilt npm binary: synchronous, as a display call
 * must be) and the DejaVu fonts of the dejavu-fonts-ttf package, loaded by path with no system
 * fonts: the same pixels on every machine.
 *
 * The pixels are written as an RGB PNG by `encodePng` (zlib, no row filter): the pictures are flat
 * colours and text on an opaque white ground, which deflate compresses best unfiltered — 40 % fewer
 * bytes than resvg's own PNG (adaptive filters, RGBA) in the same time. A 256-colour palette would
 * shrink them 3–4x but quantising costs 150–400 ms a picture (libimagequant, @napi-rs/image) or is
 * asynchronous only (sharp): too slow for a display call.
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

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * zlib's level for a picture of `pixels`: 9 up to 400,000 pixels (most views, ≤ 10 ms more), 6
 * above, where level 9 costs 15–20 ms more a picture for 3–5 % fewer bytes and the 20-map grid
 * would pass its 50 ms budget. Measured over notebooks 00–09's pictures (base64): 2.79 MB all at
 * level 6, 2.64 MB with this rule, 2.55 MB all at level 9.
 */
export function deflateLevel(pixels: number): 6 | 9 {
  return pixels <= 400_000 ? 9 : 6;
}

/**
 * A PNG (8-bit RGB, filter type 0 on every row, zlib at `deflateLevel`) of opaque RGBA pixels, row-major:
 * the alpha channel is dropped, so it must be 255 everywhere (the pictures are drawn on white).
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4)
    throw new RangeError(`encodePng: ${width}x${height} RGBA pixels are ${width * height * 4} bytes, got ${rgba.length}`);
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height); // each row: filter byte 0, then R G B per pixel
  for (let y = 0; y < height; y++) {
    let o = y * stride + 1;
    for (let s = y * width * 4, end = s + width * 4; s < end; s += 4, o += 3) {
      raw[o] = rgba[s];
      raw[o + 1] = rgba[s + 1];
      raw[o + 2] = rgba[s + 2];
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter method 0, no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: deflateLevel(width * height) })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
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
  const image = resvg.render();
  return encodePng(image.width, image.height, image.pixels).toString('base64');
}
