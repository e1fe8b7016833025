import { settingCaption } from './explore';
import { compareDifferences, differenceCaption } from './compare';
import { formatValue } from './geometry';
import type { Payload } from '../contract';

function extent(data: ArrayLike<number>): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < lo) lo = data[i];
    if (data[i] > hi) hi = data[i];
  }
  return data.length === 0 ? 'no values' : `min ${formatValue(lo)}, max ${formatValue(hi)}`;
}

const dims = (shape: readonly number[]): string => shape.join('x');

/**
 * The text alternative of a view (its aria-label, and the caption of the HTML fallback): kind,
 * title, the shape, min and max of what it mainly shows, then what else it shows.
 *
 * @example
 * describePayload({ version: 1, kind: 'matrix', title: 'k', shape: [1, 2], data: [1, 2] }); // 'matrix "k", shape 1x2, min 1, max 2'
 */
export function describePayload(p: Payload): string {
  const head = `${p.kind} "${p.title}"`;
  switch (p.kind) {
    case 'matrix':
    case 'signed':
      return `${head}, shape ${dims(p.shape)}, ${extent(p.data)}`;
    case 'kernel':
      return `${head}, shape ${dims(p.shape)}, ${extent(p.data)}${p.bias === undefined ? '' : `, bias ${formatValue(p.bias)}`}`;
    case 'grid':
      return `${head}, shape ${dims(p.shape)}, ${extent(p.data)}, ${p.scale === 'shared' ? 'one shared scale' : 'a scale per map'}`;
    case 'conv':
      return `${head}, shape ${dims(p.output.shape)}, ${extent(p.output.data)}; input ${p.channels ? `${p.channels} channels of ` : ''}${dims(p.input.shape)}, kernel ${dims(p.kernel.shape)}${p.channels ? ' per channel' : ''}, bias ${formatValue(p.bias)}, activation ${p.activation}`;
    case 'conv-backward':
      return `${head}, shape ${dims(p.output.shape)}, ${extent(p.output.data)}; from δ ${p.channels ? `${p.channels} channels of ` : ''}${dims(p.delta.shape)} and kernel ${dims(p.kernel.shape)}${p.channels ? ' per channel' : ''} rotated by 180°${p.channels ? ', summed over the channels' : ''}`;
    case 'conv-transpose':
      return `${head}, shape ${dims(p.output.shape)}, ${extent(p.output.data)}; transposed convolution of input ${dims(p.input.shape)} by kernel ${dims(p.kernel.shape)}, each input cell stamping its multiple of the kernel`;
    case 'pool':
      return `${head}, shape ${dims(p.output.shape)}, ${extent(p.output.data)}; ${p.mode} pooling ${dims(p.size)} of input ${dims(p.input.shape)}`;
    case 'pool-backward':
      return `${head}, shape ${dims(p.output.shape)}, ${extent(p.output.data)}; δ ${dims(p.delta.shape)} routed back through ${p.mode} pooling ${dims(p.size)}`;
    case 'compare':
      return `${head}, shape ${dims(p.shape)}, ${extent(p.items.flatMap((it) => it.data))}; ${p.items.length} items, ${differenceCaption(compareDifferences(p))}`;
    case 'inspect':
      return `${head}, input ${dims(p.input.shape)}, ${p.layers.length} layers: ${p.layers.map((l) => `${l.name} ${dims(l.activation.shape)}`).join(', ')}${p.layers.some((l) => l.check && !l.check.ok) ? '; a gradient check fails' : ''}`;
    case 'replay':
      return `${head}, ${p.steps.length} recorded steps from ${p.steps[0].step} to ${p.steps[p.steps.length - 1].step}; ${p.panels.map((q) => `${q.title} ${dims(q.shape)}`).join(', ')}`;
    case 'drawing':
      return `${head}, a model of ${p.layers.length} layers (${p.layers.map((l) => l.name).join(', ')}) answering a 28x28 drawing`;
    case 'explore':
      return `${head}, explorer of x ${dims(p.input.shape)} and w ${dims(p.kernel.shape)} at ${settingCaption(p.settings)}`;
    case 'fields':
      return `${head}, input ${dims(p.input.shape)}, ${p.layers.length} layers: ${p.layers.map((l) => `${l.name} ${dims(l.activation.shape)}`).join(', ')}; receptive and projective fields`;
    case 'live': {
      const last = p.series.map((s) => `${s.name} ${s.values.length ? formatValue(s.values[s.values.length - 1]) : '–'}`);
      const status = p.status ? `; ${p.status}` : '';
      const kernels = p.kernels ? `; kernels shape ${dims(p.kernels.shape)}, ${extent(p.kernels.data)}` : '';
      return `${head}, step ${p.step} of ${p.total}${last.length ? `, ${last.join(', ')}` : ''}${status}${kernels}`;
    }
  }
}
