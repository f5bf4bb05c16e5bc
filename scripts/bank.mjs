#!/usr/bin/env node
// `pnpm bank …`: the question bank CLI (packages/questions/src/cli.ts), run where tsx is installed,
// with paths on the command line read from where the command was typed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './lib.mjs';

const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...process.argv.slice(2)], {
  cwd: path.join(root, 'packages/questions'),
  env: { ...process.env, BANK_CWD: process.env.INIT_CWD ?? process.cwd() },
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
