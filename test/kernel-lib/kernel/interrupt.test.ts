import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Dense, Flatten, Sequential, fit, interruptible, oneHot, randn } from '../../../kernel-lib/src';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Steps until the signal is aborted, emitting SIGINT (as the kernel's interrupt does) after `at` steps. */
async function loop(signal: AbortSignal, at: number, limit = 100): Promise<number> {
  let steps = 0;
  while (!signal.aborted && steps < limit) {
    await tick();
    steps++;
    if (steps === at) process.emit('SIGINT');
  }
  return steps;
}

describe('interruptible', () => {
  // Stands in for tslab's handler, which ends the cell; the test runner's own listeners are set aside.
  let kernelHandler: ReturnType<typeof vi.fn>;
  let runner: Function[];
  beforeEach(() => {
    runner = process.rawListeners('SIGINT');
    process.removeAllListeners('SIGINT');
    kernelHandler = vi.fn();
    process.on('SIGINT', kernelHandler);
  });
  afterEach(() => {
    process.removeAllListeners('SIGINT');
    for (const listener of runner) process.on('SIGINT', listener as () => void);
  });

  it('SIGINT after a few steps aborts the signal; the kernel handler is not called', async () => {
    const steps = await interruptible((signal) => loop(signal, 3));
    expect(steps).toBe(3);
    expect(kernelHandler).not.toHaveBeenCalled();
  });

  it('puts the kernel handler back afterwards, alone, and SIGINT reaches it again', async () => {
    await interruptible((signal) => loop(signal, 2));
    expect(process.rawListeners('SIGINT')).toEqual([kernelHandler]);
    process.emit('SIGINT');
    expect(kernelHandler).toHaveBeenCalledTimes(1);
  });

  it('puts the kernel handler back when work throws, and passes the error on', async () => {
    await expect(
      interruptible(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(process.rawListeners('SIGINT')).toEqual([kernelHandler]);
  });

  it('does not swallow SIGINT before it is armed: the call waits one event-loop turn first', async () => {
    const running = interruptible((signal) => loop(signal, 1));
    process.emit('SIGINT'); // still synchronous: not armed yet, so the kernel handles it
    expect(kernelHandler).toHaveBeenCalledTimes(1);
    expect(await running).toBe(1);
    expect(kernelHandler).toHaveBeenCalledTimes(1);
  });

  it('a second SIGINT, while work has not stopped, goes to the kernel handler', async () => {
    const result = await interruptible(async (signal) => {
      process.emit('SIGINT');
      const first = signal.aborted;
      process.emit('SIGINT'); // the work ignores the signal: the user presses interrupt again
      return first;
    });
    expect(result).toBe(true);
    expect(kernelHandler).toHaveBeenCalledTimes(1);
  });

  it("takes SIGINT over even when called from code run with vm's breakOnSigint, which hides the listeners (as a tslab cell)", async () => {
    const cell = globalThis as { runCell?: () => Promise<number> };
    cell.runCell = () => interruptible((signal) => loop(signal, 2));
    try {
      const running = vm.runInThisContext('runCell()', { breakOnSigint: true }) as Promise<number>;
      expect(process.rawListeners('SIGINT')).toEqual([kernelHandler]); // vm has put it back
      expect(await running).toBe(2);
      expect(kernelHandler).not.toHaveBeenCalled();
      expect(process.rawListeners('SIGINT')).toEqual([kernelHandler]);
    } finally {
      delete cell.runCell;
    }
  });

  it('nests: an inner call restores the outer one, which restores the kernel handler', async () => {
    await interruptible(async (outer) => {
      await interruptible((inner) => loop(inner, 1));
      expect(outer.aborted).toBe(false);
      expect(await loop(outer, 1)).toBe(1);
    });
    expect(process.rawListeners('SIGINT')).toEqual([kernelHandler]);
    expect(kernelHandler).not.toHaveBeenCalled();
  });

  it('stops fit between two mini-batches, with stopped = true', async () => {
    const model = new Sequential([new Flatten(), new Dense({ inputs: 4, outputs: 2, activation: 'softmax', seed: 1 })]);
    const data = {
      x: randn([40, 1, 2, 2], 1),
      y: oneHot(
        Array.from({ length: 40 }, (_, i) => i % 2),
        2,
      ),
    };
    let batches = 0;
    const result = await interruptible((signal) =>
      fit(model, data, {
        epochs: 5,
        batchSize: 4,
        learningRate: 0.1,
        loss: 'softmaxCrossEntropy',
        signal,
        onBatch: () => {
          batches++;
          if (batches === 3) process.emit('SIGINT');
        },
      }),
    );
    expect(result.stopped).toBe(true);
    expect(batches).toBe(3);
    expect(result.history).toEqual([]);
  });

  it('throws when work is not a function', async () => {
    await expect(interruptible(42 as never)).rejects.toThrow(/^interruptible: work must be a function, got number$/);
    await expect(interruptible(42 as never)).rejects.toBeInstanceOf(TypeError);
  });
});
