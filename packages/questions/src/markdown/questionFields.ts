import {
  LanguageSchema,
  MAX_RUN_TIME_LIMIT_SECONDS,
  QuestionIdSchema,
  QuestionSchema,
} from '@interview-room/protocol';
import { type BankError, describeValue, oneOf } from './errors.ts';
import type { YamlField } from './yamlFields.ts';

const LEVELS = QuestionSchema.shape.level.options;
const LANGUAGES = LanguageSchema.options;

/** The front matter of a question file, as the rest of the question needs it. */
export interface QuestionFields {
  id: string;
  title: string;
  topic: string;
  level: (typeof LEVELS)[number];
  durationMinutes: number;
  language: (typeof LANGUAGES)[number];
  tags: string[];
  timeLimitSeconds?: number;
}

type Checked<T> = { ok: true; value: T } | { ok: false; expected: string; got?: unknown };

const text = (value: unknown): Checked<string> =>
  typeof value === 'string' && value.trim() !== '' ? { ok: true, value } : { ok: false, expected: 'text' };

const wholeNumber =
  (min: number, max: number, unit: string) =>
  (value: unknown): Checked<number> =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? { ok: true, value }
      : {
          ok: false,
          expected: Number.isFinite(max)
            ? `a whole number of ${unit} from ${min} to ${max}`
            : `a whole number of ${unit} (at least ${min})`,
        };

const choice =
  <T extends string>(options: readonly T[]) =>
  (value: unknown): Checked<T> =>
    options.includes(value as T) ? { ok: true, value: value as T } : { ok: false, expected: oneOf(options) };

const idCheck = (value: unknown): Checked<string> =>
  QuestionIdSchema.safeParse(value).success
    ? { ok: true, value: value as string }
    : { ok: false, expected: 'an id of lowercase letters, digits and dashes, at most 64 characters' };

/** How each field is read; the key is what authors write. */
const FIELDS = {
  id: { required: true, check: idCheck },
  title: { required: true, check: text },
  topic: { required: true, check: text },
  level: { required: true, check: choice(LEVELS) },
  duration: { required: true, check: wholeNumber(1, Number.POSITIVE_INFINITY, 'minutes') },
  language: { required: true, check: choice(LANGUAGES) },
  tags: { required: true, check: (value: unknown) => checkTags(value) },
  timeLimitSeconds: { required: false, check: wholeNumber(1, MAX_RUN_TIME_LIMIT_SECONDS, 'seconds') },
} as const;

type FieldName = keyof typeof FIELDS;
type FieldValue<K extends FieldName> = Extract<
  ReturnType<(typeof FIELDS)[K]['check']>,
  { ok: true }
>['value'];
export const QUESTION_FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
const isFieldName = (key: string): key is FieldName => Object.hasOwn(FIELDS, key);

function checkTags(value: unknown): Checked<string[]> {
  if (!Array.isArray(value)) return { ok: false, expected: 'a list of tags, like [concurrency, threading]' };
  const bad = value.find((tag) => typeof tag !== 'string' || tag.trim() === '');
  return bad === undefined
    ? { ok: true, value: value as string[] }
    : { ok: false, expected: 'text for every tag', got: bad };
}

/**
 * Checks a question's front matter field by field. Every problem is reported (unknown, missing,
 * wrong type), each on the line of the field or, for a list, of the item at fault.
 */
export function readQuestionFields(
  fields: readonly YamlField[],
  file: string,
  frontMatterLine: number,
): { value: QuestionFields | null; lines: Partial<Record<FieldName, number>>; errors: BankError[] } {
  const errors: BankError[] = [];
  const values: Partial<Record<FieldName, unknown>> = {};
  const lines: Partial<Record<FieldName, number>> = {};

  for (const field of fields) {
    if (!isFieldName(field.key)) {
      errors.push({
        file,
        line: field.line,
        field: field.key || '(no name)',
        message: `unknown field; expected ${oneOf(QUESTION_FIELD_NAMES)}`,
      });
      continue;
    }
    lines[field.key] = field.line;
    const checked = FIELDS[field.key].check(field.value);
    if (checked.ok) {
      values[field.key] = checked.value;
      continue;
    }
    const got = 'got' in checked ? checked.got : field.value;
    const itemIndex = Array.isArray(field.value) ? field.value.indexOf(got) : -1;
    errors.push({
      file,
      line: itemIndex >= 0 ? (field.itemLines[itemIndex] ?? field.line) : field.line,
      field: field.key,
      message: `expected ${checked.expected}, got ${describeValue(got)}`,
    });
  }

  for (const name of QUESTION_FIELD_NAMES) {
    if (!FIELDS[name].required || lines[name] !== undefined) continue;
    errors.push({
      file,
      line: frontMatterLine,
      field: name,
      message: `missing; expected ${describeField(name)}`,
    });
  }

  if (errors.length > 0) return { value: null, lines, errors };
  // No errors: every required field is present and passed its check.
  const v = values as { [K in FieldName]: FieldValue<K> };
  return {
    value: {
      id: v.id,
      title: v.title,
      topic: v.topic,
      level: v.level,
      durationMinutes: v.duration,
      language: v.language,
      tags: v.tags,
      ...(v.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: v.timeLimitSeconds }),
    },
    lines,
    errors,
  };
}

/** What a missing field should hold, in the words of its own check. */
function describeField(name: FieldName): string {
  const checked = FIELDS[name].check(undefined);
  return checked.ok ? name : checked.expected;
}
