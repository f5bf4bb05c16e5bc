#!/usr/bin/env node
// `pnpm dev`: the server (restarts on change) and Vite (hot reload, proxies to the server).
import { ensureInstalled, log, pnpmCommand, spawnInherit } from './lib.mjs';

ensureInstalled();
const serverPort = process.env.PORT ?? '3000';
const [command, ...prefix] = pnpmCommand();
const env = { ...process.env, PORT: serverPort, SERVER_PORT: serverPort };
const children = [
  spawnInherit(command, [...prefix, '--filter', '@interview-room/server', 'dev'], { env }),
  spawnInherit(command, [...prefix, '--filter', '@interview-room/web', 'dev'], { env }),
];
log('Dev servers starting: open the URL Vite prints (it proxies the API to the server).');
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
