import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { MIME_TYPE, matrixBundle, tensor, validatePayload } from '../../../kernel-lib/src';

const decodePng = (base64: string) => PNG.sync.read(Buffer.from(base64, 'base64'));

describe('matrixBundle', () => {
  const k = tensor([[1, 2], [3, 4]]);
  const bundle = matrixBundle(k, 'k');

  it('holds the versioned payload, which validates, and the PNG, HTML and text fallbacks', () => {
    expect(Object.keys(bundle).sort()).toEqual([MIME_TYPE, 'image/png', 'text/html', 'text/plain'].sort());
    const check = validatePayload(bundle[MIME_TYPE]);
    expect(check).toEqual({ ok: true, payload: { version: 1, kind: 'matrix', title: 'k', shape: [2, 2], data: [1, 2, 3, 4] } });
  });

  it('survives a JSON round trip, as the kernel sends it', () => {
    expect(validatePayload(JSON.parse(JSON.stringify(bundle[MIME_TYPE]))).ok).toBe(true);
  });

  it('draws one square block of pixels per cell, the largest value brightest (viridis yellow)', () => {
    const png = decodePng(bundle['image/png']);
    expect(png.width).toBe(png.height);
    const cell = png.width / 2;
    const pixel = (row: number, col: number) => {
      const o = ((row * cell + cell / 2) * png.width + col * cell + cell / 2) * 4;
      return Array.from(png.data.subarray(o, o + 3));
    };
    expect(pixel(1, 1)).toEqual([253, 231, 37]); // value 4 = max → the top of viridis
    expect(pixel(0, 0)).toEqual([68, 1, 84]); // value 1 = min → the bottom
  });

  it('uses the diverging scale symmetric about zero for signed data: zero is white', () => {
    const png = decodePng(matrixBundle(tensor([[-2, 0, 1]]), 's')['image/png']);
    const cell = png.width / 3;
    const o = ((cell / 2) * png.width + cell + cell / 2) * 4;
    expect(Array.from(png.data.subarray(o, o + 3))).toEqual([247, 247, 247]);
  });

  it('escapes a hostile title in the HTML fallback', () => {
    const html = matrixBundle(k, '<img src=x onerror=alert(1)><script>x()</script>')['text/html'];
    expect(html).not.toMatch(/<img src=x|<script>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;');
  });

  it('writes the values in the text fallback', () => {
    expect(bundle['text/plain']).toBe('k [2x2]\n1 2\n3 4');
  });

  it('shows a [1,1,5,5] tensor as its 5x5 matrix', () => {
    const payload = matrixBundle(tensor(new Array(25).fill(0), [1, 1, 5, 5]), 'z')[MIME_TYPE];
    expect(payload.shape).toEqual([5, 5]);
  });

  it('throws when the tensor is not a matrix', () => {
    expect(() => matrixBundle(tensor(new Array(8).fill(0), [2, 2, 2]), 'x')).toThrow(
      /show: expected a non-empty matrix \(leading axes of size 1 are dropped\), got shape \[2,2,2\]/,
    );
  });
});
