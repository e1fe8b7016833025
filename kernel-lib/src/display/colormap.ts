/** An RGB colour, each channel 0..255. */
export type Rgb = [number, number, number];

// Anchor colours of matplotlib's viridis (perceptually uniform, colour-blind safe), evenly spaced.
const VIRIDIS: Rgb[] = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];

// ColorBrewer RdBu, reversed so that negative is blue and positive red; white at zero.
const RDBU: Rgb[] = [
  [5, 48, 97], [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240], [247, 247, 247],
  [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43], [103, 0, 31],
];

function interpolate(anchors: Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [anchors[i], anchors[i + 1]];
  return [0, 1, 2].map((c) => Math.round(a[c] + f * (b[c] - a[c]))) as Rgb;
}

/** Sequential scale for unsigned data: t in [0, 1]. */
export const viridis = (t: number): Rgb => interpolate(VIRIDIS, t);

/** Diverging scale for signed data: t in [0, 1], 0.5 is zero. */
export const redBlue = (t: number): Rgb => interpolate(RDBU, t);
