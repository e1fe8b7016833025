// The independent reference for receptive fields: the library's own layers, run on impulses.
// A copy of the network with positive weights, zero biases and linear activations maps an input
// that is 0 everywhere but one positive cell to outputs that are positive exactly where that cell
// reaches (no sum can cancel, a max or an average of a window holding it is positive, padding is 0
// or −∞): one forward pass per cell gives the explicit dependency structure.
import {
  AvgPool2D,
  Conv2D,
  ConvPool2D,
  ConvTranspose2D,
  Dense,
  Flatten,
  type Layer,
  MaxPool2D,
  Sequential,
  Tensor,
  rand,
  zeros,
} from '../../../kernel-lib/src';

const positive = (shape: number[], seed: number): Tensor => {
  const t = rand(shape, seed);
  return new Tensor(
    shape,
    t.data.map((v) => 0.5 + v),
  );
};

/** The same geometry with positive weights, zero biases and linear activations. */
export function probeLayer(layer: Layer, seed: number): Layer {
  if (layer instanceof Conv2D) {
    const [k, cg, kh, kw] = layer.weight.value.shape;
    const groups = layer.geometry.groups ?? 1;
    return new Conv2D({
      ...layer.geometry,
      inChannels: cg * groups,
      outChannels: k,
      kernelSize: [kh, kw],
      activation: 'linear',
      weight: positive([k, cg, kh, kw], seed),
      bias: zeros([k]),
    });
  }
  if (layer instanceof ConvTranspose2D) {
    const [c, kg, kh, kw] = layer.weight.value.shape;
    const groups = layer.geometry.groups ?? 1;
    return new ConvTranspose2D({
      ...layer.geometry,
      inChannels: c,
      outChannels: kg * groups,
      kernelSize: [kh, kw],
      activation: 'linear',
      weight: positive([c, kg, kh, kw], seed),
      bias: zeros([kg * groups]),
    });
  }
  if (layer instanceof ConvPool2D) {
    const [k, c, kh, kw] = layer.conv.weight.value.shape;
    return new ConvPool2D({
      ...layer.conv.geometry,
      inChannels: c,
      outChannels: k,
      kernelSize: [kh, kw],
      activation: 'linear',
      pool: layer.pool,
      poolSize: layer.poolSize,
      weight: positive([k, c, kh, kw], seed),
      bias: zeros([k]),
    });
  }
  if (layer instanceof Dense) {
    const [outputs, inputs] = layer.weight.value.shape;
    return new Dense({ inputs, outputs, activation: 'linear', weight: positive([outputs, inputs], seed), bias: zeros([outputs]) });
  }
  if (layer instanceof MaxPool2D || layer instanceof AvgPool2D || layer instanceof Flatten) return layer;
  throw new Error(`probeLayer: no probe for ${layer.name}`);
}

/**
 * reach[q][k] for every cell q of column m (0 the input, l + 1 layer l) and every later column k > m:
 * the flat indices of column k's cells that an impulse at q changes. `shape` is column m's maps [c, h, w].
 */
export function impulseReach(net: Sequential, m: number, shape: readonly number[]): Map<number, number[]>[] {
  const probe = new Sequential(net.layers.slice(m).map((l, i) => probeLayer(l, 100 + i)));
  const n = shape.reduce((a, b) => a * b, 1);
  const flat = zeros([n, n]);
  for (let q = 0; q < n; q++) flat.data[q * n + q] = 1;
  const x = probe.layers[0] instanceof Dense ? flat : flat.reshape([n, ...shape]);
  const out: Map<number, number[]>[] = Array.from({ length: n }, () => new Map());
  let a = x;
  probe.layers.forEach((layer, i) => {
    a = layer.forward(a);
    const per = a.size / n;
    for (let q = 0; q < n; q++) {
      const hit: number[] = [];
      for (let j = 0; j < per; j++) if (a.data[q * per + j] > 0) hit.push(j);
      out[q].set(m + i + 1, hit);
    }
  });
  return out;
}
