import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.dirname(import.meta.dirname),
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // Narrowed runs must not reach CI.
    allowOnly: !process.env['CI'],
  },
});
