#!/usr/bin/env node
// `npm test` / `pnpm test`: everything, in order: typecheck, lint, unit + integration (real
// Redis), then end-to-end in Chromium against the production build.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureInstalled, ensureSystemPackages, ensureWebBuild, freePort, log, pnpm, run } from './lib.mjs';

ensureSystemPackages([
  { command: 'redis-server', pkg: 'redis-server' },
  { command: 'chromium', pkg: 'chromium' },
]);
// Only the compose file checker: --no-install-recommends keeps the Docker engine out.
ensureSystemPackages([{ command: 'docker-compose', pkg: 'docker-compose' }], ['--no-install-recommends']);
ensureInstalled();

log('Typecheck');
pnpm(['-r', 'typecheck']);
log('docker-compose.yml is valid');
run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q']);
log('Lint and format check (Biome)');
pnpm(['exec', 'biome', 'check', '.']);
log('Unit and integration tests (vitest, real Redis)');
const reports = mkdtempSync(path.join(tmpdir(), 'ir-test-'));
const vitestReport = path.join(reports, 'vitest.json');
pnpm(['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
ensureWebBuild({ force: true });
log('End-to-end tests (Playwright, Chromium)');
const port = String(await freePort());
const playwrightReport = path.join(reports, 'playwright.json');
pnpm(['--filter', '@interview-room/e2e', 'exec', 'playwright', 'test', '--reporter=list,json'], {
  env: { ...process.env, E2E_PORT: port, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
});

// One closing line with the totals of both runners.
const unit = JSON.parse(readFileSync(vitestReport, 'utf8'));
const e2e = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats;
const passed = unit.numPassedTests + e2e.expected + e2e.flaky;
const failed = unit.numFailedTests + e2e.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
log(`vitest: ${unit.numPassedTests} passed; playwright: ${e2e.expected + e2e.flaky} passed`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exit(1);
