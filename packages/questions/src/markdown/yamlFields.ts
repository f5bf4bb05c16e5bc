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
    const at = syntax.pos[0];
    const error: BankError = { file, line: lineAt(at), field: what, message: '' };
    let column = true;
    // The parser often notices a mistake only where the value ends (an unclosed quote: at the
    // end of the text); the field whose value holds that point is where the author looks.
    const pair = isMap(doc.contents)
      ? doc.contents.items.find(
          ({ value }) => isNode(value) && value.range && value.range[0] <= at && at <= value.range[2],
        )
      : undefined;
    if (pair && isNode(pair.value) && pair.value.range && isScalar(pair.key)) {
      error.line = lineAt(pair.value.range[0]);
      error.field = String(pair.key.value);
      column = error.line === lineAt(at);
    }
    const where = column ? ` at column ${lineCounter.linePos(at).col}` : '';
    error.message = `invalid YAML${where}: ${syntax.message}${HINTS[syntax.code] ?? ''}`;
    return { fields: null, errors: [error] };
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
