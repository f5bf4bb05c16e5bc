import {
  type ExportReport,
  isReportFinal,
  type PlannedQuestion,
  RECOMMENDATION_LABELS,
  RUBRIC_ITEM_LABELS,
  rubricItemText,
  SCORE_LABELS,
  type Score,
  suggestScore,
  type TimelineEvent,
  totalBudgetMinutes,
} from '@interview-room/protocol';
import { type RoomState, recordOf, timeSpentMs } from './room.ts';

export interface ReportInputs {
  state: RoomState;
  /** The candidate's final code per question id. */
  code: ReadonlyMap<string, string>;
  now: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

type ReportQuestion = ExportReport['questions'][number];

const scoreLabel = (score: Score | null): string | null => (score === null ? null : SCORE_LABELS[score]);

export function buildReport({ state, code, now }: ReportInputs): ExportReport {
  const interviewers = new Set<string>([state.interviewerName]);
  for (const event of state.timeline) {
    if (event.type === 'participant-joined' && event.role === 'interviewer') interviewers.add(event.name);
  }
  const endOrNow = state.endedAt ?? (state.startedAt === null ? null : now);
  return {
    roomId: state.id,
    title: state.title,
    candidateName: state.candidateName,
    interviewers: [...interviewers],
    status: state.status,
    startedAt: iso(state.startedAt),
    endedAt: iso(state.endedAt),
    durationMs: state.startedAt === null || endOrNow === null ? null : endOrNow - state.startedAt,
    final: isReportFinal(state.recommendation, state.summary),
    recommendation: state.recommendation,
    recommendationLabel: state.recommendation === null ? null : RECOMMENDATION_LABELS[state.recommendation],
    summary: state.summary,
    totalBudgetMinutes: totalBudgetMinutes(state.plan),
    questions: state.plan.map((question, index) => reportQuestion(state, question, index, code, now)),
    timeline: state.timeline.map((event) => ({
      at: new Date(event.at).toISOString(),
      type: event.type,
      detail: describeEvent(event, state),
    })),
  };
}

function reportQuestion(
  state: RoomState,
  question: PlannedQuestion,
  index: number,
  code: ReadonlyMap<string, string>,
  now: number,
): ReportQuestion {
  const record = recordOf(state, question.id);
  const score = record?.score ?? null;
  const ticks = record?.ticks ?? [];
  const suggested = suggestScore(question.rubric, ticks);
  const spent = timeSpentMs(state, question.id, now);
  return {
    index: index + 1,
    id: question.id,
    title: question.title,
    adHoc: question.adHoc === true,
    prompt: question.prompt,
    asked: record?.firstShownAt != null,
    timeSpentMs: spent,
    budgetMinutes: question.budgetMinutes,
    overBudget: spent > question.budgetMinutes * 60_000,
    score,
    scoreLabel: scoreLabel(score),
    suggestedScore: suggested,
    suggestedScoreLabel: scoreLabel(suggested),
    ticked: ticks.map((tick) => ({
      kind: tick.kind,
      label: RUBRIC_ITEM_LABELS[tick.kind],
      text: rubricItemText(question.rubric, tick.kind, tick.index) ?? '',
      at: new Date(tick.at).toISOString(),
      elapsedMs: state.startedAt === null ? null : Math.max(0, tick.at - state.startedAt),
    })),
    notes: record?.notes ?? '',
    code: code.get(question.id) ?? '',
    runs: runsOf(state, question.id),
  };
}

function runsOf(state: RoomState, questionId: string): ExportReport['questions'][number]['runs'] {
  const runs: ExportReport['questions'][number]['runs'] = [];
  for (const event of state.timeline) {
    if (event.type !== 'code-run' || event.questionId !== questionId) continue;
    runs.push({
      at: new Date(event.at).toISOString(),
      by: event.name,
      role: event.role,
      status: event.status,
      exitCode: event.exitCode,
      durationMs: event.durationMs,
      codeHash: event.codeHash,
      output: event.output,
      truncated: event.truncated,
    });
  }
  return runs;
}

const titleOf = (state: RoomState, questionId: string): string =>
  state.plan.find((q) => q.id === questionId)?.title ?? questionId;

function describeEvent(event: TimelineEvent, state: RoomState): string {
  switch (event.type) {
    case 'room-created':
      return 'Interview created';
    case 'interview-started':
      return 'Interview started';
    case 'question-shown':
      return `Question ${event.index + 1} shown: ${state.plan[event.index]?.title ?? event.questionId}`;
    case 'participant-joined':
      return `${event.name} (${event.role}) joined`;
    case 'participant-left':
      return `${event.name} (${event.role}) left`;
    case 'score-set': {
      const title = state.plan.find((q) => q.id === event.questionId)?.title ?? event.questionId;
      return event.score === null
        ? `Score cleared for ${title}`
        : `Scored ${event.score} (${SCORE_LABELS[event.score]}) for ${title}`;
    }
    case 'interview-ended':
      return 'Interview ended';
    case 'ad-hoc-question-added':
      return `Ad-hoc question added: ${event.title}`;
    case 'recommendation-set':
      return event.recommendation === null
        ? 'Recommendation cleared'
        : `Recommendation set: ${RECOMMENDATION_LABELS[event.recommendation]}`;
    case 'code-run':
      return `${event.name} (${event.role}) ran the code of ${titleOf(state, event.questionId)}: ${describeRunStatus(event.status, event.exitCode)} in ${(event.durationMs / 1000).toFixed(2)} s (sha-256 ${event.codeHash.slice(0, 12)})`;
    case 'checks-run':
      return `${event.name} ran the hidden checks of ${titleOf(state, event.questionId)}: ${event.passed}/${event.total} passed (sha-256 ${event.codeHash.slice(0, 12)})`;
    default:
      return exhaustive(event);
  }
}

function exhaustive(value: never): never {
  throw new Error(`Unhandled timeline event: ${JSON.stringify(value)}`);
}

export function describeRunStatus(status: string, exitCode: number | null): string {
  switch (status) {
    case 'ok':
      return 'exited 0';
    case 'error':
      return exitCode === null ? 'failed' : `failed (exit ${exitCode})`;
    case 'timeout':
      return 'stopped at the time limit';
    case 'stopped':
      return 'stopped';
    default:
      return 'crashed';
  }
}

export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Escapes text so Markdown renders it literally on one line, and neutralises raw HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]#|<>&~]/g, (ch) => {
    if (ch === '<') return '&lt;';
    if (ch === '>') return '&gt;';
    if (ch === '&') return '&amp;';
    return `\\${ch}`;
  });
}

/** A code fence longer than any backtick run inside the code, so the code cannot close it. */
function fence(code: string, language: string): string {
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longestRun + 1));
  return `${ticks}${language}\n${code.replace(/\n?$/, '\n')}${ticks}`;
}

/** Notes are the interviewer's own prose: shown as a quote, with any HTML neutralised. */
function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`)
    .join('\n');
}

const scoreText = (score: Score | null, label: string | null): string =>
  score === null ? '–' : `${score} (${label})`;

/** `12:03 of 10 min` (with how far over), or `not asked (10 min)`. */
function timeAgainstBudget(q: ReportQuestion): string {
  if (!q.asked) return `not asked (${q.budgetMinutes} min budget)`;
  const over = q.timeSpentMs - q.budgetMinutes * 60_000;
  const base = `${formatDuration(q.timeSpentMs)} of ${q.budgetMinutes} min`;
  return q.overBudget ? `${base}, over by ${formatDuration(over)}` : base;
}

const TICK_MARKS: Record<ReportQuestion['ticked'][number]['kind'], string> = {
  keyPoint: '✓',
  strongSignal: '✓',
  redFlag: '✗',
};

export function renderMarkdown(report: ExportReport): string {
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(report.title)}`, '');
  lines.push(
    report.final
      ? '**Report: Final**'
      : '**Report: Draft** (final once it has a recommendation and a summary)',
    '',
  );
  lines.push(`- **Candidate:** ${escapeMarkdown(report.candidateName)}`);
  lines.push(`- **Interviewers:** ${report.interviewers.map(escapeMarkdown).join(', ')}`);
  lines.push(`- **Status:** ${report.status}`);
  lines.push(`- **Started:** ${report.startedAt ?? 'not started'}`);
  lines.push(`- **Ended:** ${report.endedAt ?? 'not ended'}`);
  if (report.durationMs !== null)
    lines.push(
      `- **Duration:** ${formatDuration(report.durationMs)} of ${report.totalBudgetMinutes} min planned`,
    );
  else lines.push(`- **Planned:** ${report.totalBudgetMinutes} min`);
  lines.push('', '## Recommendation', '');
  lines.push(report.recommendationLabel === null ? '_Not set._' : `**${report.recommendationLabel}**`);
  lines.push('', report.summary.trim() === '' ? '_No summary yet._' : quote(report.summary));
  lines.push(
    '',
    '## Questions',
    '',
    '| # | Question | Time / budget | Suggested | Score |',
    '|---|---|---|---|---|',
  );
  for (const q of report.questions) {
    const title = `${escapeMarkdown(q.title)}${q.adHoc ? ' (ad hoc)' : ''}`;
    lines.push(
      `| ${q.index} | ${title} | ${escapeMarkdown(timeAgainstBudget(q))} | ${scoreText(q.suggestedScore, q.suggestedScoreLabel)} | ${scoreText(q.score, q.scoreLabel)} |`,
    );
  }
  for (const q of report.questions) {
    lines.push('', `## ${q.index}. ${escapeMarkdown(q.title)}${q.adHoc ? ' (ad hoc)' : ''}`, '');
    lines.push(`- **Time spent:** ${timeAgainstBudget(q)}`);
    lines.push(`- **Score:** ${q.score === null ? 'not scored' : `${q.score} (${q.scoreLabel})`}`);
    lines.push(
      `- **Suggested by the ticks:** ${q.suggestedScore === null ? 'nothing ticked' : `${q.suggestedScore} (${q.suggestedScoreLabel})`}`,
    );
    if (q.adHoc) lines.push('', '### Prompt (typed during the interview)', '', quote(q.prompt));
    if (q.ticked.length > 0) {
      lines.push('', '### Rubric ticks', '');
      for (const tick of q.ticked) {
        const when = tick.elapsedMs === null ? tick.at : formatDuration(tick.elapsedMs);
        lines.push(`- ${TICK_MARKS[tick.kind]} ${tick.label}: ${escapeMarkdown(tick.text)} (at ${when})`);
      }
    }
    lines.push('', '### Notes', '', q.notes.trim() === '' ? '_No notes._' : quote(q.notes));
    lines.push('', "### Candidate's code", '', q.code.trim() === '' ? '_No code._' : fence(q.code, 'python'));
    if (q.runs.length > 0) {
      lines.push('', '### Runs');
      for (const run of q.runs) {
        const seconds = (run.durationMs / 1000).toFixed(2);
        lines.push(
          '',
          `- ${run.at}: ${escapeMarkdown(run.by)} (${run.role}), ${describeRunStatus(run.status, run.exitCode)} in ${seconds} s, sha-256 \`${run.codeHash}\``,
        );
        if (run.output.trim() !== '') {
          lines.push('', fence(run.truncated ? `${run.output}\n[output truncated]` : run.output, 'text'));
        }
      }
    }
  }
  lines.push('', '## Timeline', '');
  for (const event of report.timeline) lines.push(`- ${event.at}: ${escapeMarkdown(event.detail)}`);
  return `${lines.join('\n')}\n`;
}
