import { LIMITS, type Reader, fail, isRecord } from './checks';

type Fields = Record<string, unknown>;

/** Most layers of an inspected network, rows of a gradient check, residuals per row, steps and panels of a replay. */
export const INSPECT_LIMITS = { layers: 64, checkRows: 8, residuals: 4096, steps: 1024, panels: 16 } as const;

function maps(value: unknown, name: string, read: Reader): [number, number, number] {
  return read.tensor(value, name, 3).shape as [number, number, number];
}

function pair(value: unknown, name: string, min: number, read: Reader): void {
  if (!Array.isArray(value) || value.length !== 2) fail(`${name} must be [rows, cols]`);
  (value as unknown[]).forEach((v, i) => read.int(v, `${name}[${i}]`, min, LIMITS.window));
}

function field(value: unknown, name: string, read: Reader): void {
  if (value === 'all') return;
  if (!Array.isArray(value) || value.length > 4) fail(`${name} must be 'all' or an array of at most 4 window steps`);
  (value as unknown[]).forEach((s, i) => {
    if (!isRecord(s)) fail(`${name}[${i}] must be an object with size, stride, padding, dilation and mixes`);
    pair(s.size, `${name}[${i}].size`, 1, read);
    pair(s.stride, `${name}[${i}].stride`, 1, read);
    pair(s.padding, `${name}[${i}].padding`, 0, read);
    pair(s.dilation, `${name}[${i}].dilation`, 1, read);
    if (typeof s.mixes !== 'boolean') fail(`${name}[${i}].mixes must be true or false`);
  });
}

function sameShape(a: readonly number[], b: readonly number[], name: string, rule: string): void {
  if (a.some((d, i) => d !== b[i])) fail(`${name} must be ${b.join('x')} (${rule}), got ${a.join('x')}`);
}

function check(value: unknown, name: string, read: Reader): void {
  if (!isRecord(value)) fail(`${name} must be an object with ok and rows`);
  if (typeof value.ok !== 'boolean') fail(`${name}.ok must be true or false`);
  if (!Array.isArray(value.rows) || value.rows.length > INSPECT_LIMITS.checkRows)
    fail(`${name}.rows must be an array of at most ${INSPECT_LIMITS.checkRows} rows`);
  (value.rows as unknown[]).forEach((row, i) => {
    if (!isRecord(row)) fail(`${name}.rows[${i}] must be an object with label, error and residual`);
    read.text(row.label, `${name}.rows[${i}].label`);
    if (row.error !== null) {
      const e = read.finite(row.error, `${name}.rows[${i}].error`) as number;
      if (e < 0) fail(`${name}.rows[${i}].error must not be negative`);
    }
    const residual = read.numbers(row.residual, `${name}.rows[${i}].residual`);
    if (residual.length > INSPECT_LIMITS.residuals) fail(`${name}.rows[${i}].residual has more than ${INSPECT_LIMITS.residuals} values`);
  });
}

/** The inspect payload: every layer's maps have consistent shapes; the focus names an existing neuron. */
export function inspect(p: Fields, read: Reader): void {
  const shapes = [maps(p.input, 'input', read)];
  if (!Array.isArray(p.layers) || p.layers.length < 1 || p.layers.length > INSPECT_LIMITS.layers)
    fail(`layers must be an array of 1 to ${INSPECT_LIMITS.layers} layers`);
  (p.layers as unknown[]).forEach((layer, l) => {
    const name = `layers[${l}]`;
    if (!isRecord(layer)) fail(`${name} must be an object`);
    read.text(layer.name, `${name}.name`);
    read.text(layer.rule, `${name}.rule`);
    read.text(layer.deltaRule, `${name}.deltaRule`);
    field(layer.field, `${name}.field`, read);
    const shape = maps(layer.activation, `${name}.activation`, read);
    if (Array.isArray(layer.field) && layer.field.length === 0)
      sameShape(shape, shapes[l], `${name}.activation.shape`, 'a cell-to-cell layer keeps its input shape');
    sameShape(maps(layer.delta, `${name}.delta`, read), shape, `${name}.delta.shape`, 'the shape of the activation');
    if (layer.weightGrad !== undefined) maps(layer.weightGrad, `${name}.weightGrad`, read);
    read.text(layer.weightNote, `${name}.weightNote`, true);
    if (layer.biasGrad !== undefined) {
      const b = read.numbers(layer.biasGrad, `${name}.biasGrad`);
      if (b.length > LIMITS.maps) fail(`${name}.biasGrad has more than ${LIMITS.maps} values`);
    }
    if (layer.check !== undefined) check(layer.check, `${name}.check`, read);
    shapes.push(shape);
  });
  for (const key of ['eps', 'tolerance'] as const) {
    const v = read.finite(p[key], key, true);
    if (v !== undefined && v <= 0) fail(`${key} must be positive`);
  }
  if (p.focus !== undefined) {
    if (!Array.isArray(p.focus) || p.focus.length !== 4) fail('focus must be [column, channel, row, col]');
    const [k] = p.focus as unknown[];
    read.int(k, 'focus[0]', 0, shapes.length - 1);
    const shape = shapes[k as number];
    (p.focus as unknown[]).slice(1).forEach((v, i) => read.int(v, `focus[${i + 1}]`, 0, shape[i] - 1));
  }
}

/** The replay payload: every step holds one array per panel, of the panel's size. */
export function replay(p: Fields, read: Reader): void {
  if (!Array.isArray(p.panels) || p.panels.length < 1 || p.panels.length > INSPECT_LIMITS.panels)
    fail(`panels must be an array of 1 to ${INSPECT_LIMITS.panels} panels`);
  const sizes = (p.panels as unknown[]).map((panel, i) => {
    if (!isRecord(panel)) fail(`panels[${i}] must be an object with title, kind and shape`);
    read.text(panel.title, `panels[${i}].title`);
    read.oneOf(panel.kind, `panels[${i}].kind`, ['kernels', 'activation', 'delta']);
    return read.shape(panel.shape, `panels[${i}].shape`, 3).reduce((a, b) => a * b, 1);
  });
  if (!Array.isArray(p.steps) || p.steps.length < 1 || p.steps.length > INSPECT_LIMITS.steps)
    fail(`steps must be an array of 1 to ${INSPECT_LIMITS.steps} steps`);
  (p.steps as unknown[]).forEach((s, i) => {
    const name = `steps[${i}]`;
    if (!isRecord(s)) fail(`${name} must be an object`);
    read.int(s.step, `${name}.step`, 0, Number.MAX_SAFE_INTEGER);
    read.int(s.epoch, `${name}.epoch`, 0, Number.MAX_SAFE_INTEGER);
    for (const key of ['loss', 'accuracy'] as const) if (s[key] !== null) read.finite(s[key], `${name}.${key}`);
    read.finite(s.probeLoss, `${name}.probeLoss`);
    read.int(s.predicted, `${name}.predicted`, 0, LIMITS.maps);
    if (!Array.isArray(s.values) || s.values.length !== sizes.length)
      fail(`${name}.values must hold one array per panel (${sizes.length})`);
    (s.values as unknown[]).forEach((v, j) => read.numbers(v, `${name}.values[${j}]`, sizes[j]));
  });
  read.int(p.label, 'label', 0, LIMITS.maps, true);
  read.int(p.position, 'position', 0, p.steps.length - 1, true);
}
