import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { describeView } from '../../../kernel-lib/src/view';
import { encodePng, fontFilesFor, svgToPng } from '../../../kernel-lib/src/display/png';
import { PNG } from 'pngjs';
import { sceneSvg } from '../../../kernel-lib/src/static/svg';
import { examples } from '../contract/examples';

const FULL = ['DejaVuSans.ttf', 'DejaVuSansMono.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));

/** The RGBA pixels of an SVG drawn with the given font files, as svgToPng draws it. */
function pixels(svg: string, fontFiles: string[]): Buffer {
  const options = { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans', monospaceFamily: 'DejaVu Sans Mono' };
  return Buffer.from(new Resvg(svg, { font: options, shapeRendering: 2, textRendering: 1 }).render().pixels);
}

describe('svgToPng: the font subsets draw what the whole DejaVu fonts draw', () => {
  // Ligatures (ff, fi), kerning, Greek, subscripts and the operators of the sums, in both fonts.
  const texts = ['difference of fine office → δˡ = ∂C/∂z', 'σ(b + Σ w₁₁·a₁₁) ≤ 0.5 × ⌊(i − k)/s⌋ + 1', 'ε ≈ 1e-12 ± 3°'];
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="140"><rect width="480" height="140" fill="#fff"/>' +
    texts.map((t, i) => `<text x="6" y="${24 + 22 * i}" font-size="15" font-family="DejaVu Sans">${t}</text>`).join('') +
    texts.map((t, i) => `<text x="6" y="${94 + 16 * i}" font-size="12" font-family="DejaVu Sans Mono">${t}</text>`).join('') +
    '</svg>';

  it('text of the views is drawn with the subsets, pixel for pixel as with the whole fonts', () => {
    const subset = fontFilesFor(svg);
    expect(subset).not.toEqual(FULL);
    expect(pixels(svg, subset).equals(pixels(svg, FULL))).toBe(true);
  });

  it('every example view is drawn with the subsets, pixel for pixel as with the whole fonts', () => {
    for (const p of Object.values(examples)) {
      const s = sceneSvg(describeView(p));
      expect(fontFilesFor(s), p.kind).not.toEqual(FULL);
      expect(pixels(s, fontFilesFor(s)).equals(pixels(s, FULL)), p.kind).toBe(true);
    }
  });

  it('a title with a character outside the subsets (Cyrillic, CJK) is drawn with the whole fonts', () => {
    for (const title of ['ядро 5x5', '卷积核']) {
      const s = svg.replace('difference', title);
      expect(fontFilesFor(s)).toEqual(FULL);
      expect(svgToPng(s).length).toBeGreaterThan(0);
    }
  });
});

describe('encodePng: the pixels resvg drew, as an RGB PNG that other decoders read back exactly', () => {
  it('pngjs decodes every example view to the pixels resvg drew (opaque: the alpha dropped is 255)', () => {
    for (const p of Object.values(examples)) {
      const svg = sceneSvg(describeView(p));
      const image = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: fontFilesFor(svg) } }).render();
      const decoded = PNG.sync.read(encodePng(image.width, image.height, image.pixels));
      expect([decoded.width, decoded.height], p.kind).toEqual([image.width, image.height]);
      expect(Buffer.from(decoded.data).equals(Buffer.from(image.pixels)), p.kind).toBe(true);
    }
  });

  it('a hand-made 2x1 picture: the header says 8-bit RGB, the pixels come back', () => {
    const png = encodePng(2, 1, Uint8Array.of(255, 0, 0, 255, 0, 128, 255, 255));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([2, 1, 8, 2]);
    expect(Array.from(PNG.sync.read(png).data)).toEqual([255, 0, 0, 255, 0, 128, 255, 255]);
  });

  it('refuses pixels that do not fill the size, naming the sizes', () => {
    expect(() => encodePng(2, 2, new Uint8Array(12))).toThrow('encodePng: 2x2 RGBA pixels are 16 bytes, got 12');
  });
});
