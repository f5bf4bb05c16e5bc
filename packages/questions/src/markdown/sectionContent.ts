import { type HiddenCheck, RUN_LIMITS } from '@interview-room/protocol';
import { type BankError, describeValue } from './errors.ts';
import { type Line, readFence } from './fences.ts';
import type { RawSection } from './sections.ts';

/** A section's value, or why it has none. An unclosed fence was already reported by the splitter. */
export type Read<T> = { value: T; errors: [] } | { value: null; errors: BankError[] };

const ok = <T>(value: T): Read<T> => ({ value, errors: [] });
const isBlank = (line: Line): boolean => line.text.trim() === '';

/** Which fence labels a question's code may carry: none, its language, or a common alias. */
const FENCE_LABELS: Record<string, readonly string[]> = { python: ['', 'python', 'py', 'python3'] };

/** Where a section's problems are reported: its file, and the section's name as the field. */
export interface Where {
  file: string;
  field: string;
}

const fail = (where: Where, line: number, message: string): Read<never> => ({
  value: null,
  errors: [{ ...where, line, message }],
});

/** Plain text: blank lines around it and trailing spaces dropped, everything else as written. */
export function readText(section: RawSection, where: Where): Read<string> {
  const lines = section.lines.map((line) => line.text.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return fail(where, section.line, 'expected text, got an empty section');
  return ok(lines.join('\n'));
}

const ITEM = /^ {0,3}[-*+](?:[ \t]+(.*))?$/;

/** A bullet list; an indented line continues the item above it. */
export function readList(section: RawSection, where: Where): Read<string[]> {
  const items: string[] = [];
  for (const line of section.lines) {
    if (isBlank(line)) continue;
    const item = ITEM.exec(line.text);
    if (item) {
      const text = (item[1] ?? '').trim();
      if (text === '') return fail(where, line.number, 'expected text after "- ", got an empty item');
      items.push(text);
    } else if (items.length > 0 && /^[ \t]/.test(line.text)) {
      items[items.length - 1] += ` ${line.text.trim()}`;
    } else {
      return fail(where, line.number, `expected a "- " list item, got ${describeValue(line.text.trim())}`);
    }
  }
  if (items.length === 0) {
    return fail(where, section.line, 'expected at least one "- " list item, got an empty section');
  }
  return ok(items);
}

const codeBlockHint = (language: string): string =>
  `a fenced code block (a \`\`\`${language} line, the code, a \`\`\` line)`;

function checkLabel(info: string, language: string, where: Where, line: number): Read<never> | null {
  const label = info.split(/\s+/)[0] ?? '';
  const allowed = FENCE_LABELS[language] ?? ['', language];
  if (allowed.includes(label.toLowerCase())) return null;
  return fail(where, line, `expected a ${language} code block, got ${describeValue(label)}`);
}

/** Exactly one fenced block and nothing else; the code ends with a newline, as a file does. */
export function readCode(section: RawSection, where: Where, language: string): Read<string> {
  const lines = section.lines;
  const start = lines.findIndex((line) => !isBlank(line));
  const first = lines[start];
  if (!first) return fail(where, section.line, `expected ${codeBlockHint(language)}, got an empty section`);
  const fence = readFence(lines, start);
  if (!fence) {
    return fail(
      where,
      first.number,
      `expected ${codeBlockHint(language)}, got ${describeValue(first.text.trim())}`,
    );
  }
  if (!fence.closed) return { value: null, errors: [] };
  const label = checkLabel(fence.info, language, where, first.number);
  if (label) return label;
  const after = lines.slice(fence.next).find((line) => !isBlank(line));
  if (after) {
    return fail(
      where,
      after.number,
      `expected nothing after the code block, got ${describeValue(after.text.trim())}`,
    );
  }
  return ok(fence.body.length === 0 ? '' : `${fence.body.join('\n')}\n`);
}

const CHECK_HEADING = /^###(?!#)(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** `### name` then one fenced block, per check. */
export function readChecks(section: RawSection, where: Where, language: string): Read<HiddenCheck[]> {
  const errors: BankError[] = [];
  const report = (line: number, message: string) => errors.push({ ...where, line, message });
  // `reported`: a problem under the check was already reported; its missing code is that problem.
  const checks: Array<{ name: string; line: number; code: string | null; reported?: boolean }> = [];
  const lines = section.lines;

  for (let i = 0; i < lines.length; ) {
    const line = lines[i] as Line;
    const current = checks.at(-1);
    const heading = CHECK_HEADING.exec(line.text);
    const fence = readFence(lines, i);
    if (heading) {
      const checkName = (heading[1] ?? '').trim();
      const earlier = checks.find((check) => check.name === checkName);
      if (checkName === '') report(line.number, 'expected a check name after "###"');
      else if (checkName.length > RUN_LIMITS.checkNameChars) {
        report(
          line.number,
          `expected a check name of at most ${RUN_LIMITS.checkNameChars} characters, got ${checkName.length}`,
        );
      } else if (earlier)
        report(line.number, `check "${checkName}": duplicate name; the first is at line ${earlier.line}`);
      checks.push({ name: checkName, line: line.number, code: null });
      i++;
    } else if (fence) {
      if (!current) report(line.number, 'expected a "### <check name>" heading before the code block');
      else if (current.code !== null)
        report(line.number, `check "${current.name}": expected one code block, got a second one`);
      // An unclosed block was reported where it opens; it stands in for the code here.
      else if (!fence.closed) current.code = '';
      else {
        const label = checkLabel(fence.info, language, where, line.number);
        if (label) errors.push(...label.errors);
        const body = [...fence.body];
        while (body.length > 0 && (body.at(-1) ?? '').trim() === '') body.pop();
        if (body.length === 0)
          report(line.number, `check "${current.name}": expected code in the block, got an empty block`);
        current.code = body.join('\n');
      }
      i = fence.next;
    } else {
      if (!isBlank(line)) {
        if (current) current.reported = true;
        report(
          line.number,
          !current
            ? `expected a "### <check name>" heading, got ${describeValue(line.text.trim())}`
            : current.code === null
              ? `check "${current.name}": expected ${codeBlockHint(language)} under the heading, got ${describeValue(line.text.trim())}`
              : `check "${current.name}": expected nothing after its code block, got ${describeValue(line.text.trim())}`,
        );
      }
      i++;
    }
  }

  if (checks.length === 0 && errors.length === 0) {
    report(
      section.line,
      `expected at least one "### <check name>" with ${codeBlockHint(language)}, got an empty section`,
    );
  }
  if (checks.length > RUN_LIMITS.checksPerQuestion) {
    report(section.line, `expected at most ${RUN_LIMITS.checksPerQuestion} checks, got ${checks.length}`);
  }
  for (const check of checks) {
    if (check.code === null && !check.reported)
      report(check.line, `check "${check.name}": expected ${codeBlockHint(language)} under the heading`);
  }
  if (errors.length > 0) return { value: null, errors };
  return ok(checks.map((check) => ({ name: check.name, code: check.code ?? '' })));
}
