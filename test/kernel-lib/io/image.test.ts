import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { avgPool2d, loadImage, randn, resizeImage, tensor } from '../../../kernel-lib/src';
import { mutation } from './mutation';
import { scratch } from './python';

/** RGBA pixels → PNG bytes (pngjs's encoder; colour type 6, 8 bits). */
function png(width: number, height: number, rgba: number[]): Uint8Array {
  const img = new PNG({ width, height });
  img.data.set(rgba);
  return new Uint8Array(PNG.sync.write(img));
}

const pixels = [
  [255, 0, 0, 255],
  [0, 255, 0, 128],
  [0, 0, 255, 0],
  [51, 102, 204, 255],
]; // 2x2: red, half-transparent green, transparent blue, a mixed colour

describe('loadImage', () => {
  it("PNG: 'rgb' is value/255 per channel in NCHW; 'gray' is (0.299 R + 0.587 G + 0.114 B)/255; alpha ignored", () => {
    const bytes = png(2, 2, pixels.flat());
    const rgb = loadImage(bytes, { channels: 'rgb' });
    expect(rgb.shape).toEqual([1, 3, 2, 2]);
    expect(rgb.toArray()).toEqual([
      [
        [
          [1, 0],
          [0, 51 / 255],
        ],
        [
          [0, 1],
          [0, 102 / 255],
        ],
        [
          [0, 0],
          [1, 204 / 255],
        ],
      ],
    ]);
    const gray = loadImage(bytes);
    expect(gray.shape).toEqual([1, 1, 2, 2]);
    const luma = pixels.map(([r, g, b]) => (0.299 * r + 0.587 * g + 0.114 * b) / 255);
    Array.from(gray.data).forEach((v, i) => expect(v).toBeCloseTo(luma[i], 12));
  });

  it('PNG colour types gray (0), RGB (2) and gray + alpha (4) decode to the same gray values', () => {
    const img = new PNG({ width: 3, height: 1 });
    img.data.set([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
    for (const colorType of [0, 2, 4] as const) {
      const bytes = new Uint8Array(PNG.sync.write(img, { colorType, inputColorType: 6 }));
      expect(bytes[25]).toBe(colorType); // IHDR colour type
      expect(Array.from(loadImage(bytes).data)).toEqual([0, 128 / 255, 1]);
    }
  });

  it("reads a path, and the repository's sample pictures (PNG and JPEG of the same scene agree within JPEG loss)", () => {
    const data = resolve(__dirname, '../../../notebooks/data');
    const a = loadImage(join(data, 'house.png'), { channels: 'rgb' });
    const b = loadImage(join(data, 'house.jpg'), { channels: 'rgb' });
    expect(a.shape).toEqual([1, 3, 96, 128]);
    expect(b.shape).toEqual([1, 3, 96, 128]);
    const meanAbs = a.data.reduce((s, v, i) => s + Math.abs(v - b.data[i]), 0) / a.size;
    expect(meanAbs).toBeLessThan(0.02);
  });

  it('JPEG: a flat colour decodes to that colour (within 2/255)', () => {
    const width = 16;
    const height = 8;
    const data = new Uint8Array(width * height * 4).map((_, i) => [200, 100, 50, 255][i % 4]);
    const x = loadImage(new Uint8Array(jpeg.encode({ width, height, data }, 95).data), { channels: 'rgb' });
    expect(x.shape).toEqual([1, 3, 8, 16]);
    [200, 100, 50].forEach((v, c) => {
      for (let p = 0; p < width * height; p++) expect(Math.abs(x.data[c * width * height + p] - v / 255)).toBeLessThanOrEqual(2 / 255);
    });
  });

  it('size resizes with resizeImage', () => {
    const bytes = png(4, 4, Array.from({ length: 16 }, (_, i) => [i * 16, i * 16, i * 16, 255]).flat());
    expect(loadImage(bytes, { size: [2, 2] }).data).toEqual(resizeImage(loadImage(bytes), [2, 2]).data);
  });

  it('throws, naming the file: missing file, wrong magic, truncated PNG/JPEG, 0x0, over the pixel cap', () => {
    const dir = scratch();
    const good = png(3, 2, Array(24).fill(200));
    const zero = good.slice();
    new DataView(zero.buffer).setUint32(16, 0); // IHDR width
    const path = join(dir, 'cut.png');
    writeFileSync(path, good.slice(0, 40));
    const jpg = new Uint8Array(jpeg.encode({ width: 8, height: 8, data: new Uint8Array(256).fill(90) }, 90).data);
    expect(() => loadImage(join(dir, 'nope.png'))).toThrow(/^loadImage: cannot read ".*nope.png": ENOENT/);
    expect(() => loadImage(new TextEncoder().encode('GIF89a...'))).toThrow(
      'loadImage: bytes must be a PNG (starting 89 50 4E 47) or a JPEG (starting FF D8 FF), got 47 49 46 38',
    );
    expect(() => loadImage(new Uint8Array(0))).toThrow(/got an empty file/);
    expect(() => loadImage(path)).toThrow(/^loadImage: ".*cut.png" is not a readable PNG: /);
    expect(() => loadImage(jpg.slice(0, jpg.length - 40))).toThrow(/^loadImage: bytes is not a readable JPEG: /);
    expect(() => loadImage(zero)).toThrow('loadImage: bytes must be an image of at least 1x1 pixels, got 0x2');
    expect(() => loadImage(good, { maxPixels: 5 })).toThrow('loadImage: bytes must have at most 5 pixels, got 3x2 = 6');
    expect(() => loadImage(jpg, { maxPixels: 50 })).toThrow(/^loadImage: bytes must have at most 50 pixels, got more \(jpeg-js: /);
    expect(() => loadImage(good, { channels: 'cmyk' as 'rgb' })).toThrow(`loadImage: channels must be 'gray' or 'rgb', got "cmyk"`);
  });

  it.each([
    [
      'PNG',
      png(
        5,
        4,
        Array.from({ length: 80 }, (_, i) => (i * 37) % 256),
      ),
    ],
    ['JPEG', new Uint8Array(jpeg.encode({ width: 9, height: 7, data: new Uint8Array(9 * 7 * 4).map((_, i) => (i * 53) % 256) }, 80).data)],
  ])('any mutation of a valid %s gives a clear error or a whole image in [0, 1] (fast-check)', (kind, valid) => {
    fc.assert(
      fc.property(mutation(valid.length), (mutate) => {
        let x;
        try {
          x = loadImage(mutate(valid), { maxPixels: 10_000 });
        } catch (e) {
          expect((e as Error).message).toMatch(/^loadImage: bytes (is not a readable (PNG|JPEG): \S|must )/);
          return;
        }
        expect(x.shape.slice(0, 2)).toEqual([1, 1]);
        expect(x.size).toBe(x.shape[2] * x.shape[3]);
        expect(x.data.every((v) => v >= 0 && v <= 1)).toBe(true);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

describe('resizeImage', () => {
  it('growing: bilinear with pixel centres aligned, by hand ([0, 1] → [0, ¼, ¾, 1])', () => {
    expect(resizeImage(tensor([[[[0, 1]]]]), [1, 4]).toArray()).toEqual([[[[0, 0.25, 0.75, 1]]]]);
    // 2 → 3: x = (i + ½)·2/3 − ½ = −1/6 (clamped to 0), 1/2, 7/6 (clamped to 1)
    expect(resizeImage(tensor([[[[0], [6]]]]), [3, 1]).toArray()).toEqual([[[[0], [3], [6]]]]);
  });

  it('shrinking: area filter; by a whole factor it equals average pooling; 3 → 2 by hand', () => {
    const x = randn([2, 3, 12, 8], 1);
    const y = resizeImage(x, [4, 2]);
    const pooled = avgPool2d(x, { size: [3, 4] });
    y.data.forEach((v, i) => expect(v).toBeCloseTo(pooled.data[i], 12));
    // [a, b, c] → 2: out0 = (a + b/2)/1.5, out1 = (b/2 + c)/1.5
    const [o0, o1] = Array.from(resizeImage(tensor([[[[3, 6, 9]]]]), [1, 2]).data);
    expect(o0).toBeCloseTo((3 + 3) / 1.5, 12);
    expect(o1).toBeCloseTo((3 + 9) / 1.5, 12);
  });

  it('keeps a constant image constant and the same size unchanged', () => {
    const flat = tensor([
      [
        [
          [0.3, 0.3, 0.3],
          [0.3, 0.3, 0.3],
        ],
      ],
    ]);
    for (const size of [
      [1, 1],
      [5, 7],
      [2, 2],
      [7, 1],
    ] as const) {
      resizeImage(flat, size).data.forEach((v) => expect(v).toBeCloseTo(0.3, 14));
    }
    const x = randn([1, 2, 3, 4], 2);
    expect(resizeImage(x, [3, 4]).data).toEqual(x.data);
  });

  it('throws on bad input', () => {
    expect(() => resizeImage(randn([3, 4], 1), [2, 2])).toThrow('resizeImage: x must be rank 4 (N, C, H, W), got rank 2 (x [3,4])');
    expect(() => resizeImage(randn([1, 1, 3, 4], 1), [0, 2])).toThrow(/^resizeImage: size must be a positive integer/);
  });
});
