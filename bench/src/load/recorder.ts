import { type Counts, type ErrorCounts, emptyCounts } from './messages.ts';

const MAX_ERROR_SAMPLES = 20;

/** Everything a worker measures; samples count only while `measuring`. */
export class Recorder {
  measuring = false;
  readonly keystrokeMs: number[] = [];
  readonly pushMs: number[] = [];
  readonly notesAckMs: number[] = [];
  readonly counts: Counts = emptyCounts();
  readonly errors: ErrorCounts = { connect: 0, disconnects: 0, acks: 0 };
  readonly errorSamples: string[] = [];

  error(kind: keyof ErrorCounts, message: string): void {
    this.errors[kind]++;
    if (this.errorSamples.length < MAX_ERROR_SAMPLES) this.errorSamples.push(`${kind}: ${message}`);
  }
}
