// The fonts of the static pictures: DejaVu Sans and DejaVu Sans Mono (npm `dejavu-fonts-ttf`) cut
// down by HarfBuzz's subsetter (npm `subset-font`) to the scripts and symbols the views write.
// Why: resvg reads a font file again for every run of text it lays out, so a 28x28 map of values
// cost ~0.4 ms a number with the 757 KB font and ~0.06 ms with its 100 KB subset. Glyphs, kerning
// and metrics are HarfBuzz's copies of the originals (hinting dropped: resvg does not hint), so a picture is the same either way; a
// picture with a character outside RANGES is drawn with the whole fonts (display/png.ts).
// Writes kernel-lib/fonts/{DejaVuSans,DejaVuSansMono}.ttf and ranges.json; run by the set-up and
// by `npm run build` in kernel-lib. Usage: node kernel-lib/scripts/fonts.mjs [--check]
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'fonts');

/** Inclusive code point ranges kept: the Latin, Greek and mathematical text of the views and titles. */
export const RANGES = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0x17f], // Latin-1 Supplement, Latin Extended-A
  [0x2b0, 0x36f], // spacing modifier letters (ˡ), combining diacritics (x̃)
  [0x370, 0x3ff], // Greek (σ, δ, Σ, ε)
  [0x1d00, 0x1dbf], // phonetic extensions (ᴸ, ᵀ superscripts)
  [0x2000, 0x209f], // punctuation (–, —, …, ′), superscripts and subscripts (⁺, ₀)
  [0x2100, 0x214f], // letterlike symbols
  [0x2190, 0x22ff], // arrows, mathematical operators (→, ∂, ≤, ⊙, ⋆)
  [0x2308, 0x230b], // ⌈ ⌉ ⌊ ⌋
  [0x25a0, 0x25ff], // geometric shapes
  [0x2c7c, 0x2c7c], // ⱼ
];

const FONTS = ['DejaVuSans', 'DejaVuSansMono'];

function sources() {
  return FONTS.map((name) => require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));
}

function upToDate() {
  const targets = [...FONTS.map((f) => join(out, `${f}.ttf`)), join(out, 'ranges.json')];
  if (!targets.every((t) => existsSync(t))) return false;
  const oldest = Math.min(...targets.map((t) => statSync(t).mtimeMs));
  const inputs = [fileURLToPath(import.meta.url), ...sources()];
  if (inputs.some((i) => statSync(i).mtimeMs > oldest)) return false;
  return readFileSync(join(out, 'ranges.json'), 'utf8') === JSON.stringify(RANGES);
}

async function main() {
  if (process.argv.includes('--check')) {
    console.log(upToDate() ? 'fonts: up to date' : 'fonts: out of date');
    process.exitCode = upToDate() ? 0 : 1;
    return;
  }
  if (upToDate()) return;
  const { default: subsetFont } = await import('subset-font');
  const text = RANGES.map(([a, b]) => String.fromCodePoint(...Array.from({ length: b - a + 1 }, (_, i) => a + i))).join('');
  mkdirSync(out, { recursive: true });
  for (const [i, file] of sources().entries()) {
    const subset = await subsetFont(readFileSync(file), text, { targetFormat: 'truetype', noHinting: true });
    writeFileSync(join(out, `${FONTS[i]}.ttf`), subset);
    console.log(`fonts: ${FONTS[i]}.ttf ${(statSync(file).size / 1024).toFixed(0)} KB → ${(subset.length / 1024).toFixed(0)} KB`);
  }
  writeFileSync(join(out, 'ranges.json'), JSON.stringify(RANGES));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
