import { describe, expect, it } from 'vitest';
import { validatePayload } from '../../../kernel-lib/src/contract';
import { fieldsExample } from './fieldsExample';

const broken = (edit: (p: Record<string, any>) => void) => {
  const p = structuredClone(fieldsExample) as unknown as Record<string, any>;
  edit(p);
  return validatePayload(p);
};

describe('validatePayload: fields', () => {
  it('accepts the hand-made network', () => expect(validatePayload(fieldsExample).ok).toBe(true));

  it.each([
    [
      'a step that does not read the maps below',
      (p: any) => (p.layers[1].steps[0].input = [2, 4, 4]),
      'fields: layers[1].steps[0].input must be the maps it reads, 2x3x3, got 2x4x4',
    ],
    [
      'an activation its steps do not write',
      (p: any) => (p.layers[0].activation = { shape: [2, 2, 2], data: [0, 0, 0, 0, 0, 0, 0, 0] }),
      'fields: layers[0].activation.shape must be 2x3x3 (what its steps write), got 2x2x2',
    ],
    [
      'groups that do not divide the channels',
      (p: any) => (p.layers[0].steps[0].groups = 2),
      'fields: layers[0].steps[0]: groups must divide the input and output channels',
    ],
    [
      'a pooling step that changes the channels',
      (p: any) => (p.layers[1].steps[0].output = [1, 2, 2]),
      'fields: layers[1].steps[0]: a step that does not mix keeps its channels',
    ],
    [
      'a zero stride',
      (p: any) => (p.layers[0].steps[0].stride = [0, 1]),
      'fields: layers[0].steps[0].stride[0] must be an integer from 1 to 64',
    ],
    [
      'steps that are neither a list nor all',
      (p: any) => (p.layers[3].steps = 'some'),
      "fields: layers[3].steps must be 'all' or an array of at most 4 window steps",
    ],
    ['a focus outside its column', (p: any) => (p.focus = [4, 0, 3, 0]), 'fields: focus[2] must be an integer from 0 to 2'],
    [
      'a dense layer whose outputs are not one column',
      (p: any) => (p.layers[3].activation = { shape: [1, 1, 3], data: [0, 0, 0] }),
      "fields: layers[3].activation.shape must be 1xnx1 (a dense layer's n outputs), got 1x1x3",
    ],
    ['no layers', (p: any) => (p.layers = []), 'fields: layers must be an array of 1 to 64 layers'],
  ])('refuses %s', (_, edit, message) => expect(broken(edit)).toEqual({ ok: false, message }));
});
