import { assert } from '../assert';
import { denoWriter, tslabWriter, type WriteDisplayData } from '../kernel/host';
import { type MimeBundle, wireBundle } from './bundle';

type ModuleCache = Parameters<typeof tslabWriter>[0];

/**
 * The running kernel's display writer: Deno's (`deno jupyter`) or tslab's (found in the module
 * cache, so the kernel's own instance is found even beside a second copy of tslab). Returns
 * undefined outside a kernel (plain Node or Deno, tests) and, in tslab, between execute requests.
 */
export function kernelWriter(cache?: ModuleCache): WriteDisplayData | undefined {
  return denoWriter() ?? tslabWriter(cache);
}

export interface EmitOptions {
  /** Names the output so that a later emit with `update: true` replaces it in place. */
  displayId?: string;
  /** Replace the output named by `displayId` (update_display_data) instead of adding one. */
  update?: boolean;
}

/**
 * Sends one display_data message holding the whole bundle (in its wire form), in tslab or in Deno. Outside a kernel,
 * prints the text/plain fallback instead. Returns whether a kernel received the bundle.
 */
export function emit(bundle: MimeBundle, options: EmitOptions = {}, writer = kernelWriter()): boolean {
  if (!writer) {
    console.log(bundle['text/plain']);
    return false;
  }
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  writer({ data: wireBundle(bundle), metadata: {}, transient }, options.update === true);
  return true;
}

/**
 * Shows Markdown (a table of cases, a note) in tslab or Deno as one display_data message of
 * text/markdown, with the source as its text/plain fallback; outside a kernel, prints the source.
 * Returns whether a kernel received it.
 *
 * @example
 * cl.showMarkdown("| i | o |\n|---|---|\n| 28 | 24 |");
 */
export function showMarkdown(markdown: string, options: EmitOptions = {}, writer = kernelWriter()): boolean {
  assert(typeof markdown === 'string', () => `showMarkdown: markdown must be a string, got ${typeof markdown}`, TypeError);
  if (!writer) {
    console.log(markdown);
    return false;
  }
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  writer({ data: { 'text/markdown': markdown, 'text/plain': markdown }, metadata: {}, transient }, options.update === true);
  return true;
}
