import * as Y from 'yjs';
import type { Recorder } from './recorder.ts';
import type { LeanYjsClient } from './yjsClient.ts';

/** What a person types: code-ish words, a newline now and then. */
const WORDS = ['def', 'return', 'for', 'in', 'range(n)', 'if', 'x', 'result', '+=', '1', 'print(x)', 'None'];

/**
 * One participant typing into a Y.Text at a human rate, and the keystrokes of theirs that the other
 * participant has not applied yet. A keystroke is one character, so it takes exactly one Yjs clock
 * of the typist's client id: the receiving doc's state vector says which ones have arrived, however
 * the server batches or merges them.
 */
export class Typist {
  private readonly clocks: number[] = [];
  private readonly sentAt: number[] = [];
  private readonly measured: boolean[] = [];
  private head = 0;
  private word = '';
  /** Where this typist's cursor is (forward typing keeps Yjs items mergeable, as real typing does). */
  private cursor: number;
  nextAt = Number.POSITIVE_INFINITY;

  constructor(
    readonly client: LeanYjsClient,
    private readonly textKey: string,
    /** The candidate types at the end; the interviewer from the start of the buffer, forward. */
    private readonly placement: 'end' | 'start',
    private readonly meanIntervalMs: number,
    private readonly cursors: boolean,
  ) {
    this.cursor = 0;
  }

  schedule(now: number): void {
    // Uniform around the mean (±50%): a steady human rate without lockstep across clients.
    this.nextAt = now + this.meanIntervalMs * (0.5 + Math.random());
  }

  type(now: number, recorder: Recorder): void {
    this.schedule(now);
    if (!this.client.isOpen) return;
    const text = this.client.doc.getText(this.textKey);
    if (this.word === '')
      this.word = `${WORDS[Math.floor(Math.random() * WORDS.length)]}${Math.random() < 0.15 ? '\n' : ' '}`;
    const char = this.word[0] ?? ' ';
    this.word = this.word.slice(1);
    const index = this.placement === 'end' ? text.length : Math.min(this.cursor, text.length);
    const clock = Y.getState(this.client.doc.store, this.client.doc.clientID);
    const at = performance.now();
    text.insert(index, char);
    this.cursor = index + 1;
    this.clocks.push(clock);
    this.sentAt.push(at);
    this.measured.push(recorder.measuring);
    if (recorder.measuring) recorder.counts.keystrokesSent++;
    if (this.cursors) this.client.sendCursor(text, index + 1);
  }

  /** Called when the other participant's doc has applied something: records what arrived. */
  arrivedAt(receiver: Y.Doc, recorder: Recorder): void {
    if (this.head === this.clocks.length) return;
    const state = Y.getState(receiver.store, this.client.doc.clientID);
    const now = performance.now();
    while (this.head < this.clocks.length && (this.clocks[this.head] ?? 0) < state) {
      if (this.measured[this.head]) {
        recorder.keystrokeMs.push(now - (this.sentAt[this.head] ?? now));
        recorder.counts.keystrokesReceived++;
      }
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.clocks.length) this.compact();
  }

  /** Measured keystrokes still on their way. */
  get inFlight(): number {
    let count = 0;
    for (let i = this.head; i < this.measured.length; i++) if (this.measured[i]) count++;
    return count;
  }

  private compact(): void {
    this.clocks.splice(0, this.head);
    this.sentAt.splice(0, this.head);
    this.measured.splice(0, this.head);
    this.head = 0;
  }
}
