import type { FieldStage, GradcheckRow, InspectLayer, InspectPayload, Maps } from '../contract';
import { conv2dGeometry } from '../ops/conv2dGeometry';
import { pool2dGeometry } from '../ops/pool2dGeometry';
import { Conv2D } from '../nn/Conv2D';
import { ConvPool2D } from '../nn/ConvPool2D';
import { Flatten } from '../nn/Flatten';
import type { Layer } from '../nn/layer';
import { AvgPool2D, MaxPool2D } from '../nn/Pool2D';
import type { Sequential } from '../nn/Sequential';
import type { TensorCheck } from '../proof/finiteDifferences';
import type { LayerGradcheck } from '../proof/gradcheckLayers';
import type { LayerTrace } from '../proof/traceBackprop';
import type { Tensor } from '../tensor';

/** Four significant digits: what a view can show, at a third of the JSON. */
export const round4 = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(4)) : 0);

/** The first example of a tensor as maps [c, h, w]: NCHW → its first item; a vector of n → one map of r x n/r (r the largest divisor ≤ √n). */
export function mapsOf(t: Tensor, shape?: readonly number[]): Maps {
  const s = shape ?? t.shape;
  const per = s.slice(1).reduce((a, b) => a * b, 1);
  const data = Array.from(t.data.subarray(0, per), round4);
  if (s.length === 4) return { shape: [s[1], s[2], s[3]], data };
  let r = Math.floor(Math.sqrt(per));
  while (per % r !== 0) r--;
  return { shape: [1, r, per / r], data };
}

const convStage = (layer: Conv2D, input: readonly number[]): FieldStage => {
  const g = conv2dGeometry('inspect', input, layer.weight.value.shape, layer.geometry);
  return {
    size: [g.kernelHeight, g.kernelWidth],
    stride: [...g.stride],
    padding: [g.padding.top, g.padding.left],
    dilation: [...g.dilation],
    mixes: true,
  };
};

const poolStage = (options: Parameters<typeof pool2dGeometry>[2], input: readonly number[]): FieldStage => {
  const g = pool2dGeometry('inspect', input, options);
  return { size: [...g.size], stride: [...g.stride], padding: [...g.padding], dilation: [1, 1], mixes: false };
};

/** How a layer's output cells see its input: the known layers' windows, a reshape cell to cell, anything else every input. */
export function fieldOf(layer: Layer, input: readonly number[]): FieldStage[] | 'all' {
  if (layer instanceof Conv2D) return [convStage(layer, input)];
  if (layer instanceof MaxPool2D || layer instanceof AvgPool2D) return [poolStage(layer.options, input)];
  if (layer instanceof ConvPool2D) {
    const conv = convStage(layer.conv, input);
    const z = conv2dGeometry('inspect', input, layer.conv.weight.value.shape, layer.conv.geometry);
    return [conv, poolStage({ size: layer.poolSize }, [1, z.outChannels, z.outHeight, z.outWidth])];
  }
  if (layer instanceof Flatten) return [];
  return 'all';
}

/** Most values of a dense layer's ∂C/∂w in the view; a larger one is reduced column-wise. */
export const MAX_DENSE_GRAD = 8192;

/**
 * A dense ∂C/∂w [out, in] as maps [1, out, ⌈in/f⌉], f the fewest columns per cell that fit
 * MAX_DENSE_GRAD: each cell the value of largest |·| among its f columns (sign kept), so that no
 * large gradient disappears in an average.
 */
function denseGrad(w: Tensor): { maps: Maps; note?: string } {
  const [out, inputs] = [w.shape[0], w.size / w.shape[0]];
  const perRow = Math.max(1, Math.floor(MAX_DENSE_GRAD / out));
  const f = inputs <= perRow ? 1 : Math.ceil(inputs / perRow);
  if (f === 1) return { maps: { shape: [1, out, inputs], data: Array.from(w.data, round4) } };
  const cols = Math.ceil(inputs / f);
  const data = new Array<number>(out * cols).fill(0);
  for (let r = 0; r < out; r++) {
    for (let c = 0; c < inputs; c++) {
      const v = w.data[r * inputs + c];
      const at = r * cols + Math.floor(c / f);
      if (Math.abs(v) > Math.abs(data[at])) data[at] = v;
    }
  }
  return { maps: { shape: [1, out, cols], data: data.map(round4) }, note: `each cell the largest |·| of ${f} columns` };
}

const denseView = ({ maps, note }: { maps: Maps; note?: string }): Pick<InspectLayer, 'weightGrad' | 'weightNote'> => ({
  weightGrad: maps,
  ...(note ? { weightNote: note } : {}),
});

/** A check as a row: its relative error and the relative residual (analytic − numeric)/max|numeric| at each checked cell. */
function row(label: string, c: TensorCheck | null): GradcheckRow[] {
  if (c === null) return [];
  const top = c.numeric.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  return [
    { label, error: Number.isFinite(c.error) ? c.error : null, residual: c.analytic.map((a, i) => round4((a - c.numeric[i]) / top)) },
  ];
}

/**
 * The payload of the inspector from a trace and its checks: per layer its activation (a reshape in
 * its input's shape), the δ at its output and the rule that produced it (BP1 at the output, else
 * the rule of the layer above), ∂C/∂w, ∂C/∂b, how its cells see its input, and its checks.
 */
export function inspectPayload(
  model: Sequential,
  layers: readonly LayerTrace[],
  checks: readonly LayerGradcheck[] | null,
  title: string,
): InspectPayload {
  const last = layers.length - 1;
  const out: InspectLayer[] = layers.map((t, l) => {
    const shown = model.layers[l] instanceof Flatten ? t.input.shape : t.output.shape;
    const delta = (t.deltaOut ?? t.deltaZ) as Tensor;
    const c = checks?.[l];
    const w = t.weightGrad;
    return {
      name: t.name,
      rule: t.rule.name,
      deltaRule: l === last ? (t.deltaOut === null ? 'BP1 (δᴸ = aᴸ − y)' : 'BP1 (∂C/∂aᴸ)') : `${layers[l + 1].rule.name} (layer ${l + 1})`,
      field: fieldOf(model.layers[l], t.input.shape),
      activation: mapsOf(t.output, shown),
      delta: mapsOf(delta, shown),
      ...(w === null
        ? {}
        : w.rank === 4
          ? {
              weightGrad: {
                shape: [w.shape[0] * w.shape[1], w.shape[2], w.shape[3]] as [number, number, number],
                data: Array.from(w.data, round4),
              },
            }
          : denseView(denseGrad(w))),
      ...(t.biasGrad ? { biasGrad: Array.from(t.biasGrad.data, round4) } : {}),
      ...(c
        ? {
            check: {
              ok: c.ok,
              rows: [
                ...row('δ passed down', c.checks.delta),
                ...row('∂w', c.checks.weight),
                ...row('∂b', c.checks.bias),
                ...row('network ∂w', c.checks.network.weight),
                ...row('network ∂b', c.checks.network.bias),
              ],
            },
          }
        : {}),
    };
  });
  return {
    version: 1,
    kind: 'inspect',
    title,
    input: mapsOf(layers[0].input),
    layers: out,
    ...(checks?.[0] ? { eps: checks[0].eps, tolerance: checks[0].tolerance } : {}),
  };
}
