import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.dirname(import.meta.dirname),
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // Each data-layer test starts a PGlite of its own: seconds on a busy two-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Narrowed runs must not reach CI.
    allowOnly: !process.env['CI'],
  },
});
