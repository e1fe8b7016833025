import type { MimeBundle } from './bundle';

/** tslab's per-request display writer: sends display_data, or update_display_data when `update`. */
type WriteDisplayData = (
  message: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

type ModuleCache = Record<string, { exports?: { lastWriteDisplayData?: unknown } } | undefined>;

function nodeRequireCache(): ModuleCache {
  return typeof require === 'function' && require.cache ? (require.cache as ModuleCache) : {};
}

/**
 * Finds the running tslab kernel's display writer. It is looked up in the module cache rather than
 * imported, so that the kernel's own instance is found even when a second copy of tslab is installed.
 * Returns undefined outside a kernel (plain Node, tests) and between execute requests.
 */
export function kernelWriter(cache: ModuleCache = nodeRequireCache()): WriteDisplayData | undefined {
  for (const key of Object.keys(cache)) {
    if (!key.replace(/\\/g, '/').endsWith('/tslab/dist/jupyter.js')) continue;
    const writer = cache[key]?.exports?.lastWriteDisplayData;
    if (typeof writer === 'function') return writer as WriteDisplayData;
  }
  return undefined;
}

export interface EmitOptions {
  /** Names the output so that a later emit with `update: true` replaces it in place. */
  displayId?: string;
  /** Replace the output named by `displayId` (update_display_data) instead of adding one. */
  update?: boolean;
}

/**
 * Sends one display_data message holding the whole bundle. Outside a kernel, prints the
 * text/plain fallback instead. Returns whether a kernel received the bundle.
 */
export function emit(bundle: MimeBundle, options: EmitOptions = {}, writer = kernelWriter()): boolean {
  if (!writer) {
    console.log(bundle['text/plain']);
    return false;
  }
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  writer({ data: bundle, metadata: {}, transient }, options.update === true);
  return true;
}
