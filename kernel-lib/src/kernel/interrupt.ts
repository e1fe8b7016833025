import { assert } from '../assert';
import { currentKernel } from './host';

type Listener = (...args: unknown[]) => void;

/**
 * Runs `work` with an AbortSignal that the kernel's interrupt aborts, so that a long async loop
 * (e.g. `fit`, which checks `signal` between mini-batches) stops cleanly and the cell goes on.
 *
 * Why it is needed: Jupyter interrupts a tslab kernel with SIGINT, and tslab's SIGINT handler
 * ends the running cell at once but cannot stop its promises: an async training loop would go
 * on in the background. So while `work` runs, this function takes SIGINT over:
 * - it first waits one turn of the event loop, because while a cell's synchronous part runs,
 *   Node hides the SIGINT listeners (vm's `breakOnSigint`) and only puts tslab's back afterwards;
 * - it then removes the listeners present (tslab's), and lets SIGINT abort the signal instead;
 * - a second SIGINT, while `work` has not yet stopped, goes to the removed listeners as before
 *   (tslab ends the cell), so work that ignores the signal can still be interrupted;
 * - when `work` settles, however it settles, the removed listeners are put back.
 * Calls nest: an inner call restores the outer one's handler. Outside a kernel it works the
 * same with Ctrl-C. This is the only place in convlab that touches process signals.
 *
 * In Deno's kernel, Jupyter's interrupt is also SIGINT, but Deno has no handler of its own: with
 * no listener the signal ends the kernel process (Jupyter restarts it), and a listener runs only
 * when the running code yields. So in Deno the first interrupt aborts the signal as above, and a
 * further one, while `work` has not yet stopped, prints that it is stopping (Deno cannot end a
 * running cell; Kernel → Restart does). Outside `interruptible`, an interrupt ends a Deno kernel.
 *
 * @example
 * const { history, stopped } = await cl.interruptible((signal) =>
 *   cl.fit(net, train, { epochs: 10, batchSize: 10, learningRate: 0.05, signal }));
 * // Kernel → Interrupt: fit returns after the current mini-batch with stopped = true.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => T | PromiseLike<T>): Promise<T> {
  assert(typeof work === 'function', () => `interruptible: work must be a function, got ${typeof work}`, TypeError);
  await new Promise<void>((resolve) => setImmediate(resolve));
  const controller = new AbortController();
  const saved = process.rawListeners('SIGINT') as Listener[];
  const deno = currentKernel() === 'deno';
  const onSigint = (...args: unknown[]): void => {
    if (!controller.signal.aborted) controller.abort();
    else if (deno)
      console.error(
        'interruptible: interrupted again: the work stops at its next check of the signal (Deno cannot end a running cell; Kernel → Restart ends it now)',
      );
    else for (const listener of saved) listener(...args);
  };
  for (const listener of saved) process.removeListener('SIGINT', listener);
  process.on('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
    const present = process.rawListeners('SIGINT');
    for (const listener of saved) if (!present.includes(listener)) process.on('SIGINT', listener);
  }
}
