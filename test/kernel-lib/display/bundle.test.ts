import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../kernel-lib/src/contract';
import { MIME_TYPE, matrixBundle, payloadBundle, tensor, validatePayload, type Payload } from '../../../kernel-lib/src';
import { describeView } from '../../../kernel-lib/src/view';
import { sceneSvg } from '../../../kernel-lib/src/static/svg';
import { examples } from '../contract/examples';

const decodePng = (base64: string) => PNG.sync.read(Buffer.from(base64, 'base64'));
const REFERENCE = join(__dirname, 'reference');

/** The fraction of pixels whose channels differ by more than 8 from the reference picture's. */
function differingPixels(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let off = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if ([0, 1, 2].some((k) => Math.abs(a.data[i + k] - b.data[i + k]) > 8)) off++;
  }
  return off / (a.width * a.height);
}

describe('matrixBundle', () => {
  const bundle = matrixBundle(
    tensor([
      [1, 2],
      [3, 4],
    ]),
    'k',
  );

  it('holds the versioned payload, which validates, and the PNG, HTML and text fallbacks', () => {
    expect(Object.keys(bundle).sort()).toEqual([MIME_TYPE, 'image/png', 'text/html', 'text/plain'].sort());
    expect(validatePayload(bundle[MIME_TYPE])).toEqual({
      ok: true,
      payload: { version: 1, kind: 'matrix', title: 'k', shape: [2, 2], data: [1, 2, 3, 4] },
    });
  });

  it('paints each cell in its place in the PNG: the largest value viridis yellow, the smallest its dark purple', () => {
    const png = decodePng(bundle['image/png']!);
    const [p] = describeView(bundle[MIME_TYPE]!).panels;
    const pixel = (r: number, c: number) => {
      const o = ((p.y + (r + 0.2) * p.cell) * png.width + p.x + (c + 0.2) * p.cell) * 4;
      return Array.from(png.data.subarray(o, o + 3));
    };
    expect(pixel(1, 1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(pixel(0, 0)).toEqual([0x44, 0x01, 0x54]);
  });
});

describe('payloadBundle: the static fallbacks from the one description', () => {
  for (const kind of KINDS) {
    const p = examples[kind];
    const bundle = payloadBundle(p);
    const scene = describeView(p);

    it(`${kind}: the PNG matches the stored reference picture (at most 0.5% of pixels off)`, () => {
      const png = decodePng(bundle['image/png']!);
      const file = join(REFERENCE, `${kind}.png`);
      if (!existsSync(file)) {
        mkdirSync(REFERENCE, { recursive: true });
        writeFileSync(file, PNG.sync.write(png));
      }
      expect(differingPixels(png, PNG.sync.read(readFileSync(file)))).toBeLessThanOrEqual(0.005);
    });

    it(`${kind}: the HTML inlines the SVG (with every printed value and the sum as text), never a PNG`, () => {
      const html = bundle['text/html']!;
      expect(html).toMatch(/^<figure class="convlab-fallback"[^>]*><figcaption[^>]*>/);
      expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
      expect(html).not.toMatch(/base64|<img/);
      for (const panel of scene.panels) for (const t of panel.labels?.text ?? []) if (t) expect(html).toContain(`>${t}</text>`);
      if (scene.focus) expect(html).toContain(`<pre class="convlab-sum"`);
    });

    it(`${kind}: the text starts with the text alternative of the scene`, () => {
      expect(bundle['text/plain'].startsWith(scene.alt)).toBe(true);
    });
  }

  it('writes the sum of a linked view into the picture, so that GitHub and nbconvert show it', () => {
    const svg = sceneSvg(describeView(examples.conv));
    expect(svg).toContain('>a(1,1) = b + Σ w·x</text>');
  });

  it('leaves a large picture to the PNG alone: no HTML copy', () => {
    const big: Payload = {
      version: 1,
      kind: 'matrix',
      title: 'big',
      shape: [200, 200],
      data: Array.from({ length: 40000 }, (_, i) => Math.sin(i)),
    };
    const bundle = payloadBundle(big);
    expect(bundle['text/html']).toBeUndefined();
    expect(bundle['image/png']).toBeDefined();
  });

  it('draws the same PNG, byte for byte, every time (fonts loaded from the package, none from the system)', () => {
    expect(payloadBundle(examples.conv)['image/png']).toBe(payloadBundle(examples.conv)['image/png']);
  });

  it('refuses to send a payload the extension would refuse, naming the rule', () => {
    expect(() => payloadBundle({ ...examples.matrix, data: [1, Number.NaN] } as Payload)).toThrow(
      /display: the matrix view is not a valid payload: matrix: data has 2 values/,
    );
  });
});
