// showFields' payload and static fallbacks: the library's forward pass per column, the picture and text from the one scene.
import { describe, expect, it } from 'vitest';
import { validatePayload } from '../../../kernel-lib/src/contract';
import {
  AvgPool2D,
  Conv2D,
  Dense,
  Flatten,
  MaxPool2D,
  Sequential,
  conv2d,
  fieldsPayload,
  rand,
  sigmoid,
  receptiveFields,
  zeros,
} from '../../../kernel-lib/src';
import { staticFallbacks } from '../../../kernel-lib/src/display/bundle';
import { sceneSvg } from '../../../kernel-lib/src/static/svg';
import { describeView } from '../../../kernel-lib/src/view';

const net = () =>
  new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 2, kernelSize: 3, stride: 2, padding: 1, seed: 1 }),
    new MaxPool2D({ size: 2, stride: 1 }),
    new Flatten(),
    new Dense({ inputs: 2 * 3 * 3, outputs: 4, seed: 2 }),
  ]);

describe('fieldsPayload', () => {
  const x = rand([1, 1, 7, 7], 3);
  const { payload, fields } = fieldsPayload(net(), x, { follow: [2, 1, 1, 1] });

  it('carries each column’s maps from the library’s forward pass (to 4 digits) and each layer’s steps; a valid payload', () => {
    expect(validatePayload(payload).ok).toBe(true);
    const layer0 = net().layers[0] as Conv2D;
    const z = sigmoid(conv2d(x, layer0.weight.value, layer0.bias.value, { stride: 2, padding: 1 }));
    expect(payload.layers[0].activation.shape).toEqual([2, 4, 4]);
    payload.layers[0].activation.data.forEach((v, i) => expect(v).toBeCloseTo(z.data[i], 3));
    expect(payload.layers.map((l) => l.activation.shape)).toEqual([
      [2, 4, 4],
      [2, 3, 3],
      [2, 3, 3],
      [1, 4, 1],
    ]);
    expect(payload.layers.map((l) => l.steps)).toEqual(fields.columns.slice(1).map((c) => c.steps));
    expect(payload.focus).toEqual([2, 1, 1, 1]);
  });

  it('its static picture frames what receptiveFields says, with r and j written; the text lists them and the followed neuron', () => {
    const scene = describeView(payload);
    const svg = sceneSvg(scene);
    // the followed pooled cell (channel 1, (1, 1)) sees input rows 1..6 (r = 3 + (2 − 1)·2 = 5 from u = −1 + 1·2 = 1), cols the same
    const [input] = fields.follow([2, 1, 1, 1]);
    expect(input).toEqual({ channels: [0], rows: [1, 2, 3, 4, 5], cols: [1, 2, 3, 4, 5] });
    const p = scene.panels[0];
    expect(svg).toContain(
      `<rect x="${p.x + p.cell}" y="${p.y + p.cell}" width="${5 * p.cell}" height="${5 * p.cell}" fill="none" stroke="#000000" stroke-width="4"/>`,
    );
    expect((svg.match(/stroke="#000000" stroke-width="4"/g) ?? []).length).toBe(scene.focus!.frames.length);
    for (const text of ['r 3, j 2', 'r 5, j 2', 'r: the whole input (dense)']) expect(svg).toContain(`>${text}<`);
    const b = staticFallbacks(payload);
    expect(b['image/png']!.length).toBeGreaterThan(1000);
    expect(b['text/plain']).toContain('layer 1 MaxPool2D(2x2): a 2x3x3, r 5, j 2');
    expect(b['text/plain']).toContain('receptive field in the input: rows 2–6, cols 2–6 (25 cells)');
    expect(b['text/html']).toContain('receptive field in the input: rows 2–6, cols 2–6');
  });

  it('throws, naming showFields, for a batch of more than one, a bad neuron to follow, an unknown layer', () => {
    expect(() => fieldsPayload(net(), rand([2, 1, 7, 7], 1))).toThrow(/showFields: x must be one example .* got \[2,1,7,7\]/);
    expect(() => fieldsPayload(net(), x, { follow: [2, 2, 0, 0] })).toThrow(/follow: neuron must be .* \[2,3,3\]/);
    const odd = new Sequential([{ name: 'Odd', params: [], forward: (t) => t, backward: (t) => t }]);
    expect(() => fieldsPayload(odd, x)).toThrow(/receptiveFields: layer 0 Odd on maps \[1,7,7\]: no connection rule/);
    const wide = new Sequential([new Conv2D({ inChannels: 1, outChannels: 64, kernelSize: 1 })]);
    expect(() => fieldsPayload(wide, zeros([1, 128, 128]))).toThrow(
      /showFields: the maps of every layer hold 1064960 numbers, more than a view carries \(1048576\).*\[1,128,128\] → \[64,128,128\]/,
    );
  });

  it('the default neuron is the centre of the last map; an average-pooled net works alike', () => {
    const avg = new Sequential([new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 2, seed: 1 }), new AvgPool2D({ size: 2 })]);
    const { payload: q } = fieldsPayload(avg, rand([6, 6], 2));
    expect(describeView(q).focus!.label).toBe('layer 1 c1 (1,1)');
    expect(receptiveFields(avg, [6, 6]).columns.map((c) => c.r)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });
});
