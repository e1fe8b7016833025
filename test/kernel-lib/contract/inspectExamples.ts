import type { FieldStage, InspectPayload, ReplayPayload } from '../../../kernel-lib/src/contract';

/** Small valid inspect and replay payloads, hand-made: a 4x4 input, conv 2x2 (1→2), pool 2, dense 3. */
const range = (n: number, f: (i: number) => number = (i) => i) => Array.from({ length: n }, (_, i) => f(i));
export const conv2: FieldStage = { size: [2, 2], stride: [1, 1], padding: [0, 0], dilation: [1, 1], mixes: true };
export const pool2: FieldStage = { size: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], mixes: false };

export const inspectExample: InspectPayload = {
  version: 1,
  kind: 'inspect',
  title: 'one example',
  eps: 1e-5,
  tolerance: 1e-6,
  input: { shape: [1, 4, 4], data: range(16) },
  layers: [
    {
      name: 'conv',
      rule: 'full(δ, rot180 w)',
      deltaRule: 'max-pool routing (layer 1)',
      field: [conv2],
      activation: { shape: [2, 3, 3], data: range(18, (i) => i / 10) },
      delta: { shape: [2, 3, 3], data: range(18, (i) => (i % 3) - 1) },
      weightGrad: { shape: [2, 2, 2], data: range(8, (i) => i - 4) },
      biasGrad: [0.5, -0.5],
      check: {
        ok: true,
        rows: [
          { label: 'δ passed down', error: 1e-11, residual: range(16, () => 1e-11) },
          { label: '∂w', error: 0, residual: range(8, () => 0) },
        ],
      },
    },
    {
      name: 'pool',
      rule: 'max-pool routing',
      deltaRule: 'BP2 (layer 2)',
      field: [pool2],
      activation: { shape: [2, 1, 1], data: [1.7, 1.6] },
      delta: { shape: [2, 1, 1], data: [0.3, -0.2] },
    },
    {
      name: 'dense',
      rule: 'BP1',
      deltaRule: 'BP1 (δᴸ = aᴸ − y)',
      field: 'all',
      activation: { shape: [1, 1, 3], data: [0.2, 0.5, 0.3] },
      delta: { shape: [1, 1, 3], data: [0.2, -0.5, 0.3] },
      weightGrad: { shape: [1, 3, 2], data: range(6, (i) => i / 6 - 0.5) },
      biasGrad: [0.2, -0.5, 0.3],
      check: { ok: false, rows: [{ label: '∂w', error: 0.5, residual: [0.5, -0.25, 0, 0, 0, 0] }] },
    },
  ],
};

/** Three steps; channel 1 of the activation is 0 everywhere from the second step on (dead). */
export const replayExample: ReplayPayload = {
  version: 1,
  kind: 'replay',
  title: 'replay',
  label: 1,
  position: 0,
  panels: [
    { title: 'layer 0 conv: kernels w', kind: 'kernels', shape: [2, 2, 2] },
    { title: "layer 0 conv: the probe's a", kind: 'activation', shape: [2, 2, 2] },
    { title: "layer 2 dense: the probe's δ", kind: 'delta', shape: [1, 1, 3] },
  ],
  steps: [0, 1, 2].map((s) => ({
    step: s * 10,
    epoch: s === 2 ? 1 : 0,
    loss: s === 0 ? null : 1 / s,
    accuracy: s === 0 ? null : s / 3,
    probeLoss: 2 - s / 2,
    predicted: s === 2 ? 1 : 0,
    values: [
      range(8, (i) => (i - 4) * (1 + s)),
      [1, 2, 3, 4, ...(s === 0 ? [1, 1, 1, 1] : [0, 0, 0, 0])],
      [0.4, -0.8, 0.4].map((v) => v / (1 + s)),
    ],
  })),
};
