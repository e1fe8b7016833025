/**
 * A 5x7 pixel font (with two rows of descenders) for the few words the PNG fallbacks write: titles,
 * axis values, legends. Each glyph is its rows top to bottom, two hex digits a row, bit 4 the left
 * column. Printable ASCII and the symbols convlab's own labels use; anything else draws as '?'.
 * The data is long for a source file because a font is data; it has no logic to review.
 */
const GLYPHS: Record<string, string> = {
  ' ': '00000000000000', '!': '04040404040004', '"': '0a0a0000000000', '#': '0a0a1f0a1f0a0a', $: '040f140e051e04',
  '%': '18190204081303', '&': '0c12140815120d', "'": '04040800000000', '(': '02040808080402', ')': '08040202020408',
  '*': '0004150e150400', '+': '0004041f040400', ',': '0000000000000c0c0408', '-': '0000000e000000', '.': '00000000000c0c',
  '/': '01010204081010', ':': '000c0c000c0c00', ';': '000c0c000c0c0408', '<': '02040810080402', '=': '00001f001f0000',
  '>': '08040201020408', '?': '0e110102040004', '@': '0e11010d15150e', '[': '0e08080808080e', '\\': '10100804020101',
  ']': '0e02020202020e', '^': '040a1100000000', _: '0000000000001f', '`': '08040200000000', '{': '02040408040402',
  '|': '04040404040404', '}': '08040402040408', '~': '0000081502000000',
  '0': '0e11131519110e', '1': '040c040404040e', '2': '0e11010204081f', '3': '1f02040201110e', '4': '02060a121f0202',
  '5': '1f101e0101110e', '6': '0608101e11110e', '7': '1f010204080808', '8': '0e11110e11110e', '9': '0e11110f01020c',
  A: '0e1111111f1111', B: '1e11111e11111e', C: '0e11101010110e', D: '1c12111111121c', E: '1f10101e10101f',
  F: '1f10101e101010', G: '0e11101711110f', H: '1111111f111111', I: '0e04040404040e', J: '0702020202120c',
  K: '11121418141211', L: '1010101010101f', M: '111b1515111111', N: '11111915131111', O: '0e11111111110e',
  P: '1e11111e101010', Q: '0e11111115120d', R: '1e11111e141211', S: '0f10100e01011e', T: '1f040404040404',
  U: '1111111111110e', V: '11111111110a04', W: '1111111515150a', X: '11110a040a1111', Y: '1111110a040404',
  Z: '1f01020408101f',
  a: '00000e010f110f', b: '1010161911111e', c: '00000e1010110e', d: '01010d1311110f', e: '00000e111f100e',
  f: '0609081c080808', g: '00000f1111110f010e', h: '10101619111111', i: '04000c0404040e', j: '02000602020202120c',
  k: '10101214181412', l: '0c04040404040e', m: '00001a15151111', n: '00001619111111', o: '00000e1111110e',
  p: '00001e1111111e1010', q: '00000f1111110f0101', r: '00001619101010', s: '00000e100e011e', t: '08081c08080906',
  u: '0000111111130d', v: '00001111110a04', w: '0000111115150a', x: '0000110a040a11', y: '0000111111110f010e',
  z: '00001f0204081f',
  '·': '0000040e040000', '−': '0000001f000000', '–': '0000001f000000', '—': '0000001f000000', '×': '00110a040a1100',
  '≈': '0008150208150200', '…': '00000000000015', '°': '0c12120c000000', '±': '04041f0404001f', '≤': '02040804020e00',
  '≥': '08040204080e00', 'δ': '0e08040e11110e', 'σ': '00000f1211110e', 'η': '000016191111110101', 'λ': '100808040a1111',
  'Σ': '1f100804081f00', '∂': '0e01010f11110e', '⋆': '0004150e0a0000', 'ᵀ': '0e040400000000', 'ˡ': '04040400000000',
  '⁺': '040e0400000000', '¹': '040c040e000000', '²': '0c02040e000000', '∇': '1f11110a0a0404', 'Δ': '04040a0a11111f',
};

/** Rows of a glyph (9 of them, the last two for descenders), each 5 bits, bit 4 the left column. */
const ROWS = 9;
const decoded = new Map<string, number[]>();

export function glyph(ch: string): number[] {
  let rows = decoded.get(ch);
  if (!rows) {
    const hex = GLYPHS[ch] ?? GLYPHS['?'];
    rows = Array.from({ length: ROWS }, (_, r) => parseInt(hex.slice(2 * r, 2 * r + 2) || '00', 16));
    decoded.set(ch, rows);
  }
  return rows;
}

/** Pixels from one glyph's left edge to the next (5 wide, 1 apart), and from a line's top to the next line's. */
export const ADVANCE = 6;
export const LINE_HEIGHT = 12;

/** Width in pixels of `text` drawn at `scale`. */
export function textWidth(text: string, scale = 1): number {
  return Math.max(0, [...text].length * ADVANCE - 1) * scale;
}

/** `text` cut to at most `width` pixels at `scale`, ending in '…' when cut. */
export function fitText(text: string, width: number, scale = 1): string {
  const chars = [...text];
  const room = Math.floor((width / scale + 1) / ADVANCE);
  return chars.length <= room ? text : `${chars.slice(0, Math.max(0, room - 1)).join('')}…`;
}
