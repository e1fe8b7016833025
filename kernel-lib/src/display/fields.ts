import { assert, fmtShape } from '../assert';
import { type FieldsPayload, type IndexBase, LIMITS, type Maps } from '../contract';
import type { Sequential } from '../nn/Sequential';
import { type NetworkFields, receptiveFields } from '../proof/receptiveFields';
import { Tensor } from '../tensor';
import { payloadBundle } from './bundle';
import { emit, type EmitOptions } from './channel';
import { round4 } from './inspectPayload';

/** Options of showFields. */
export interface FieldsViewOptions extends EmitOptions {
  /** Default 'receptive and projective fields'. */
  title?: string;
  /** The neuron shown first (and in the static pictures): [column, channel, row, col], 0-based; column 0 is the input, l + 1 layer l. Default the centre of the last map. */
  follow?: [number, number, number, number];
  /** Numbering of rows, cols and channels in the view; default 1. */
  indexBase?: IndexBase;
}

const op = 'showFields';

/**
 * The payload of the receptive-field view: one example x ([c, h, w], [h, w] or a batch of one)
 * through every layer, each column's maps (four significant digits) and how its cells read the column below.
 */
export function fieldsPayload(
  net: Sequential,
  x: Tensor,
  options: FieldsViewOptions = {},
): { payload: FieldsPayload; fields: NetworkFields } {
  assert(x instanceof Tensor, () => `${op}: x must be a Tensor, got ${typeof x}`, TypeError);
  assert(
    x.rank === 2 || x.rank === 3 || (x.rank === 4 && x.shape[0] === 1),
    () => `${op}: x must be one example [c, h, w], [h, w] or [1, c, h, w], got ${fmtShape(x.shape)}`,
  );
  const example = x.rank === 4 ? x.shape.slice(1) : x.shape;
  const fields = receptiveFields(net, example);
  const shapes = fields.columns.map((c) => c.shape);
  const numbers = shapes.reduce((n, [c, h, w]) => n + c * h * w, 0);
  assert(
    numbers <= LIMITS.values,
    () =>
      `${op}: the maps of every layer hold ${numbers} numbers, more than a view carries (${LIMITS.values}); show a smaller input or fewer layers (maps ${shapes.map(fmtShape).join(' → ')})`,
  );
  const mapsOf = (t: Tensor, k: number): Maps => ({ shape: shapes[k], data: Array.from(t.data, round4) });
  let a = x.reshape([1, ...shapes[0]]);
  const layers = net.layers.map((layer, l) => {
    a = layer.forward(a);
    return { name: layer.name, steps: fields.columns[l + 1].steps, activation: mapsOf(a, l + 1) };
  });
  const payload: FieldsPayload = {
    version: 1,
    kind: 'fields',
    title: options.title ?? 'receptive and projective fields',
    input: mapsOf(x, 0),
    layers,
    ...(options.follow ? { focus: options.follow } : {}),
    ...(options.indexBase === undefined ? {} : { indexBase: options.indexBase }),
  };
  if (options.follow) fields.follow(options.follow); // names a bad neuron in the library's words
  return { payload, fields };
}

/**
 * Shows every layer's maps for one example x (conv and pooling maps as mosaics, a dense layer's
 * outputs as bars), each with its receptive-field size r and jump j in the input; hover or click-pin
 * a neuron of any layer to frame its receptive field in every layer below and its projective field
 * in every layer above (exact: through stride, padding, dilation, groups and pooling, clipped at the
 * borders). Returns the fields (`receptiveFields(net, shape)`), to check what the view shows.
 *
 * @example
 * const f = cl.showFields(net, digit, { follow: [4, 0, 1, 1] });
 * f.columns.map((c) => c.r?.[0]); // [1, 5, 6, 14, 16, …]
 */
export function showFields(net: Sequential, x: Tensor, options: FieldsViewOptions = {}): NetworkFields {
  const { payload, fields } = fieldsPayload(net, x, options);
  emit(payloadBundle(payload), options);
  return fields;
}
