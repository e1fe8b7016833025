import { describe, expect, it } from 'vitest';
import { decodeDigit } from '../../../kernel-lib/src/contract';
import { payloadBundle } from '../../../kernel-lib/src/display/bundle';
import { sceneSvg } from '../../../kernel-lib/src/static/svg';
import { decodeFloat32 } from '../../../kernel-lib/src/portable/encoding';
import { describeView, digitPixels, drawingAnswer } from '../../../kernel-lib/src/view';
import { drawingExample } from '../contract/drawingExample';

/** The example's answer by the literal formula: softmax(W·x + b), W [10, 784] row-major then b. */
function literal(pixels: ArrayLike<number>): number[] {
  const w = decodeFloat32(drawingExample.weights);
  const z = Array.from({ length: 10 }, (_, j) => {
    let s = w[7840 + j];
    for (let i = 0; i < 784; i++) s += w[j * 784 + i] * Math.fround(pixels[i]);
    return s;
  });
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

describe('the drawing scene (static fallback), in Node', () => {
  const pixels = decodeDigit(drawingExample.pixels).pixels!;
  const expected = literal(pixels);
  const scene = describeView(drawingExample);

  it('shows the given drawing as the input panel and the 10 probabilities as bars of length p·220 px, the winner dark', () => {
    expect(scene.panels[0].values).toEqual(Array.from(pixels));
    const bars = scene.boxes.filter((_, i) => i % 2 === 1);
    expect(bars).toHaveLength(10);
    bars.forEach((b, k) => expect(Math.abs(b.width - expected[k] * 220)).toBeLessThan(220 * 1e-5));
    const winner = expected.indexOf(Math.max(...expected));
    expect(bars.filter((b) => b.fill === '#08519c').map((b) => bars.indexOf(b))).toEqual([winner]);
    expect(scene.labels.map((l) => l.text)).toContain(`input 28x28 (prediction ${winner})`);
    expect(scene.labels[0]).toMatchObject({ text: 'draw', tone: 'title' });
  });

  it('the answer is the literal softmax(W·x + b) to float32 precision', () => {
    drawingAnswer(drawingExample).scores.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThan(1e-6));
  });

  it('its SVG (PNG and HTML fallbacks) and text carry the picture, the prediction and the encoding', () => {
    const svg = sceneSvg(scene);
    expect(svg).toContain('probabilities (softmax)');
    expect(svg).not.toContain('<script');
    const bundle = payloadBundle(drawingExample);
    expect(bundle['image/png']!.length).toBeGreaterThan(1000);
    expect(bundle['text/plain']).toContain(`drawing: ${drawingExample.pixels}`);
    expect(bundle['text/plain']).toContain(`prediction ${expected.indexOf(Math.max(...expected))}`);
  });
});

describe('digitPixels: a stroke to the 28x28 input as MNIST’s digits were made', () => {
  const side = 224;
  const ink = (f: (r: number, c: number) => number) =>
    Float64Array.from({ length: side * side }, (_, i) => f(Math.floor(i / side), i % side));
  const centre = (x: Float64Array) => {
    let [m, my, mx] = [0, 0, 0];
    x.forEach((v, i) => ((m += v), (my += v * Math.floor(i / 28)), (mx += v * (i % 28))));
    return [my / m, mx / m, m];
  };

  it('an off-centre bar of ink: its larger side scaled to 20 pixels, its centre of mass moved to the centre (13.5, 13.5)', () => {
    // A bar 160 tall and 40 wide near the top-left corner.
    const x = digitPixels(
      ink((r, c) => (r >= 10 && r < 170 && c >= 5 && c < 45 ? 1 : 0)),
      side,
    );
    const [cy, cx, mass] = centre(x);
    expect(Math.abs(cy - 13.5)).toBeLessThan(1e-9);
    expect(Math.abs(cx - 13.5)).toBeLessThan(1e-9);
    // Area is kept up to the scale: 160·40 pixels · (20/160)² = 100 pixels of ink.
    expect(Math.abs(mass - 100)).toBeLessThan(1e-9);
    const rows = Array.from({ length: 28 }, (_, r) => x.slice(r * 28, r * 28 + 28).some((v) => v > 0)).filter(Boolean).length;
    expect(rows).toBe(20);
    expect(Math.max(...x)).toBe(1);
  });

  it('no ink gives an empty input; the ink must match the pad', () => {
    expect(digitPixels(new Float64Array(side * side), side).every((v) => v === 0)).toBe(true);
    expect(() => digitPixels(new Float64Array(10), side)).toThrow('digitPixels: ink must hold side² = 50176 values, got 10');
  });
});
