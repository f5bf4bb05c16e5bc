import type { BankError } from './errors.ts';
import { type Line, readFence } from './fences.ts';

/** The text under one `## Heading`, up to the next one. */
export interface RawSection {
  heading: string;
  line: number;
  lines: Line[];
}

const HEADING = /^##(?!#)(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/**
 * Splits a question's body into its `##` sections. A `##` inside a code fence (a Python comment,
 * say) is code, not a heading; a fence that never closes is reported where it opens, since it
 * swallows every heading after it.
 */
export function splitSections(
  lines: readonly Line[],
  file: string,
): { preamble: Line[]; sections: RawSection[]; errors: BankError[] } {
  const preamble: Line[] = [];
  const sections: RawSection[] = [];
  const errors: BankError[] = [];
  let current: RawSection | null = null;

  for (let i = 0; i < lines.length; ) {
    const line = lines[i] as Line;
    const fence = readFence(lines, i);
    if (fence) {
      const block = lines.slice(i, fence.next);
      if (current) current.lines.push(...block);
      else preamble.push(...block);
      if (!fence.closed) {
        errors.push({
          file,
          line: line.number,
          field: current?.heading ?? 'body',
          message: `expected a closing ${fence.marker} line for the code block opened here`,
        });
      }
      i = fence.next;
      continue;
    }
    const heading = HEADING.exec(line.text);
    if (heading) {
      current = { heading: (heading[1] ?? '').trim(), line: line.number, lines: [] };
      sections.push(current);
    } else if (current) {
      current.lines.push(line);
    } else {
      preamble.push(line);
    }
    i++;
  }
  return { preamble, sections, errors };
}
