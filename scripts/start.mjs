#!/usr/bin/env node
// `npm start`: install, build the web app if needed, and run the server (in-memory store
// unless REDIS_URL is set).
import path from 'node:path';
import { ensureInstalled, ensureWebBuild, log, pnpmCommand, spawnInherit } from './lib.mjs';

// The server runs in apps/server; a relative path in the environment means the caller's folder.
const callerDir = process.env.INIT_CWD ?? process.cwd();
for (const name of ['QUESTION_BANKS_DIR', 'QUESTION_BANK_FILE']) {
  if (process.env[name]) process.env[name] = path.resolve(callerDir, process.env[name]);
}

ensureInstalled();
ensureWebBuild();
log(`Starting Interview Room on port ${process.env.PORT ?? 3000}…`);
const [command, ...prefix] = pnpmCommand();
const server = spawnInherit(command, [...prefix, '--filter', '@interview-room/server', '--silent', 'start']);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
