import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { BankError } from './errors.ts';

/** One top-level `key: value` of a YAML mapping, with where it was written. */
export interface YamlField {
  key: string;
  value: unknown;
  /** Line of the key in the file. */
  line: number;
  /** For a list value, the line of each item; otherwise empty. */
  itemLines: number[];
}

// The parser's wording for the mistake authors make most: a colon inside an unquoted title.
const HINTS: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: ' (put the value in quotes if it contains ": ")',
};

/**
 * Parses `text` (which starts on line `firstLine` of `file`) as a YAML mapping. `null` fields
 * mean the text could not be read as one; `errors` then says why, on the file's own lines.
 */
export function parseYamlFields(
  text: string,
  firstLine: number,
  file: string,
  what: string,
): { fields: YamlField[] | null; errors: BankError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lastLine = Math.max(1, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
  // The parser counts from 1 within `text`; a mistake found at its very end is on its last line.
  const lineAt = (offset: number): number =>
    firstLine - 1 + Math.min(lineCounter.linePos(offset).line, lastLine);

  const [syntax] = doc.errors;
  if (syntax) {
    const { col } = lineCounter.linePos(syntax.pos[0]);
    const message = `invalid YAML at column ${col}: ${syntax.message}${HINTS[syntax.code] ?? ''}`;
    return { fields: null, errors: [{ file, line: lineAt(syntax.pos[0]), field: what, message }] };
  }
  if (doc.contents === null) return { fields: [], errors: [] };
  if (!isMap(doc.contents)) {
    const got = isSeq(doc.contents) ? 'a list' : 'a single value';
    const line = lineAt(doc.contents.range[0]);
    return {
      fields: null,
      errors: [{ file, line, field: what, message: `expected key: value lines, got ${got}` }],
    };
  }

  const fields: YamlField[] = [];
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? pair.key : null;
    const line = key?.range ? lineAt(key.range[0]) : firstLine;
    const value = isNode(pair.value) ? pair.value.toJS(doc) : null;
    const itemLines = isSeq(pair.value)
      ? pair.value.items.map((item) => (isNode(item) && item.range ? lineAt(item.range[0]) : line))
      : [];
    fields.push({ key: key === null ? '' : String(key.value), value, line, itemLines });
  }
  return { fields, errors: [] };
}
