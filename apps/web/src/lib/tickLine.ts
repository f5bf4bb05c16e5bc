import { RUBRIC_ITEM_LABELS, type RubricItemKind } from '@interview-room/protocol';
import { formatDuration } from './format.ts';

/** A red flag is noted as a cross: it counts against the candidate. */
const MARKS: Record<RubricItemKind, string> = { keyPoint: '✓', strongSignal: '✓', redFlag: '✗' };

/**
 * The line a tick adds to the notes: `[12:34] ✓ Key point: …`, stamped with the interview's
 * clock, or with the time of day (`[14:05]`) before the interview has started.
 */
export function tickLine(kind: RubricItemKind, text: string, elapsedMs: number | null, now: Date): string {
  const stamp =
    elapsedMs === null
      ? `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`
      : formatDuration(elapsedMs);
  return `[${stamp}] ${MARKS[kind]} ${RUBRIC_ITEM_LABELS[kind]}: ${text.replace(/\s+/g, ' ').trim()}`;
}

/** `notes` with `line` on a line of its own at the end. */
export function appendLine(notes: string, line: string): string {
  if (notes === '') return line;
  return notes.endsWith('\n') ? `${notes}${line}` : `${notes}\n${line}`;
}
