import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Question } from '@interview-room/protocol';
import type { BankInfo } from '../bank.ts';
import { type BankError, byLocation, describeValue, oneOf } from './errors.ts';
import { parseQuestionFile } from './parseQuestion.ts';
import { parseYamlFields } from './yamlFields.ts';

/** A bank read from a folder, its questions in file-name order. */
export interface LoadedBank extends BankInfo {
  dir: string;
  questions: Question[];
}

export interface LoadResult {
  /** Empty whenever there is any error: a bank is used whole or not at all. */
  banks: LoadedBank[];
  /** Every problem found, in file and line order. */
  errors: BankError[];
}

export interface LoadOptions {
  /** Questions already in use (the built-in bank): their ids and bank names are taken. */
  existing?: readonly Question[];
  /** How messages name `existing`, e.g. "the built-in bank". */
  existingLabel?: string;
}

export const BANK_FILE = 'bank.yaml';
const BANK_FIELDS = ['title', 'description'] as const;

const isQuestionFile = (name: string): boolean =>
  name.toLowerCase().endsWith('.md') && !name.startsWith('.') && name.toLowerCase() !== 'readme.md';
// Sorted by code point, not locale, so the order is the same on every machine.
const sorted = (names: string[]): string[] => names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function listDir(dir: string): { files: string[]; dirs: string[] } | null {
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    return {
      files: sorted(entries.filter((e) => e.isFile()).map((e) => e.name)),
      dirs: sorted(entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name)),
    };
  } catch {
    return null;
  }
}

/**
 * Reads `root`, which is either one bank (it holds `.md` question files or a `bank.yaml`) or a
 * folder of banks (each subfolder is one). Question ids must be unique across every bank and
 * `existing`; so must bank names (folder names).
 */
export function loadBanks(root: string, options: LoadOptions = {}): LoadResult {
  const listing = listDir(root);
  if (!listing) {
    const why = statSync(root, { throwIfNoEntry: false }) ? 'is not a readable folder' : 'does not exist';
    return {
      banks: [],
      errors: [{ file: root, field: 'folder', message: `expected a folder of banks; it ${why}` }],
    };
  }
  const single = listing.files.some(isQuestionFile) || listing.files.includes(BANK_FILE);
  const folders = single ? [root] : listing.dirs.map((name) => path.join(root, name));
  if (folders.length === 0) {
    return {
      banks: [],
      errors: [
        {
          file: root,
          field: 'folder',
          message: 'expected question files (*.md) or bank folders, got neither',
        },
      ],
    };
  }

  const errors: BankError[] = [];
  const banks: LoadedBank[] = [];
  const sources = new Map<string, string>();
  const label = options.existingLabel ?? 'the built-in bank';
  for (const question of options.existing ?? []) sources.set(question.id, label);
  const bankNames = new Set((options.existing ?? []).flatMap((q) => (q.bank ? [q.bank] : [])));

  for (const dir of folders) {
    const id = bankId(dir);
    if (bankNames.has(id)) {
      errors.push({
        file: dir,
        field: 'bank',
        message: `duplicate bank name "${id}": expected a name of its own, but ${label} already uses it; rename the folder`,
      });
    }
    const bank = loadBankFolder(dir, id, sources);
    errors.push(...bank.errors);
    if (bank.bank) banks.push(bank.bank);
  }
  return errors.length > 0 ? { banks: [], errors: errors.sort(byLocation) } : { banks, errors };
}

/** A bank is named after its folder. */
const bankId = (dir: string): string => path.basename(path.resolve(dir));

/** One bank folder; `sources` (id → where it was first seen) spans every bank being loaded. */
function loadBankFolder(
  dir: string,
  id: string,
  sources: Map<string, string>,
): { bank: LoadedBank | null; errors: BankError[] } {
  const listing = listDir(dir);
  const errors: BankError[] = [];
  const info = listing?.files.includes(BANK_FILE) ? readBankFile(path.join(dir, BANK_FILE), errors) : {};
  const files = (listing?.files ?? []).filter(isQuestionFile);
  if (files.length === 0) {
    errors.push({
      file: dir,
      field: 'bank',
      message: 'expected at least one question file (*.md), got none',
    });
  }

  const questions: Question[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const parsed = parseQuestionFile(readFileSync(file, 'utf8'), file, id);
    errors.push(...parsed.errors);
    if (!parsed.question) continue;
    const first = sources.get(parsed.question.id);
    if (first !== undefined) {
      errors.push({
        file,
        line: parsed.idLine,
        field: 'id',
        message: `duplicate id "${parsed.question.id}": expected a unique id, but ${first} already uses it`,
      });
      continue;
    }
    sources.set(parsed.question.id, `${file}:${parsed.idLine}`);
    questions.push(parsed.question);
  }
  if (errors.length > 0) return { bank: null, errors };
  return {
    bank: { id, title: info.title ?? id, description: info.description ?? '', dir, questions },
    errors,
  };
}

/** `bank.yaml`: an optional title and description for the bank. */
function readBankFile(
  file: string,
  errors: BankError[],
): Partial<Record<(typeof BANK_FIELDS)[number], string>> {
  const { fields, errors: yamlErrors } = parseYamlFields(readFileSync(file, 'utf8'), 1, file, BANK_FILE);
  errors.push(...yamlErrors);
  const info: Partial<Record<(typeof BANK_FIELDS)[number], string>> = {};
  for (const field of fields ?? []) {
    const key = BANK_FIELDS.find((name) => name === field.key);
    if (!key) {
      errors.push({
        file,
        line: field.line,
        field: field.key,
        message: `unknown field; expected ${oneOf(BANK_FIELDS)}`,
      });
    } else if (typeof field.value !== 'string' || field.value.trim() === '') {
      errors.push({
        file,
        line: field.line,
        field: key,
        message: `expected text, got ${describeValue(field.value)}`,
      });
    } else {
      info[key] = field.value.trim();
    }
  }
  return info;
}
