// Generated from packages/questions/banks by `pnpm bank build`. Edit the Markdown, not this file;
// a test fails when the two differ.

import type { Question } from '@interview-room/protocol';
import type { BankInfo } from '../bank.ts';
import * as pythonBank0 from './python.ts';

/** Every built-in bank, in folder-name order. */
export const builtInBanks: ReadonlyArray<{ bank: BankInfo; questions: readonly Question[] }> = [pythonBank0];
