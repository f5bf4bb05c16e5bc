// Helpers shared by start.mjs and test.mjs. Node built-ins only: these run before `pnpm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '10.34.9';

export const log = (message) => console.log(`\x1b[36m▸ ${message}\x1b[0m`);
export const fail = (message) => {
  console.error(`\x1b[31m✖ ${message}\x1b[0m`);
  process.exit(1);
};

export const has = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** pnpm itself if installed at the pinned version, else the pinned version through npx. */
export function pnpmCommand() {
  const version = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (version.status === 0 && version.stdout.trim() === PNPM_VERSION) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

/** Runs a command in the repo, inheriting stdio; exits the script if it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0)
    fail(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export function pnpm(args, options) {
  const [command, ...prefix] = pnpmCommand();
  run(command, [...prefix, ...args], options);
}

export function ensureInstalled() {
  if (existsSync(path.join(root, 'node_modules', '.modules.yaml'))) return;
  log('Installing dependencies (pnpm install --frozen-lockfile)…');
  pnpm(['install', '--frozen-lockfile']);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app unless its build is newer than every web and protocol source. */
export function ensureWebBuild({ force = false } = {}) {
  const index = path.join(root, 'apps/web/dist/index.html');
  const sources = Math.max(
    newestMtime(path.join(root, 'apps/web')),
    newestMtime(path.join(root, 'packages/protocol')),
  );
  if (!force && existsSync(index) && statSync(index).mtimeMs > sources) return;
  log('Building the web app…');
  pnpm(['--filter', '@interview-room/web', 'build']);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Installs missing Debian packages when we can (root + apt), or stops with the exact command. */
export function ensureSystemPackages(packages, aptFlags = []) {
  const missing = packages.filter(({ command }) => !has(command));
  if (missing.length === 0) return;
  const names = missing.map(({ pkg }) => pkg).join(' ');
  const command = `apt-get update && apt-get install -y ${[...aptFlags, names].join(' ')}`;
  if (!has('apt-get')) fail(`Missing: ${names}. Install them with your package manager and re-run.`);
  if (!isRoot()) fail(`Missing: ${names}. Install them with:\n    sudo sh -c '${command}'`);
  log(`Installing ${names} with apt-get…`);
  run('sh', ['-c', command], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function spawnInherit(command, args, options = {}) {
  return spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
}
