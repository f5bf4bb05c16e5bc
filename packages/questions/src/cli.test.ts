import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../test/fixtures', import.meta.url));

/** `pnpm bank …` as typed in `cwd`: the root script, with no pnpm around it to set INIT_CWD. */
function bank(
  args: string[],
  cwd = FIXTURES,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { INIT_CWD: _init, BANK_CWD: _bank, ...env } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/bank.mjs'), ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

describe('pnpm bank validate', () => {
  it('counts the questions and banks of a valid folder, read from where the command was typed', async () => {
    expect(await bank(['validate', 'valid'])).toEqual({
      code: 0,
      stdout: 'ok: 3 questions in 2 banks\n',
      stderr: '',
    });
  });

  it('counts one bank folder as one bank', async () => {
    const { code, stdout } = await bank(['validate', '../../banks/python']);
    expect([code, stdout]).toEqual([0, 'ok: 10 questions in 1 bank\n']);
  });

  it('prints every error of the folder, file:line: field: expected …, and exits 1', async () => {
    const { code, stdout, stderr } = await bank(['validate', 'broken']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const printed = lines(stderr);
    expect(printed).toContain(
      'broken/bad-level.md:5: level: expected one of junior, mid, senior, got "expert"',
    );
    expect(printed).toContain(
      'broken/empty-list.md:38: Red flags: expected at least one "- " list item, got an empty section',
    );
    expect(printed).toHaveLength(36);
    expect(printed.at(-1)).toBe('35 errors in broken');
  });

  it('refuses an id the built-in bank has, as the server would', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ir-cli-'));
    const question = readFileSync(path.join(FIXTURES, 'valid/basics/02-minimal.md'), 'utf8');
    writeFileSync(path.join(dir, 'gil.md'), question.replace('id: minimal', 'id: python-gil'));
    const { code, stderr } = await bank(['validate', dir]);
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([
      `${dir}/gil.md:2: id: duplicate id "python-gil": expected a unique id, but the built-in bank already uses it`,
      `1 error in ${dir}`,
    ]);
  });

  it('shows its usage and exits 2 without a folder', async () => {
    const { code, stderr } = await bank(['validate']);
    expect(code).toBe(2);
    expect(stderr).toContain('pnpm bank validate <dir>');
  });
});

describe('pnpm bank build --check', () => {
  it('passes: src/generated matches banks/', async () => {
    expect(await bank(['build', '--check'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
