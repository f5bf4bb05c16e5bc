import { type HiddenCheck, type Question, QuestionSchema } from '@interview-room/protocol';
import { type BankError, byLocation, describeValue, oneOf } from './errors.ts';
import type { Line } from './fences.ts';
import { type QuestionFields, readQuestionFields } from './questionFields.ts';
import { type Read, readChecks, readCode, readList, readText, type Where } from './sectionContent.ts';
import { type RawSection, splitSections } from './sections.ts';
import { parseYamlFields } from './yamlFields.ts';

/** The sections of a question file, by the heading authors write. */
const SECTIONS = {
  Prompt: { required: true, read: readText },
  'Starter code': { required: false, read: readCode },
  'Sample strong answer': { required: true, read: readText },
  'Key points': { required: true, read: readList },
  'Strong signals': { required: true, read: readList },
  'Red flags': { required: true, read: readList },
  'Follow-ups': { required: true, read: readList },
  'Why we ask': { required: true, read: readText },
  'Hidden checks': { required: false, read: readChecks },
} as const;

type SectionName = keyof typeof SECTIONS;
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

type SectionValues = { [K in SectionName]?: NonNullable<ReturnType<(typeof SECTIONS)[K]['read']>['value']> };

// Headings match whatever their case and spacing: "## key  Points" is "Key points".
const normalizeHeading = (heading: string): string => heading.toLowerCase().replace(/\s+/g, ' ');
const BY_HEADING = new Map(SECTION_NAMES.map((name) => [normalizeHeading(name), name]));

export interface ParsedQuestion {
  /** Null when the file has any error. */
  question: Question | null;
  errors: BankError[];
  /** Where the id was written, to point at both files of a duplicate. */
  idLine: number;
}

/** Splits a file into lines: a byte-order mark and Windows line endings are not the author's text. */
export function toLines(source: string): Line[] {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const texts = text.split('\n');
  if (texts.at(-1) === '') texts.pop();
  return texts.map((line, index) => ({ text: line, number: index + 1 }));
}

/**
 * Reads one question file: YAML front matter, then `##` sections. Every problem the file has is
 * returned, each with its line; the question only when there are none. `bank` is recorded on the
 * question so a listing can be filtered by bank.
 */
export function parseQuestionFile(source: string, file: string, bank?: string): ParsedQuestion {
  const lines = toLines(source);
  const first = lines[0];
  if (first?.text.trimEnd() !== '---') {
    const got = !first
      ? 'an empty file'
      : first.text.trim() === ''
        ? 'an empty line'
        : describeValue(first.text);
    return fileError(
      file,
      1,
      `expected the file to start with a "---" line opening the YAML front matter, got ${got}`,
    );
  }
  const close = lines.findIndex((line, index) => index > 0 && line.text.trimEnd() === '---');
  if (close < 0)
    return fileError(file, 1, 'expected a closing "---" line after the front matter opened here');

  const errors: BankError[] = [];
  const yaml = lines
    .slice(1, close)
    .map((line) => `${line.text}\n`)
    .join('');
  const yamlFields = parseYamlFields(yaml, 2, file, 'front matter');
  errors.push(...yamlFields.errors);
  const fields = yamlFields.fields ? readQuestionFields(yamlFields.fields, file, 1) : null;
  if (fields) errors.push(...fields.errors);
  const idLine = fields?.lines.id ?? 1;

  const body = splitSections(lines.slice(close + 1), file);
  errors.push(...body.errors);
  const stray = body.preamble.find((line) => line.text.trim() !== '');
  if (stray) {
    errors.push({
      file,
      line: stray.number,
      field: 'body',
      message: `expected a "## Prompt" heading before any text, got ${describeValue(stray.text.trim())}`,
    });
  }

  const language = fields?.value?.language ?? 'python';
  // A code block that never closes swallows every heading after it: those are not missing too.
  const values = readSections(body.sections, file, language, errors, body.errors.length === 0);
  const meta = fields?.value;
  if (errors.length > 0 || !meta) return { question: null, errors: errors.sort(byLocation), idLine };
  return validate(assemble(meta, values, bank), file, fields.lines, sectionLines(body.sections), idLine);
}

function fileError(file: string, line: number, message: string): ParsedQuestion {
  return { question: null, errors: [{ file, line, field: 'front matter', message }], idLine: 1 };
}

function readSections(
  sections: readonly RawSection[],
  file: string,
  language: string,
  errors: BankError[],
  reportMissing: boolean,
): SectionValues {
  const values: SectionValues = {};
  const seen = new Map<SectionName, number>();
  for (const section of sections) {
    const name = BY_HEADING.get(normalizeHeading(section.heading));
    if (!name) {
      errors.push({
        file,
        line: section.line,
        field: section.heading === '' ? '##' : section.heading,
        message:
          section.heading === ''
            ? `expected a section name after "##"; one of ${SECTION_NAMES.join(', ')}`
            : `unknown section; expected ${oneOf(SECTION_NAMES)}`,
      });
      continue;
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      errors.push({
        file,
        line: section.line,
        field: name,
        message: `duplicate section; the first is at line ${earlier}`,
      });
      continue;
    }
    seen.set(name, section.line);
    const where: Where = { file, field: name };
    const read = SECTIONS[name].read as (
      section: RawSection,
      where: Where,
      language: string,
    ) => Read<unknown>;
    const result = read(section, where, language);
    errors.push(...result.errors);
    if (result.value !== null) (values as Record<string, unknown>)[name] = result.value;
  }
  for (const name of SECTION_NAMES) {
    if (reportMissing && SECTIONS[name].required && !seen.has(name)) {
      errors.push({
        file,
        line: 1,
        field: name,
        message: `missing section; expected a "## ${name}" heading`,
      });
    }
  }
  return values;
}

const sectionLines = (sections: readonly RawSection[]): Map<string, number> =>
  new Map(sections.map((section) => [BY_HEADING.get(normalizeHeading(section.heading)) ?? '', section.line]));

/** Only called once every required section was read: the fallbacks never show. */
function assemble(meta: QuestionFields, values: SectionValues, bank: string | undefined): Question {
  const { timeLimitSeconds, ...rest } = meta;
  const hiddenChecks: HiddenCheck[] | undefined = values['Hidden checks'];
  return {
    id: rest.id,
    ...(bank === undefined ? {} : { bank }),
    title: rest.title,
    topic: rest.topic,
    level: rest.level,
    durationMinutes: rest.durationMinutes,
    tags: rest.tags,
    language: rest.language,
    ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
    prompt: values.Prompt ?? '',
    starterCode: values['Starter code'] ?? '',
    rubric: {
      sampleAnswer: values['Sample strong answer'] ?? '',
      keyPoints: values['Key points'] ?? [],
      strongSignals: values['Strong signals'] ?? [],
      redFlags: values['Red flags'] ?? [],
      whyWeAsk: values['Why we ask'] ?? '',
      followUps: values['Follow-ups'] ?? [],
      ...(hiddenChecks === undefined ? {} : { hiddenChecks }),
    },
  };
}

/** Where each property of a Question comes from, to place what the schema still refuses. */
const SOURCE_OF: Record<string, string> = {
  durationMinutes: 'duration',
  prompt: 'Prompt',
  starterCode: 'Starter code',
  sampleAnswer: 'Sample strong answer',
  keyPoints: 'Key points',
  strongSignals: 'Strong signals',
  redFlags: 'Red flags',
  whyWeAsk: 'Why we ask',
  followUps: 'Follow-ups',
  hiddenChecks: 'Hidden checks',
};

/**
 * The protocol's schema has the last word: the checks above give better messages, this catches
 * whatever they do not know about yet.
 */
function validate(
  question: Question,
  file: string,
  fieldLines: Partial<Record<string, number>>,
  headingLines: Map<string, number>,
  idLine: number,
): ParsedQuestion {
  const parsed = QuestionSchema.safeParse(question);
  if (parsed.success) return { question: parsed.data, errors: [], idLine };
  const errors = parsed.error.issues.map((issue): BankError => {
    const property = String(issue.path[0] === 'rubric' ? issue.path[1] : issue.path[0]);
    const field = SOURCE_OF[property] ?? property;
    return {
      file,
      line: fieldLines[field] ?? headingLines.get(field) ?? 1,
      field,
      message: `expected ${issue.message}`,
    };
  });
  return { question: null, errors, idLine };
}
