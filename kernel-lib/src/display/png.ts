import { PNG } from 'pngjs';
import { type Rgb, viridis, redBlue } from './colormap';
import { valueRange } from '../contract/range';

/** Pixels per matrix cell, so that a 5x5 kernel is as readable as a 28x28 digit. */
function cellSize(rows: number, cols: number): number {
  return Math.max(1, Math.min(32, Math.floor(224 / Math.max(rows, cols))));
}

/**
 * Renders a matrix as a PNG heatmap (nearest-neighbour cells), base64-encoded for a MIME bundle.
 * Signed data uses the diverging scale with a range symmetric about zero.
 */
export function matrixPng(rows: number, cols: number, data: ArrayLike<number>): string {
  const { min, max, signed } = valueRange(data);
  const colour: (t: number) => Rgb = signed ? redBlue : viridis;
  const span = max - min || 1;
  const cell = cellSize(rows, cols);
  const width = cols * cell;
  const height = rows * cell;
  const image = new PNG({ width, height, colorType: 6 });
  const rgba = image.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = data[Math.floor(y / cell) * cols + Math.floor(x / cell)];
      const [r, g, b] = colour((value - min) / span);
      const o = (y * width + x) * 4;
      rgba[o] = r;
      rgba[o + 1] = g;
      rgba[o + 2] = b;
      rgba[o + 3] = 255;
    }
  }
  return PNG.sync.write(image).toString('base64');
}
