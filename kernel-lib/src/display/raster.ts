import { PNG } from 'pngjs';
import type { Rgb } from './colormap';
import { ADVANCE, glyph } from './font';

/**
 * A small RGBA drawing surface for the PNG fallbacks: filled and outlined rectangles, lines, dots,
 * and short labels in a 5x7 pixel font (long captions travel in the HTML and text fallbacks).
 */
export class Raster {
  readonly data: Uint8Array;

  constructor(readonly width: number, readonly height: number, background: Rgb = [255, 255, 255]) {
    this.data = new Uint8Array(width * height * 4);
    this.fill(0, 0, width, height, background);
  }

  fill(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const o = (py * this.width + px) * 4;
        this.data[o] = r;
        this.data[o + 1] = g;
        this.data[o + 2] = b;
        this.data[o + 3] = 255;
      }
    }
  }

  /** A frame of the given thickness drawn inside the rectangle. */
  outline(x: number, y: number, w: number, h: number, colour: Rgb, thickness = 1): void {
    this.fill(x, y, w, thickness, colour);
    this.fill(x, y + h - thickness, w, thickness, colour);
    this.fill(x, y, thickness, h, colour);
    this.fill(x + w - thickness, y, thickness, h, colour);
  }

  /** A ring: the pixels whose centres lie between `inner` and `outer` pixels from (cx, cy). */
  ring(cx: number, cy: number, outer: number, inner: number, colour: Rgb): void {
    for (let py = Math.floor(cy - outer); py <= Math.ceil(cy + outer); py++) {
      for (let px = Math.floor(cx - outer); px <= Math.ceil(cx + outer); px++) {
        const d = Math.hypot(px + 0.5 - cx, py + 0.5 - cy);
        if (d <= outer && d > inner) this.fill(px, py, 1, 1, colour);
      }
    }
  }

  /** A straight line of 2x2 dots from (x0, y0) to (x1, y1). */
  line(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let s = 0; s <= steps; s++) this.fill(x0 + ((x1 - x0) * s) / steps - 1, y0 + ((y1 - y0) * s) / steps - 1, 2, 2, colour);
  }

  /**
   * A line through `points`, 2 pixels thick; dashed `dash[0]` pixels on, `dash[1]` off, counted
   * along the whole line; only its part inside `clip` [x, y, w, h] when given.
   */
  polyline(points: ReadonlyArray<readonly [number, number]>, colour: Rgb, dash?: readonly [number, number], clip?: readonly number[]): void {
    let travelled = 0;
    for (let i = 1; i < points.length; i++) {
      const [[x0, y0], [x1, y1]] = [points[i - 1], points[i]];
      const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
      const length = Math.hypot(x1 - x0, y1 - y0);
      for (let s = 0; s <= steps; s++) {
        const along = travelled + (length * s) / steps;
        const [px, py] = [x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps];
        if (dash && along % (dash[0] + dash[1]) >= dash[0]) continue;
        if (clip && (px < clip[0] || py < clip[1] || px > clip[0] + clip[2] || py > clip[1] + clip[3])) continue;
        this.fill(px - 1, py - 1, 2, 2, colour);
      }
      travelled += length;
    }
  }

  /** `text` in the pixel font (./font) with its top-left corner at (x, y), each font pixel `scale` x `scale`. */
  text(x: number, y: number, text: string, colour: Rgb, scale = 1): void {
    let left = Math.round(x);
    for (const ch of text) {
      glyph(ch).forEach((bits, r) => {
        for (let c = 0; c < 5; c++) if (bits & (0x10 >> c)) this.fill(left + c * scale, Math.round(y) + r * scale, scale, scale, colour);
      });
      left += ADVANCE * scale;
    }
  }

  /** The base64 PNG, as a MIME bundle carries it. */
  toPngBase64(): string {
    const png = new PNG({ width: this.width, height: this.height, colorType: 6 });
    png.data.set(this.data);
    return PNG.sync.write(png).toString('base64');
  }
}
