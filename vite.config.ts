import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// One config for the app build (Vite) and the tests (Vitest).
export default defineConfig({
  plugins: [solid()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022', sourcemap: true },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
