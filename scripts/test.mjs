#!/usr/bin/env node
// `npm test` / `pnpm test`: everything, in order: typecheck, lint, unit + integration (real
// Redis), then end-to-end in Chromium against the production build.
import { ensureInstalled, ensureSystemPackages, ensureWebBuild, freePort, log, pnpm } from './lib.mjs';

ensureSystemPackages([
  { command: 'redis-server', pkg: 'redis-server' },
  { command: 'chromium', pkg: 'chromium' },
]);
ensureInstalled();

log('Typecheck');
pnpm(['-r', 'typecheck']);
log('Lint and format check (Biome)');
pnpm(['exec', 'biome', 'check', '.']);
log('Unit and integration tests (vitest, real Redis)');
pnpm(['exec', 'vitest', 'run']);
ensureWebBuild({ force: true });
log('End-to-end tests (Playwright, Chromium)');
const port = String(await freePort());
pnpm(['--filter', '@interview-room/e2e', 'exec', 'playwright', 'test'], {
  env: { ...process.env, E2E_PORT: port },
});
log('All tests passed');
