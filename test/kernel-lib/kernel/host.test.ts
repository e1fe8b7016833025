import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIME_TYPE, currentKernel, emit, kernelWriter, matrixBundle, showMarkdown, tensor, validatePayload } from '../../../kernel-lib/src';
import { denoJupyter, denoWriter, tslabWriter } from '../../../kernel-lib/src/kernel/host';

// The kernel detection and Deno's side of the display channel, with stand-ins for Deno.jupyter
// shaped as Deno 2.9 has them (broadcast(msgType, content), display(bundle, { raw, update, display_id })).
const scope = globalThis as { Deno?: unknown };

describe('which kernel, and its display writer', () => {
  afterEach(() => {
    delete scope.Deno;
    vi.restoreAllMocks();
  });
  const bundle = matrixBundle(tensor([[1, 2]]), 'two');

  it('finds no kernel in plain Node, and none in Deno outside `deno jupyter`, where Deno.jupyter throws', () => {
    expect(denoJupyter()).toBeUndefined();
    expect(currentKernel({})).toBeUndefined();
    scope.Deno = {
      get jupyter() {
        throw new Error('Deno.jupyter is only available in `deno jupyter` subcommand');
      },
    };
    expect(denoJupyter()).toBeUndefined();
    expect(kernelWriter({})).toBeUndefined();
  });

  it('in Deno, sends the whole bundle with Deno.jupyter.broadcast: display_data, then update_display_data for the same display_id', () => {
    const broadcast = vi.fn();
    scope.Deno = { jupyter: { broadcast, display: vi.fn() } };
    expect(currentKernel({})).toBe('deno');
    expect(emit(bundle, { displayId: 'live-1' })).toBe(true);
    emit(bundle, { displayId: 'live-1', update: true });
    expect(broadcast.mock.calls).toEqual([
      ['display_data', { data: bundle, metadata: {}, transient: { display_id: 'live-1' } }],
      ['update_display_data', { data: bundle, metadata: {}, transient: { display_id: 'live-1' } }],
    ]);
    expect(validatePayload(broadcast.mock.calls[0][1].data[MIME_TYPE]).ok).toBe(true);
  });

  it('without broadcast, uses Deno.jupyter.display(bundle, { raw: true, update, display_id })', () => {
    const display = vi.fn();
    denoWriter({ display })!({ data: bundle, metadata: {}, transient: { display_id: 'd' } }, true);
    expect(display).toHaveBeenCalledWith(bundle, { raw: true, update: true, display_id: 'd' });
  });

  it('a send that Deno rejects is reported on stderr, never left as an unhandled rejection (which ends a Deno kernel)', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const rejected = Promise.reject(new Error('iopub closed'));
    denoWriter({ broadcast: () => rejected })!({ data: bundle, metadata: {}, transient: {} }, false);
    await rejected.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(error).toHaveBeenCalledWith('convlab: the Deno kernel did not take the display: iopub closed');
  });

  it('Deno comes before tslab, and tslab is known by its module path even between requests (no writer then)', () => {
    const cache = { '/usr/lib/node_modules/tslab/dist/jupyter.js': { exports: { lastWriteDisplayData: null } } };
    expect(currentKernel(cache)).toBe('tslab');
    expect(tslabWriter(cache)).toBeUndefined();
    scope.Deno = { jupyter: { broadcast: vi.fn() } };
    expect(currentKernel(cache)).toBe('deno');
  });
});

describe('a value as the cell’s last expression, and Markdown, in either kernel', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a tensor answers Symbol.for("Jupyter.display") with the bundle show() sends, titled by its shape', () => {
    const t = tensor([
      [1, -2],
      [3, 4],
    ]);
    const shown = (t as unknown as Record<symbol, () => Record<string, unknown>>)[Symbol.for('Jupyter.display')]();
    expect(Object.keys(shown).sort()).toEqual([MIME_TYPE, 'image/png', 'text/html', 'text/plain'].sort());
    expect(shown[MIME_TYPE]).toMatchObject({ kind: 'matrix', title: 'Tensor [2,2]', shape: [2, 2], data: [1, -2, 3, 4] });
  });

  it('a tensor that cannot be drawn answers with its values as text, NaN and Infinity written out', () => {
    const display = (v: object) => (v as Record<symbol, () => Record<string, unknown>>)[Symbol.for('Jupyter.display')]();
    expect(display(tensor([[Number.NaN, 1, -Infinity]]))).toEqual({ 'text/plain': 'Tensor [1,3] [[NaN,1,-Infinity]]' });
  });

  it('showMarkdown sends text/markdown with its source as text/plain, and prints the source outside a kernel', () => {
    const writer = vi.fn();
    expect(showMarkdown('| a |\n|---|\n| 1 |', {}, writer)).toBe(true);
    expect(writer).toHaveBeenCalledWith(
      { data: { 'text/markdown': '| a |\n|---|\n| 1 |', 'text/plain': '| a |\n|---|\n| 1 |' }, metadata: {}, transient: {} },
      false,
    );
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(showMarkdown('**b**', {}, undefined)).toBe(false);
    expect(log).toHaveBeenCalledWith('**b**');
    expect(() => showMarkdown(3 as unknown as string)).toThrow('showMarkdown: markdown must be a string, got number');
  });
});
