import type { FieldsPayload } from '../contract';
import { receptiveSizes, sizeText } from '../view';

/** The text fallback of the receptive-field view: per layer its maps and r, j; the followed neuron's fields follow (the scene's sum). */
export function fieldsText(p: FieldsPayload): string[] {
  const steps = p.layers.map((l) => l.steps);
  const sizes = receptiveSizes(steps);
  const lines = p.layers.map((l, i) => `layer ${i} ${l.name}: a ${l.activation.shape.join('x')}, ${sizeText(sizes[i + 1], steps, i + 1)}`);
  return [[`input ${p.input.shape.join('x')}`, ...lines].join('\n')];
}
