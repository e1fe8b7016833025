import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../kernel-lib/src/contract';
import { payloadPng } from '../../../kernel-lib/src/display/picture';
import { examples } from '../contract/examples';

// The PNG fallback draws the panels with 6 pixels of margin; these small examples get 32-pixel cells.
const INK = [33, 33, 33];
const PAPER = [255, 255, 255];

function pixels(p: Payload) {
  const png = PNG.sync.read(Buffer.from(payloadPng(p), 'base64'));
  return (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
}

describe('payloadPng: linked views at their first position', () => {
  it('conv: frames the window of output cell `focus` in the input, the kernel, and that output cell', () => {
    const at = pixels({ ...examples.conv, focus: [1, 2] } as Payload);
    const first = pixels(examples.conv);
    // Input cells of 32 pixels from (6, 6): the window rows 1..2, cols 2..3 starts at x = 70, y = 38.
    expect(at(70, 90)).toEqual(INK);
    expect(at(72, 90)).toEqual(PAPER);
    expect(first(70, 90)).not.toEqual(INK);
    expect(first(6, 20)).toEqual(INK); // without a focus: the first window
    // The output panel starts after the input (128) and the kernel (64), each followed by a 64-pixel gap: x = 326.
    expect(at(326 + 64, 50)).toEqual(INK);
  });

  it('pool: rings each maximum in a circle touching its edges, leaving the middle of the cell its colour', () => {
    const at = pixels(examples.pool);
    const [cx, cy] = [6 + 32 + 16, 6 + 32 + 16]; // input cell (1, 1), the maximum of window (0, 0)
    expect(at(cx, cy - 14)).toEqual(INK);
    expect(at(cx, cy - 13)).toEqual(PAPER);
    expect(at(cx, cy)).not.toEqual(INK);
    expect(at(cx, cy)).not.toEqual(PAPER);
    expect(at(cx - 16, cy - 16 + 1)).not.toEqual(INK); // the cell's corner stays outside the ring
  });

  it('pool: frames window `focus` in the input and its cell in the pooled map', () => {
    const at = pixels({ ...examples.pool, focus: [1, 0] } as Payload);
    expect(at(6, 6 + 64 + 10)).toEqual(INK); // the left edge of input rows 2..3
    // The pooled map (cells 64 pixels) starts at x = 6 + 128 + 64; its cell (1, 0) at y = 6 + 64.
    expect(at(198, 70 + 20)).toEqual(INK);
  });
});
