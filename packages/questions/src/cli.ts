// `pnpm bank validate <dir>` and `pnpm bank build`: see usage below.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatBankError } from './markdown/errors.ts';
import {
  BUILT_IN_BANKS_DIR,
  GENERATED_DIR,
  generateBuiltInBanks,
  generatedFiles,
} from './markdown/generate.ts';
import { loadBanks } from './markdown/loadBanks.ts';

const USAGE = `usage:
  pnpm bank validate <dir>   check a folder of banks (or one bank folder) as the server loads it
  pnpm bank build            compile packages/questions/banks into src/generated
  pnpm bank build --check    only say whether src/generated is up to date`;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

async function validate(dir: string): Promise<number> {
  // The server adds these banks to the built-in ones, so the same ids clash here as there; the
  // built-in banks' own folders are the exception.
  const own = !path.relative(BUILT_IN_BANKS_DIR, path.resolve(dir)).startsWith('..');
  // Imported here, not above: `build` must work while the generated modules are missing or stale.
  const { defaultBank } = await import('./index.ts');
  const { banks, errors } = loadBanks(dir, own ? {} : { existing: defaultBank.all() });
  if (errors.length > 0) {
    for (const error of errors) console.error(formatBankError(error));
    console.error(`${plural(errors.length, 'error')} in ${dir}`);
    return 1;
  }
  const questions = banks.reduce((sum, bank) => sum + bank.questions.length, 0);
  console.log(`ok: ${plural(questions, 'question')} in ${plural(banks.length, 'bank')}`);
  return 0;
}

function build(check: boolean): number {
  const { files, errors } = generateBuiltInBanks();
  if (errors.length > 0) {
    for (const error of errors) console.error(formatBankError(error));
    return 1;
  }
  const stale = generatedFiles().filter((name) => !files.has(name));
  const changed = [...files].filter(([name, content]) => read(path.join(GENERATED_DIR, name)) !== content);
  if (check) {
    for (const name of [...changed.map(([name]) => name), ...stale])
      console.error(`out of date: src/generated/${name}`);
    if (changed.length + stale.length > 0) console.error('run `pnpm bank build` and commit the result');
    return changed.length + stale.length > 0 ? 1 : 0;
  }
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [name, content] of changed) writeFileSync(path.join(GENERATED_DIR, name), content);
  for (const name of stale) rmSync(path.join(GENERATED_DIR, name));
  console.log(`src/generated: ${plural(changed.length + stale.length, 'file')} updated`);
  return 0;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

// pnpm runs scripts in the package's folder; paths on the command line are the caller's
// (BANK_CWD from the root script, which pnpm would otherwise hide behind its own INIT_CWD).
process.chdir(process.env.BANK_CWD ?? process.env.INIT_CWD ?? process.cwd());
const [command, ...args] = process.argv.slice(2);
if (command === 'validate' && args.length === 1 && args[0]) process.exitCode = await validate(args[0]);
else if (command === 'build' && (args.length === 0 || (args.length === 1 && args[0] === '--check')))
  process.exitCode = build(args[0] === '--check');
else {
  console.error(USAGE);
  process.exitCode = 2;
}
