import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BankError } from './errors.ts';
import { type LoadedBank, loadBanks } from './loadBanks.ts';

/** The Markdown the built-in banks are written in, and the TypeScript compiled from it. */
export const BUILT_IN_BANKS_DIR = fileURLToPath(new URL('../../banks', import.meta.url));
export const GENERATED_DIR = fileURLToPath(new URL('../generated', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

const header = (from: string): string =>
  `// Generated from ${from} by \`pnpm bank build\`. Edit the Markdown, not this file;\n` +
  '// a test fails when the two differ.\n';

// JSON is a TypeScript literal; the declared types make tsc check every field of every question.
function renderBank(bank: LoadedBank): string {
  const { id, title, description, questions } = bank;
  const source = path.relative(PACKAGE_DIR, bank.dir).split(path.sep).join('/');
  return [
    header(`packages/questions/${source}`),
    "import type { Question } from '@interview-room/protocol';",
    "import type { BankInfo } from '../bank.ts';",
    '',
    `export const bank: BankInfo = ${JSON.stringify({ id, title, description }, null, 2)};`,
    '',
    `export const questions: readonly Question[] = ${JSON.stringify(questions, null, 2)};`,
    '',
  ].join('\n');
}

function renderIndex(banks: readonly LoadedBank[]): string {
  // A folder name is not always an identifier ("my-bank"); the index keeps two apart.
  const names = banks.map((bank, index) => ({
    file: bank.id,
    name: `${bank.id.replace(/\W/g, '_')}Bank${index}`,
  }));
  return [
    header('packages/questions/banks'),
    "import type { Question } from '@interview-room/protocol';",
    "import type { BankInfo } from '../bank.ts';",
    ...names.map(({ file, name }) => `import * as ${name} from './${file}.ts';`),
    '',
    '/** Every built-in bank, in folder-name order. */',
    `export const builtInBanks: ReadonlyArray<{ bank: BankInfo; questions: readonly Question[] }> = [${names
      .map(({ name }) => name)
      .join(', ')}];`,
    '',
  ].join('\n');
}

/**
 * What `src/generated` should hold, file name → content, from the Markdown in `banks/`; nothing
 * when a bank has an error.
 */
export function generateBuiltInBanks(): { files: Map<string, string>; errors: BankError[] } {
  const { banks, errors } = loadBanks(BUILT_IN_BANKS_DIR);
  const files = new Map<string, string>();
  if (errors.length > 0) return { files, errors };
  for (const bank of banks) files.set(`${bank.id}.ts`, renderBank(bank));
  files.set('index.ts', renderIndex(banks));
  return { files, errors };
}

/** The files now in `src/generated`. */
export const generatedFiles = (): string[] =>
  existsSync(GENERATED_DIR) ? readdirSync(GENERATED_DIR).filter((name) => name.endsWith('.ts')) : [];
