// The inspector's scene for Nielsen's network: panels per layer, and what following a neuron frames, by hand.
import { describe, expect, it } from 'vitest';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, inspectPayload, oneHot, randn, traceBackprop } from '../../../kernel-lib/src';
import type { InspectPayload } from '../../../kernel-lib/src/contract';
import { describeView, mosaicCell, mosaicOf } from '../../../kernel-lib/src/view';
import { inspectExample } from '../contract/inspectExamples';

const nielsen = () =>
  new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5, seed: 1 }),
    new MaxPool2D(),
    new Conv2D({ inChannels: 20, outChannels: 40, kernelSize: 5, seed: 2 }),
    new MaxPool2D(),
    new Flatten(),
    new Dense({ inputs: 640, outputs: 100, seed: 3 }),
    new Dense({ inputs: 100, outputs: 10, activation: 'softmax', seed: 4 }),
  ]);

describe('inspectScene', () => {
  const net = nielsen();
  const trace = traceBackprop(net, randn([1, 1, 28, 28], 1), oneHot([3], 10), { loss: 'softmaxCrossEntropy' });
  const payload: InspectPayload = { ...inspectPayload(net, trace.layers, null, 'Nielsen'), focus: [4, 5, 1, 2] };

  it('carries every layer with its field, rules and maps (the flatten drawn in its input’s shape)', () => {
    expect(payload.layers.map((l) => l.activation.shape)).toEqual([
      [20, 24, 24],
      [20, 12, 12],
      [40, 8, 8],
      [40, 4, 4],
      [40, 4, 4],
      [1, 10, 10],
      [1, 2, 5],
    ]);
    expect(payload.layers.map((l) => (l.field === 'all' ? 'all' : l.field.map((s) => `${s.size[0]}/${s.stride[0]}`).join()))).toEqual([
      '5/1',
      '2/2',
      '5/1',
      '2/2',
      '',
      'all',
      'all',
    ]);
    expect(payload.layers.map((l) => l.deltaRule)).toEqual([
      'max-pool routing (layer 1)',
      'full(δ, rot180 w) (layer 2)',
      'max-pool routing (layer 3)',
      'reshape (layer 4)',
      'BP2 (layer 5)',
      'BP1 (layer 6)',
      'BP1 (δᴸ = aᴸ − y)',
    ]);
    expect(
      payload.layers[6].delta.data.map((v, i) => v - payload.layers[6].activation.data[i]).map((d) => Math.round(d * 1e3) / 1e3),
    ).toEqual([0, 0, 0, -1, 0, 0, 0, 0, 0, 0]);
  });

  it('a dense ∂C/∂w too large for the view keeps, per cell, the largest |·| of its columns (sign kept)', () => {
    // Dense(640→100): 64,000 values; 81 columns fit a row of 8192 / 100, so 8 columns a cell → 100x80
    const w = payload.layers[5];
    expect(w.weightGrad!.shape).toEqual([1, 100, 80]);
    expect(w.weightNote).toBe('each cell the largest |·| of 8 columns');
    const g = trace.layers[5].weightGrad!.data;
    for (const [r, c] of [
      [0, 0],
      [37, 11],
      [99, 79],
    ]) {
      const block = Array.from(g.slice(r * 640 + c * 8, r * 640 + c * 8 + 8));
      const big = block.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
      expect(w.weightGrad!.data[r * 80 + c]).toBe(Number(big.toPrecision(4)));
    }
    expect(payload.layers[6].weightGrad!.shape).toEqual([1, 10, 100]); // 1,000 values: kept whole
    expect(describeView(payload).labels.map((l) => l.full ?? l.text)).toContain('∂C/∂w (100x80), each cell the largest |·| of 8 columns');
  });

  it('following pooled neuron (channel 5, cell 1,2) of layer 3 frames its receptive field below and the δ it gathers from above', () => {
    const s = describeView(payload);
    // panels: input a; per layer a, δ (+ ∂w, ∂b for the conv and dense layers)
    const titles = s.labels.map((l) => l.text);
    expect(titles.filter((t) => t.startsWith('δ by'))).toHaveLength(7);
    const panelOf = (column: number, kind: 'a' | 'δ') => {
      // column 0: panel 0; then each layer: a, δ, [∂w, ∂b]
      let i = 1;
      for (let k = 1; k < column; k++) i += 2 + (payload.layers[k - 1].weightGrad ? 2 : 0);
      return column === 0 ? 0 : i + (kind === 'a' ? 0 : 1);
    };
    const frames = s.focus!.frames;
    const at = (panel: number) => frames.filter((f) => f.panel === panel).map(({ r0, c0, r1, c1 }) => [r0, c0, r1, c1]);
    // the input: rows 4..19, cols 8..23 (one map, no gaps)
    expect(at(panelOf(0, 'a'))).toEqual([[4, 8, 19, 23]]);
    // the first conv's 20 maps (5 a row, 24x24 each, one empty cell between): rows 4..15, cols 8..19 of every map
    const m1 = mosaicOf([20, 24, 24]);
    const expected1 = Array.from({ length: 20 }, (_, ch) => [...mosaicCell(m1, ch, 4, 8), ...mosaicCell(m1, ch, 15, 19)]);
    expect(at(panelOf(1, 'a'))).toEqual(expected1);
    expect(at(panelOf(1, 'δ'))).toEqual(expected1);
    // the second conv: channel 5 only, rows 2..3, cols 4..5; the followed cell in layer 3
    const m3 = mosaicOf([40, 8, 8]);
    expect(at(panelOf(3, 'a'))).toEqual([[...mosaicCell(m3, 5, 2, 4), ...mosaicCell(m3, 5, 3, 5)]]);
    const m4 = mosaicOf([40, 4, 4]);
    expect(at(panelOf(4, 'a'))).toEqual([[...mosaicCell(m4, 5, 1, 2), ...mosaicCell(m4, 5, 1, 2)]]);
    // above: the δ of the flatten at the same cell, every δ of the dense layers; their activations are not framed
    expect(at(panelOf(5, 'δ'))).toEqual([[...mosaicCell(m4, 5, 1, 2), ...mosaicCell(m4, 5, 1, 2)]]);
    expect(at(panelOf(5, 'a'))).toEqual([]);
    expect(at(panelOf(6, 'δ'))).toEqual([[0, 0, 9, 9]]);
    expect(s.focus!.label).toBe('layer 3 c6 (2,3)');
    expect(s.focus!.sum).toContain('sees in the input: rows 5–20, cols 9–24');
  });

  it('a hover over a cell of a linked panel selects that neuron; gaps and ∂w panels select nothing', () => {
    const s = describeView(payload);
    const m1 = mosaicOf([20, 24, 24]);
    const [R, C] = mosaicCell(m1, 7, 10, 3);
    const position = s.linking!.positionAt(1, R, C)!;
    expect(s.linking!.focus(position).label).toBe('layer 0 c8 (11,4)');
    expect(s.linking!.positionAt(2, R, C)).toBe(position); // δ panel of the same layer: the same neuron
    expect(s.linking!.positionAt(1, 24, 0)).toBeUndefined(); // the gap under map 0
    expect(s.linking!.positionAt(3, 0, 0)).toBeUndefined(); // ∂C/∂w
    expect(s.linking!.count).toBe(784 + 11520 + 2880 + 2560 + 640 + 640 + 100 + 10);
  });

  it('gradient checks: residual heatmaps on one scale, relative errors, ε and tolerance written', () => {
    const s = describeView(inspectExample);
    const text = s.labels.map((l) => l.full ?? l.text);
    expect(text).toContain('δ passed down: 1.0e-11');
    expect(text).toContain('∂w: 5.0e-1');
    expect(text).toContain('WRONG: over the tolerance');
    expect(text.some((t) => t.includes('ε = 0.00001') && t.includes('tolerance 0.000001'))).toBe(true);
    const checks = s.panels.filter((p) => p.symbol === '');
    expect(checks).toHaveLength(2);
    expect(checks[0].scale).toEqual(checks[1].scale);
    expect(checks[0].scale.max).toBe(0.5);
    expect(checks[1].values.slice(0, 2)).toEqual([0.5, -0.25]);
  });
});
