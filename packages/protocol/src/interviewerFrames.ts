import type { InterviewerFrame, InterviewerView } from './room.ts';

/** The interviewer view a client shows, with the plan key and room version of its last frame. */
export interface HeldInterviewerView {
  view: InterviewerView;
  planKey: string;
  version: number;
}

/**
 * The view a `room:private` (or `room:view`) frame makes of the one held, or null when the frame
 * does not fit it: a frame without its plan needs the plan of its key, and a frame of changes the
 * version it changes. A client that gets null missed a frame, and reads the whole view.
 */
export function viewAfterFrame(
  held: HeldInterviewerView | null,
  frame: InterviewerFrame,
): InterviewerView | null {
  const base = held && held.planKey === frame.planKey ? held : null;
  if ('changes' in frame) {
    const { changes, planKey: _key, version: _version, ...rest } = frame;
    if (!base || base.version !== changes.base || changes.timelineFrom > base.view.timeline.length)
      return null;
    return {
      ...rest,
      plan: base.view.plan,
      records: { ...base.view.records, ...changes.records },
      timeline: [...base.view.timeline.slice(0, changes.timelineFrom), ...changes.timeline],
    };
  }
  const { plan, planKey: _key, version: _version, ...rest } = frame;
  if (plan) return { ...rest, plan };
  return base ? { ...rest, plan: base.view.plan } : null;
}
