import { defineConfig } from 'vitest/config';

// Three kinds of tests: the library in Node, the extension's renderer in a DOM, and whole-system
// tests that start kernels, servers and a browser (one file at a time: the machine has 2 cores).
// The system tests run after the other two (groupOrder), never beside them: the library's stress
// tests make their own contention (two busy processes) and bound their waits by the clock, and a
// JupyterLab, a Chromium and a kernel beside them made that contention larger than they set.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'kernel-lib',
          include: ['test/kernel-lib/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // Node 20 runs relaxed SIMD (the fused multiply-add kernels) only with this flag, as the tslab kernelspec does
          poolOptions: { forks: { execArgv: ['--experimental-wasm-relaxed-simd'] } },
        },
      },
      {
        test: {
          name: 'jupyter-extension',
          include: ['test/jupyter-extension/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['test/jupyter-extension/setup.ts'],
        },
      },
      {
        test: {
          name: 'system',
          include: ['test/system/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
