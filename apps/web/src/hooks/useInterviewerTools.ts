import type { QuestionSummary } from '@interview-room/protocol';
import { useState } from 'react';
import type { RoomSession, RoomSessionState } from '../lib/roomSession.ts';
import { type PlanEditor, usePlanEditor } from './usePlanEditor.ts';
import { type QuestionBank, useQuestionBank } from './useQuestionBank.ts';
import { type Preview, useQuestionPreview } from './useQuestionPreview.ts';
import { type SavedPlansApi, type SavedPlansState, useSavedPlans } from './useSavedPlans.ts';

/** The interviewer's overlays; one at a time. */
export type RoomDialog = 'help' | 'plan' | 'adHoc' | 'report' | 'end' | null;

export interface InterviewerTools {
  bank: QuestionBank;
  retryBank: () => void;
  summaries: readonly QuestionSummary[];
  editor: PlanEditor;
  previewId: string | null;
  setPreviewId: (questionId: string | null) => void;
  preview: Preview;
  retryPreview: () => void;
  savedPlans: SavedPlansState;
  savedPlansApi: SavedPlansApi;
  dialog: RoomDialog;
  setDialog: (dialog: RoomDialog) => void;
}

const NONE: readonly QuestionSummary[] = [];

/**
 * What the interviewer's plan builder and overlays need. With `enabled` false (a candidate's
 * page) nothing is loaded: a candidate's browser never asks for the bank or the saved plans.
 */
export function useInterviewerTools(
  session: RoomSession | null,
  state: RoomSessionState,
  enabled: boolean,
): InterviewerTools {
  const [bank, retryBank] = useQuestionBank(enabled);
  const summaries = enabled && bank.state === 'ready' ? bank.questions : NONE;
  const editor = usePlanEditor(session, state, summaries);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [preview, retryPreview] = useQuestionPreview(enabled ? session : null, previewId);
  const [savedPlans, savedPlansApi] = useSavedPlans(enabled);
  const [dialog, setDialog] = useState<RoomDialog>(null);
  return {
    bank,
    retryBank,
    summaries,
    editor,
    previewId,
    setPreviewId,
    preview,
    retryPreview,
    savedPlans,
    savedPlansApi,
    dialog,
    setDialog,
  };
}
