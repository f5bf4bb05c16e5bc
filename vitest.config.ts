import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'bench/test/**/*.test.ts',
    ],
    globalSetup: ['apps/server/test/redisGlobalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
