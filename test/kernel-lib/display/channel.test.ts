import { afterEach, describe, expect, it, vi } from 'vitest';
import { emit, kernelWriter, matrixBundle, tensor } from '../../../kernel-lib/src';

describe('kernel display channel', () => {
  afterEach(() => vi.restoreAllMocks());
  const bundle = matrixBundle(tensor([[1]]), 'one');

  it('finds tslab’s writer in a module cache by the path of tslab/dist/jupyter.js', () => {
    const writer = () => undefined;
    const cache = {
      '/x/node_modules/other/index.js': { exports: {} },
      '/x/node_modules/tslab/dist/jupyter.js': { exports: { lastWriteDisplayData: writer } },
    };
    expect(kernelWriter(cache)).toBe(writer);
    expect(kernelWriter({ '/x/node_modules/tslab/dist/jupyter.js': { exports: { lastWriteDisplayData: null } } })).toBeUndefined();
  });

  it('sends the whole bundle in ONE display_data message', () => {
    const writer = vi.fn();
    expect(emit(bundle, {}, writer)).toBe(true);
    expect(writer).toHaveBeenCalledTimes(1);
    expect(writer).toHaveBeenCalledWith({ data: bundle, metadata: {}, transient: {} }, false);
  });

  it('names the output with display_id and replaces it when update is true', () => {
    const writer = vi.fn();
    emit(bundle, { displayId: 'progress', update: true }, writer);
    expect(writer).toHaveBeenCalledWith({ data: bundle, metadata: {}, transient: { display_id: 'progress' } }, true);
  });

  it('prints the text fallback outside a kernel', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(emit(bundle, {}, undefined)).toBe(false);
    expect(log).toHaveBeenCalledWith('matrix "one", shape 1x1, min 1, max 1\n\none [1x1]\n1');
  });
});
