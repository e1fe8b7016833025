import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { ComparePayload } from '../../../kernel-lib/src/contract';
import { payloadPng } from '../../../kernel-lib/src/display/picture';

const WHITE_OF_SCALE = [247, 247, 247];
const INK = [33, 33, 33];

function decode(items: ComparePayload['items']) {
  const payload: ComparePayload = { version: 1, kind: 'compare', title: 'c', shape: [1, 2], items };
  const png = PNG.sync.read(Buffer.from(payloadPng(payload), 'base64'));
  return (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
}

// Cells of 32 pixels; each panel has a 14-pixel label over it. The difference B − A sits under B:
// x = 6 + 64 (under A, empty) + 32 (gap), y = 6 + 14 + 32 + 32 (gap) + 14.
const [DX, DY] = [102, 98];

describe('the comparison’s PNG', () => {
  it('draws rounding noise of 1e-16 as the white of the scale, not as structure', () => {
    const at = decode([{ label: 'a', data: [1, -2] }, { label: 'b', data: [1 + 2.2e-16, -2 - 4.4e-16] }]);
    expect(at(DX + 16, DY + 16)).toEqual(WHITE_OF_SCALE);
    expect(at(DX + 48, DY + 16)).toEqual(WHITE_OF_SCALE);
  });

  it('draws a real difference in colour on the scale of the values, and frames its largest cell', () => {
    const at = decode([{ label: 'a', data: [1, -2] }, { label: 'b', data: [1, -1] }]);
    expect(at(DX + 16, DY + 16)).toEqual(WHITE_OF_SCALE); // no difference in the first cell
    const [r, g, b] = at(DX + 48, DY + 16); // +1 of a scale ±2: halfway to dark red
    expect(r).toBeGreaterThan(g + 40);
    expect(r).toBeGreaterThan(b + 40);
    expect(at(DX + 32, DY + 16)).toEqual(INK); // the frame's left edge
  });
});
