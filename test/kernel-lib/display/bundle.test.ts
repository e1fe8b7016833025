import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../kernel-lib/src/contract';
import { MIME_TYPE, matrixBundle, payloadBundle, tensor, validatePayload, type Payload } from '../../../kernel-lib/src';
import { examples } from '../contract/examples';

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
    const png = decodePng(bundle['image/png']!);
    const margin = 6;
    const cell = (png.width - 2 * margin) / 2;
    expect(png.width).toBe(png.height);
    const pixel = (row: number, col: number) => {
      const o = ((margin + row * cell + cell / 2) * png.width + margin + col * cell + cell / 2) * 4;
      return Array.from(png.data.subarray(o, o + 3));
    };
    expect(pixel(1, 1)).toEqual([253, 231, 37]); // value 4 = max → the top of viridis
    expect(pixel(0, 0)).toEqual([68, 1, 84]); // value 1 = min → the bottom
  });

  it('uses the diverging scale symmetric about zero for signed data: zero is white', () => {
    const png = decodePng(matrixBundle(tensor([[-2, 0, 1]]), 's')['image/png']!);
    const cell = (png.width - 12) / 3;
    const o = ((6 + cell / 2) * png.width + 6 + cell + cell / 2) * 4;
    expect(Array.from(png.data.subarray(o, o + 3))).toEqual([247, 247, 247]);
  });

  it('escapes a hostile title in the HTML fallback', () => {
    const html = matrixBundle(k, '<img src=x onerror=alert(1)><script>x()</script>')['text/html'];
    expect(html).not.toMatch(/<img src=x|<script>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;');
  });

  it('writes the description and the values in the text fallback', () => {
    expect(bundle['text/plain']).toBe('matrix "k", shape 2x2, min 1, max 4\n\nk [2x2]\n1 2\n3 4');
  });

  it('shows a [1,1,5,5] tensor as its 5x5 matrix', () => {
    const payload = matrixBundle(tensor(new Array(25).fill(0), [1, 1, 5, 5]), 'z')[MIME_TYPE]!;
    expect(payload.kind === 'matrix' && payload.shape).toEqual([5, 5]);
  });

  it('throws when the tensor is not a matrix', () => {
    expect(() => matrixBundle(tensor(new Array(8).fill(0), [2, 2, 2]), 'x')).toThrow(
      'show: t must be a matrix (leading axes of size 1 are dropped), got shape [2,2,2]',
    );
  });
});

describe('payloadBundle', () => {
  it.each(KINDS)('gives the %s view a PNG picture, an escaped HTML figure with the description, and text', (kind) => {
    const bundle = payloadBundle(examples[kind]);
    expect(bundle[MIME_TYPE]).toBe(examples[kind]);
    expect(decodePng(bundle['image/png']!).width).toBeGreaterThan(12);
    expect(bundle['text/html']).toMatch(/^<figure class="convlab-fallback".*<img alt=".*" src="data:image\/png;base64,/);
    expect(bundle['text/plain'].split('\n')[0]).toMatch(new RegExp(`^${kind} "`));
  });

  it('puts the notice into the HTML and text fallbacks', () => {
    const bundle = payloadBundle({ ...examples.matrix, notice: 'downsampled <b>' } as Payload);
    expect(bundle['text/html']).toContain('downsampled &lt;b&gt;');
    expect(bundle['text/plain']).toContain('downsampled <b>');
  });

  it('throws rather than send a payload the extension would refuse', () => {
    expect(() => payloadBundle({ ...examples.matrix, data: [1] } as Payload)).toThrow(
      'display: the matrix view is not a valid payload: matrix: data has 1 values but the shape needs 6',
    );
  });

  it('draws a grid as a grid: maps separated by white gaps', () => {
    const png = decodePng(payloadBundle({ ...examples.grid, columns: 3 } as Payload)['image/png']!);
    const row = 6 + 1;
    const whites: boolean[] = [];
    for (let x = 6; x < png.width - 6; x++) {
      const o = (row * png.width + x) * 4;
      whites.push(png.data[o] === 255 && png.data[o + 1] === 255 && png.data[o + 2] === 255);
    }
    expect(whites.filter((w, i) => w && !whites[i - 1]).length).toBe(2); // two gaps between three maps
  });
});
