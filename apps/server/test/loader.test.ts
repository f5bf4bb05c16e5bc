import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVER_LOADER } from '../src/nodeArgs.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/closureShape.ts', import.meta.url));

describe('the server loader (loader/register.mjs)', () => {
  it('runs TypeScript without giving each closure a dictionary of its own (tsx does)', () => {
    const output = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', SERVER_LOADER, FIXTURE],
      {
        cwd: SERVER_DIR,
        encoding: 'utf8',
      },
    );
    const shape = JSON.parse(output) as { name: string; fastProperties: boolean; frame: string };
    // Names still come from V8 itself, so logs and stacks keep them.
    expect(shape.name).toBe('onMessage');
    expect(shape.fastProperties).toBe(true);
    // The inline source map points stack traces at the TypeScript line.
    expect(shape.frame).toMatch(/closureShape\.ts:19:/);
  });
});
