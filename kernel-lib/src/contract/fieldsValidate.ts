import { LIMITS, type Reader, fail, isRecord } from './checks';

type Fields = Record<string, unknown>;

/** Most layers of a receptive-field view, and window steps of one layer. */
export const FIELDS_LIMITS = { layers: 64, steps: 4 } as const;

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

function pair(value: unknown, name: string, min: number, max: number, read: Reader): void {
  if (!Array.isArray(value) || value.length !== 2) fail(`${name} must be [rows, cols]`);
  (value as unknown[]).forEach((v, i) => read.int(v, `${name}[${i}]`, min, max));
}

/** One window step: its window, and maps in and out whose channels its groups divide. */
function step(s: unknown, name: string, read: Reader): { input: number[]; output: number[] } {
  if (!isRecord(s)) fail(`${name} must be an object with size, stride, padding, dilation, mixes, input and output`);
  pair(s.size, `${name}.size`, 1, LIMITS.window, read);
  pair(s.stride, `${name}.stride`, 1, LIMITS.window, read);
  pair(s.padding, `${name}.padding`, 0, LIMITS.window, read);
  pair(s.dilation, `${name}.dilation`, 1, LIMITS.window, read);
  if (typeof s.mixes !== 'boolean') fail(`${name}.mixes must be true or false`);
  const input = read.shape(s.input, `${name}.input`, 3);
  const output = read.shape(s.output, `${name}.output`, 3);
  const groups = read.int(s.groups, `${name}.groups`, 1, LIMITS.maps, true) ?? 1;
  if (s.transposed !== undefined && (typeof s.transposed !== 'boolean' || (s.transposed && !s.mixes)))
    fail(`${name}.transposed must be true or false, and true only for a step that mixes`);
  if (s.mixes ? input[0] % groups !== 0 || output[0] % groups !== 0 : input[0] !== output[0] || groups !== 1)
    fail(`${name}: ${s.mixes ? 'groups must divide the input and output channels' : 'a step that does not mix keeps its channels'}`);
  return { input, output };
}

/** The fields payload: each layer's steps read the maps below it and write its activation's maps; the focus names a neuron. */
export function fields(p: Fields, read: Reader): void {
  const shapes = [read.tensor(p.input, 'input', 3).shape];
  if (!Array.isArray(p.layers) || p.layers.length < 1 || p.layers.length > FIELDS_LIMITS.layers)
    fail(`layers must be an array of 1 to ${FIELDS_LIMITS.layers} layers`);
  (p.layers as unknown[]).forEach((layer, l) => {
    const name = `layers[${l}]`;
    if (!isRecord(layer)) fail(`${name} must be an object`);
    read.text(layer.name, `${name}.name`);
    const shape = read.tensor(layer.activation, `${name}.activation`, 3).shape;
    if (layer.steps === 'all') {
      if (shape[0] !== 1 || shape[2] !== 1)
        fail(`${name}.activation.shape must be 1xnx1 (a dense layer's n outputs), got ${shape.join('x')}`);
    } else {
      if (!Array.isArray(layer.steps) || layer.steps.length > FIELDS_LIMITS.steps)
        fail(`${name}.steps must be 'all' or an array of at most ${FIELDS_LIMITS.steps} window steps`);
      let below = shapes[l];
      (layer.steps as unknown[]).forEach((s, i) => {
        const { input, output } = step(s, `${name}.steps[${i}]`, read);
        if (!same(input, below)) fail(`${name}.steps[${i}].input must be the maps it reads, ${below.join('x')}, got ${input.join('x')}`);
        below = output;
      });
      if (!same(shape, below)) fail(`${name}.activation.shape must be ${below.join('x')} (what its steps write), got ${shape.join('x')}`);
    }
    shapes.push(shape);
  });
  if (p.focus !== undefined) {
    if (!Array.isArray(p.focus) || p.focus.length !== 4) fail('focus must be [column, channel, row, col]');
    const k = read.int((p.focus as unknown[])[0], 'focus[0]', 0, shapes.length - 1) as number;
    (p.focus as unknown[]).slice(1).forEach((v, i) => read.int(v, `focus[${i + 1}]`, 0, shapes[k][i] - 1));
  }
}
