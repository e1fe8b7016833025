// Draws notebooks/data/house.png (and house.jpg, the same picture as a quality-90 JPEG): a small
// photo-like scene with edges in every direction for notebook 13 — sky gradient, sun, a house with a
// pitched roof, windows and a door, a tree and grass with a little seeded texture. Deterministic: the
// same bytes on every run. Run: node scripts/make-sample-image.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { root } from './lib.mjs';

const W = 128;
const H = 96;

/** A small linear congruential generator (Numerical Recipes constants): deterministic texture. */
let state = 13;
const noise = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;

function colourAt(x, y) {
  const inside = (x0, y0, x1, y1) => x >= x0 && x < x1 && y >= y0 && y < y1;
  if ((x - 104) ** 2 + (y - 18) ** 2 < 100) return [250, 220, 90]; // sun
  if (y >= 72) return [70 + 20 * noise(), 140 + 30 * noise(), 60 + 20 * noise()]; // grass
  if (inside(96, 44, 102, 72)) return [110, 75, 40]; // tree trunk
  if ((x - 99) ** 2 + (y - 38) ** 2 < 130) return [40 + 15 * noise(), 110 + 25 * noise(), 45]; // tree crown
  const roofTop = 14;
  const roofHeight = 20;
  if (y >= roofTop && y < roofTop + roofHeight && Math.abs(x - 46) <= ((y - roofTop) * 34) / roofHeight) return [150, 45, 35]; // roof
  if (inside(16, 34, 77, 72)) {
    if (inside(24, 42, 38, 54) || inside(55, 42, 69, 54)) {
      return x === 31 || y === 48 ? [240, 240, 240] : [60, 90, 130]; // windows with a cross
    }
    if (inside(40, 52, 52, 72)) return [90, 55, 30]; // door
    return [215, 195, 160]; // wall
  }
  const t = y / 72;
  return [120 + 80 * t, 170 + 60 * t, 235]; // sky, lighter towards the horizon
}

const png = new PNG({ width: W, height: H, colorType: 2 });
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    const [r, g, b] = colourAt(x, y).map((v) => Math.max(0, Math.min(255, Math.round(v))));
    png.data.set([r, g, b, 255], 4 * (y * W + x));
  }
}
const dir = join(root, 'notebooks', 'data');
writeFileSync(join(dir, 'house.png'), PNG.sync.write(png, { colorType: 2 }));
writeFileSync(join(dir, 'house.jpg'), jpeg.encode({ width: W, height: H, data: png.data }, 90).data);
console.log(`wrote notebooks/data/house.png and house.jpg (${W}x${H})`);
