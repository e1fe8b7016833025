/**
 * Which Jupyter kernel convlab runs in, and that kernel's way to send a display message. Two are
 * supported, found at call time (never imported, so a second copy of either cannot confuse it):
 * - Deno's built-in kernel (`deno jupyter`): `Deno.jupyter.broadcast(msgType, content)`, the public
 *   call beneath `Deno.jupyter.display(bundle, { raw: true, display_id, update })`. It is used
 *   directly because it sends at once, in order with console output, while `display` first awaits
 *   a formatting step and so lands after text printed later in the same cell.
 * - tslab: its per-request writer `lastWriteDisplayData`, looked up in Node's module cache by the
 *   path tslab/dist/jupyter.js. The cache is one per process, so this finds the kernel's own tslab
 *   even when convlab sits in a notebook's node_modules and tslab is installed globally.
 */

/** The content of a display_data (or update_display_data) message. */
export interface DisplayMessage {
  /** The MIME bundle: MIME type → value. */
  data: object;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** Sends display_data, or update_display_data when `update`. */
export type WriteDisplayData = (message: DisplayMessage, update: boolean) => void;

export type KernelName = 'deno' | 'tslab';

type ModuleCache = Record<string, { exports?: { lastWriteDisplayData?: unknown } } | undefined>;

interface DenoJupyter {
  broadcast?: (msgType: string, content: DisplayMessage) => unknown;
  display?: (bundle: unknown, options: { raw: boolean; update: boolean; display_id?: string }) => unknown;
}

function nodeRequireCache(): ModuleCache {
  return typeof require === 'function' && require.cache ? (require.cache as ModuleCache) : {};
}

/** Deno.jupyter inside `deno jupyter`; undefined in Node, and in Deno outside the kernel (where its getter throws). */
export function denoJupyter(scope: { Deno?: unknown } = globalThis as { Deno?: unknown }): DenoJupyter | undefined {
  const deno = scope.Deno as { jupyter?: DenoJupyter } | undefined;
  if (!deno || typeof deno !== 'object') return undefined;
  try {
    const jupyter = deno.jupyter;
    return jupyter && (typeof jupyter.broadcast === 'function' || typeof jupyter.display === 'function') ? jupyter : undefined;
  } catch {
    return undefined;
  }
}

/** A rejected send must not become an unhandled rejection: Deno ends the kernel on one. */
function reportFailure(result: unknown): void {
  if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
    (result as PromiseLike<unknown>).then(undefined, (error: unknown) =>
      console.error(`convlab: the Deno kernel did not take the display: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

/** Deno's display writer, or undefined outside `deno jupyter`. */
export function denoWriter(jupyter = denoJupyter()): WriteDisplayData | undefined {
  if (!jupyter) return undefined;
  const { broadcast, display } = jupyter;
  if (typeof broadcast === 'function') {
    return (message, update) => reportFailure(broadcast.call(jupyter, update ? 'update_display_data' : 'display_data', message));
  }
  return (message, update) =>
    reportFailure(display!.call(jupyter, message.data, { raw: true, update, display_id: message.transient.display_id }));
}

/** tslab's writer for the running execute request, or undefined outside tslab and between requests. */
export function tslabWriter(cache: ModuleCache = nodeRequireCache()): WriteDisplayData | undefined {
  for (const key of Object.keys(cache)) {
    if (!key.replace(/\\/g, '/').endsWith('/tslab/dist/jupyter.js')) continue;
    const writer = cache[key]?.exports?.lastWriteDisplayData;
    if (typeof writer === 'function') return writer as WriteDisplayData;
  }
  return undefined;
}

/** The kernel running this code: 'deno', 'tslab', or undefined (plain Node or Deno, tests). */
export function currentKernel(cache: ModuleCache = nodeRequireCache()): KernelName | undefined {
  if (denoJupyter()) return 'deno';
  if (Object.keys(cache).some((key) => key.replace(/\\/g, '/').endsWith('/tslab/dist/jupyter.js'))) return 'tslab';
  return undefined;
}
