import type { HiddenCheck, RunStream } from '@interview-room/protocol';
import type { ChecksOutcome, RunOutcome } from './runner.ts';

/** Page -> worker. */
export type ToWorker =
  | { type: 'load'; indexURL: string }
  | { type: 'run'; id: number; code: string; timeLimitMs: number }
  | { type: 'checks'; id: number; code: string; checks: HiddenCheck[]; timeLimitMs: number };

/** Worker -> page. */
export type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'load-failed'; message: string }
  | { type: 'started'; id: number; codeHash: string }
  | { type: 'output'; id: number; stream: RunStream; text: string }
  | { type: 'run-done'; id: number; outcome: RunOutcome; exhausted: boolean }
  | { type: 'checks-done'; id: number; outcome: ChecksOutcome; exhausted: boolean };
