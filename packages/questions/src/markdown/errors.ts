/** One problem in a bank, located precisely enough to jump to it in an editor. */
export interface BankError {
  /** The path as the caller named it (relative paths stay relative, so messages stay short). */
  file: string;
  /** 1-based; absent when the problem is the folder itself. */
  line?: number;
  /** The front-matter field, the section or the bank setting at fault. */
  field: string;
  /** What was expected, and what was found. */
  message: string;
}

/** `banks/x/q1.md:3: level: expected one of junior, mid, senior, got "expert"` */
export const formatBankError = (error: BankError): string =>
  `${error.file}${error.line === undefined ? '' : `:${error.line}`}: ${error.field}: ${error.message}`;

/** In file order, then line order, so a report reads top to bottom. */
export const byLocation = (a: BankError, b: BankError): number =>
  (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0);

/** Describes a value an author wrote, for the "got …" half of a message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'key: value pairs';
  return String(value);
}

/** "one of a, b, c", or just "a" when there is no choice. */
export const oneOf = (options: readonly string[]): string =>
  options.length === 1 ? `${options[0]}` : `one of ${options.join(', ')}`;
