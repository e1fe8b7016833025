import { describe, expect, it } from 'vitest';
import { fitText, glyph, textWidth } from '../../../kernel-lib/src/display/font';
import { Raster } from '../../../kernel-lib/src/display/raster';

describe('the pixel font', () => {
  it('has 5x7 glyphs with two rows of descenders, bit 4 the left column', () => {
    expect(glyph('I')).toEqual([0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e, 0, 0]);
    expect(glyph('g').slice(7)).toEqual([0x01, 0x0e]); // the descender
    expect(glyph('δ')).not.toEqual(glyph('?'));
  });

  it('draws a character it lacks as "?"', () => {
    expect(glyph('漢')).toEqual(glyph('?'));
  });

  it('measures 6 pixels a character less the last gap, and cuts text to a width with an ellipsis', () => {
    expect(textWidth('abc')).toBe(17);
    expect(textWidth('abc', 2)).toBe(34);
    expect(fitText('abcdef', 35)).toBe('abcdef');
    expect(fitText('abcdefgh', 35)).toBe('abcde…');
  });

  it('Raster.text sets exactly the glyph’s pixels', () => {
    const raster = new Raster(8, 10);
    raster.text(1, 1, 'I', [0, 0, 0]);
    const ink = (x: number, y: number) => raster.data[(y * 8 + x) * 4] === 0;
    expect([1, 2, 3, 4, 5].map((x) => ink(x, 1))).toEqual([false, true, true, true, false]); // the top bar 0x0e
    expect([1, 2, 3, 4, 5].map((x) => ink(x, 4))).toEqual([false, false, true, false, false]); // the stem 0x04
  });
});
