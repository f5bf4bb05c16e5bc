import type { InterviewerView, PublicRoomView } from '@interview-room/protocol';
import type { RoomState } from './room.ts';

/**
 * The candidate-safe projection. Fields are picked one by one, never spread, so a field added
 * to the room state can never reach a candidate by accident.
 */
export function toPublicView(state: RoomState): PublicRoomView {
  const question = state.plan[state.currentIndex];
  return {
    id: state.id,
    title: state.title,
    candidateName: state.candidateName,
    status: state.status,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    questionCount: state.plan.length,
    currentIndex: state.currentIndex,
    currentSince: state.currentSince,
    current: question
      ? {
          id: question.id,
          title: question.title,
          prompt: question.prompt,
          language: question.language,
          ...(question.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: question.timeLimitSeconds }),
        }
      : null,
  };
}

/** Interviewer-only: the plan with rubrics, notes, scores, ticks, the timeline and the verdict. */
export function toInterviewerView(state: RoomState): InterviewerView {
  return {
    interviewerName: state.interviewerName,
    plan: state.plan,
    records: state.records,
    timeline: state.timeline,
    recommendation: state.recommendation,
    summary: state.summary,
  };
}
