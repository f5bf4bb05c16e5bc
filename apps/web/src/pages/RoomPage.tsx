import type { RubricItemKind, Score } from '@interview-room/protocol';
import { DEFAULT_RUN_TIME_LIMIT_SECONDS, ErrorCode, rubricItemText } from '@interview-room/protocol';
import type { ReactNode } from 'react';
import { useCallback, useRef, useState } from 'react';
import { AdHocQuestionDialog } from '../components/AdHocQuestionDialog.tsx';
import { Banner } from '../components/Banner.tsx';
import { CodeEditor } from '../components/CodeEditor.tsx';
import { EndInterviewDialog } from '../components/EndInterviewDialog.tsx';
import { ErrorScreen, LoadingScreen } from '../components/ErrorScreen.tsx';
import { ErrorToast } from '../components/ErrorToast.tsx';
import { InterviewControls } from '../components/InterviewControls.tsx';
import { KeyHint } from '../components/KeyHint.tsx';
import { NewCandidateLink } from '../components/NewCandidateLink.tsx';
import { NotesField } from '../components/NotesField.tsx';
import { PlanBuilder } from '../components/PlanBuilder.tsx';
import { PlanBuilderDialog } from '../components/PlanBuilderDialog.tsx';
import { PlanList } from '../components/PlanList.tsx';
import { QuestionPanel } from '../components/QuestionPanel.tsx';
import { ReportDialog } from '../components/ReportDialog.tsx';
import { RoomHeader } from '../components/RoomHeader.tsx';
import { RubricPanel, type RubricTicks } from '../components/RubricPanel.tsx';
import { RunPanel } from '../components/RunPanel.tsx';
import { ScoreControl } from '../components/ScoreControl.tsx';
import { ShortcutHelp } from '../components/ShortcutHelp.tsx';
import { useCodeSync } from '../hooks/useCodeSync.ts';
import { useInterviewerTools } from '../hooks/useInterviewerTools.ts';
import { useNow } from '../hooks/useNow.ts';
import { useOnline } from '../hooks/useOnline.ts';
import { useReportExport } from '../hooks/useReportExport.ts';
import { useRoomSession } from '../hooks/useRoomSession.ts';
import { useRunConsole, useRunShortcut } from '../hooks/useRunConsole.ts';
import { useShortcuts } from '../hooks/useShortcuts.ts';
import type { CodeEditorController } from '../lib/editorController.ts';
import {
  connectionKind,
  interviewElapsedMs,
  notesFor,
  planItems,
  presenceEntries,
  scoreFor,
  scoreStatus,
  shownQuestion,
  unsyncedWrites,
} from '../lib/roomSelectors.ts';
import { notesKey } from '../lib/roomSession.ts';
import { INVALID_LINK_TITLE } from '../lib/routes.ts';
import { SHORTCUT_LABELS, type Shortcut } from '../lib/shortcuts.ts';
import { tickLine } from '../lib/tickLine.ts';
import {
  isTicked,
  recommendationOf,
  reportReadiness,
  suggestedScoreFor,
  summaryOf,
} from '../lib/workflowSelectors.ts';

interface Props {
  roomId: string;
  token: string;
}

export function RoomPage({ roomId, token }: Props) {
  const [session, state] = useRoomSession(roomId, token);
  const rejected = state.connection.state === 'rejected';
  const participant = state.session?.participant ?? null;
  const [codeSync, codeStatus] = useCodeSync(
    roomId,
    token,
    !rejected,
    participant ? { name: participant.name, color: participant.color, role: participant.role } : null,
  );
  const online = useOnline();
  const view = state.view;
  const [runConsole, runState] = useRunConsole(
    session,
    participant && state.session ? { name: participant.name, role: state.session.role } : null,
  );
  const [editorController, setEditorController] = useState<CodeEditorController | null>(null);
  /** Set each render below (after the early returns); Ctrl/Cmd+Enter calls the latest. */
  const runCurrent = useRef<() => void>(() => {});
  useRunShortcut(view?.status === 'live', () => runCurrent.current());
  const now = useNow(1_000, view?.status === 'live');
  /** After the end: the question picked in the plan to finish its notes and score. */
  const [reviewIndex, setReviewIndex] = useState<number | null>(null);

  const isInterviewer = state.session?.role === 'interviewer';
  const tools = useInterviewerTools(session, state, isInterviewer);
  const { dialog, setDialog } = tools;
  const report = useReportExport(roomId, token, view?.title ?? 'interview');
  const ended = view?.status === 'ended';
  const currentIndex = view?.currentIndex ?? -1;
  const questionCount = view?.questionCount ?? 0;
  const busy = state.pendingAction !== null;
  const canNext = !ended && currentIndex < questionCount - 1;
  const canPrevious = !ended && currentIndex > 0;

  // Off while an overlay is open: its own keys (Escape, Tab) are the ones that count then.
  useShortcuts(isInterviewer && dialog === null, (shortcut: Shortcut) => {
    switch (shortcut.action) {
      case 'next':
        if (canNext && !busy) void session?.next();
        return;
      case 'previous':
        if (canPrevious && !busy) void session?.previous();
        return;
      case 'jump':
        if (ended) setReviewIndex(shortcut.index < questionCount ? shortcut.index : reviewIndex);
        else if (shortcut.index < questionCount && !busy) void session?.goto(shortcut.index);
        return;
      case 'plan':
        if (!ended) setDialog('plan');
        return;
      case 'adHoc':
        if (!ended) setDialog('adHoc');
        return;
      case 'end':
        if (!ended) setDialog('end');
        return;
      case 'report':
      case 'help':
        setDialog(shortcut.action);
        return;
    }
  });

  const { clearError } = report;
  const dismissError = useCallback(() => {
    session?.dismissError();
    clearError();
  }, [session, clearError]);

  if (rejected) {
    const code = state.connection.state === 'rejected' ? state.connection.code : '';
    return (
      <ErrorScreen title={INVALID_LINK_TITLE}>
        <p className="center-screen__text">
          {code === ErrorCode.NotFound
            ? 'This interview room does not exist (any more).'
            : 'The server did not accept the access token in this link.'}{' '}
          Ask the interviewer for a new link.
        </p>
      </ErrorScreen>
    );
  }

  if (!session || !state.session || !view) {
    const text =
      state.connection.state === 'reconnecting' ? 'Cannot reach the server, retrying…' : 'Joining the room…';
    return <LoadingScreen text={text} />;
  }

  const question = shownQuestion(view, isInterviewer ? state.privateView : null, reviewIndex);
  const connection = connectionKind(state.connection, codeStatus, online);
  const presence = presenceEntries(state.presence, view, participant?.id ?? null);
  const elapsed = interviewElapsedMs(view, now);

  const header = (children?: ReactNode) => (
    <RoomHeader
      title={view.title}
      status={view.status}
      elapsedMs={elapsed}
      currentIndex={currentIndex}
      questionCount={questionCount}
      connection={connection}
      connectionDetail={codeStatus.state === 'closed' ? 'The code editor is not syncing.' : undefined}
      unsaved={unsyncedWrites(state)}
      presence={presence}
    >
      {children}
    </RoomHeader>
  );

  const runQuestionId = question?.candidate.id ?? null;
  const timeLimitSeconds = question?.candidate.timeLimitSeconds ?? DEFAULT_RUN_TIME_LIMIT_SECONDS;
  const runDisabledReason = ended
    ? 'The interview has ended: code can no longer be run.'
    : runQuestionId === null
      ? 'Run becomes available once a question is shown.'
      : null;
  runCurrent.current = () => {
    if (runDisabledReason !== null || !runQuestionId || !codeSync || !runConsole) return;
    void runConsole.run(runQuestionId, codeSync.text(runQuestionId).toString(), timeLimitSeconds * 1000);
  };
  const hiddenChecks = isInterviewer ? question?.full?.rubric.hiddenChecks : undefined;

  const editor = (
    <div className="workbench">
      <CodeEditor
        codeSync={codeSync}
        status={codeStatus}
        question={question?.candidate ?? null}
        readOnly={ended}
        emptyTitle={isInterviewer ? 'No question shown yet' : 'Waiting for the interviewer to start'}
        emptyText={
          isInterviewer
            ? 'Press “Next question” to show the first question. The candidate sees it and this editor at once.'
            : 'Code for each question opens here. The interviewer sees what you type as you type it.'
        }
        onController={setEditorController}
      />
      <RunPanel
        state={runState}
        questionId={runQuestionId}
        timeLimitSeconds={timeLimitSeconds}
        disabledReason={runDisabledReason}
        onRun={() => runCurrent.current()}
        onWarm={() => {
          if (runDisabledReason === null) runConsole?.warm();
        }}
        onStop={() => runConsole?.stop()}
        onJumpToLine={(line) => editorController?.revealLine(line)}
        hiddenChecks={hiddenChecks}
        onRunChecks={() => {
          if (!runQuestionId || !codeSync || !runConsole || !hiddenChecks) return;
          const code = codeSync.text(runQuestionId).toString();
          void runConsole.runChecks(runQuestionId, code, hiddenChecks, timeLimitSeconds * 1000);
        }}
        onReveal={() => {
          if (runQuestionId) runConsole?.reveal(runQuestionId);
        }}
      />
    </div>
  );

  const endedBanner = ended && (
    <Banner tone="ended">
      <strong>This interview has ended</strong>
      <span>
        {isInterviewer
          ? ' — the code is final. You can still finish notes and scores (pick any question in the plan), then download the report.'
          : ' — thank you! The editor is now read-only.'}
      </span>
    </Banner>
  );

  const toastError = report.error
    ? { id: -1, code: ErrorCode.Internal, message: report.error }
    : state.lastError;

  if (!isInterviewer) {
    return (
      <div className="room room--candidate">
        {header()}
        {endedBanner}
        <main className="room-main room-main--candidate">
          <QuestionPanel
            question={view.current}
            index={currentIndex}
            count={questionCount}
            emptyTitle="No question yet"
            emptyText={`Hi ${view.candidateName}! The first question appears here as soon as the interviewer starts. Nothing to do until then.`}
          />
          {editor}
        </main>
      </div>
    );
  }

  const items = planItems(view, state.privateView, now);
  const currentId = question?.candidate.id ?? null;
  const notes = currentId ? notesFor(state, currentId) : null;
  const noteError = currentId ? (state.drafts[notesKey(currentId)]?.error ?? null) : null;
  const score = currentId ? scoreFor(state, currentId) : null;
  const readiness = reportReadiness(state);
  const waiting = view.status === 'waiting';
  const close = () => setDialog(null);

  const rubric = question?.full?.rubric ?? null;
  const ticks: RubricTicks | undefined =
    currentId && rubric
      ? {
          isTicked: (kind, index) => isTicked(state, currentId, kind, index),
          onTick: (kind: RubricItemKind, index: number, ticked: boolean) => {
            void session.tick(currentId, kind, index, ticked);
            const text = rubricItemText(rubric, kind, index);
            // Unticking leaves the notes alone: they are the interviewer's own words by then.
            if (ticked && text !== undefined)
              session.appendToNotes(
                currentId,
                tickLine(kind, text, interviewElapsedMs(view, Date.now()), new Date()),
              );
          },
        }
      : undefined;

  const builderProps = {
    editor: tools.editor,
    bank: tools.summaries,
    bankError: tools.bank.state === 'error' ? tools.bank.message : null,
    onRetryBank: tools.retryBank,
    previewId: tools.previewId,
    preview: tools.preview,
    onPreview: tools.setPreviewId,
    onRetryPreview: tools.retryPreview,
    savedPlans: tools.savedPlans,
    savedPlansApi: tools.savedPlansApi,
  };

  return (
    <div className="room room--interviewer">
      {header(
        <div className="toolbar">
          <InterviewControls
            canPrevious={canPrevious}
            canNext={canNext}
            canEnd={!ended}
            busy={busy}
            started={!waiting}
            onPrevious={() => void session.previous()}
            onNext={() => void session.next()}
            onEnd={() => setDialog('end')}
          />
          <div className="toolbar__group">
            <button
              type="button"
              className={ended ? 'button button--primary' : 'button'}
              aria-keyshortcuts={SHORTCUT_LABELS.report}
              title={`Recommendation, summary and download (${SHORTCUT_LABELS.report})`}
              onClick={() => setDialog('report')}
            >
              Report{' '}
              <span className={`report__badge report__badge--${readiness.final ? 'final' : 'draft'}`}>
                {readiness.final ? 'Final' : 'Draft'}
              </span>
              <KeyHint keys={SHORTCUT_LABELS.report} />
            </button>
            <button
              type="button"
              className="button"
              aria-keyshortcuts="?"
              title="Keyboard shortcuts (?)"
              onClick={() => setDialog('help')}
            >
              Shortcuts <KeyHint keys="?" />
            </button>
          </div>
          {!ended && <NewCandidateLink roomId={roomId} token={token} />}
        </div>,
      )}
      {endedBanner}
      {waiting ? (
        <main className="room-main room-main--builder" aria-label="Build the plan">
          <div className="builder-intro">
            <h2 className="builder-intro__title">Build the plan</h2>
            <p className="builder-intro__text">
              {view.candidateName} sees a waiting screen. Search the banks, preview a question with its
              rubric, add it, order the plan and set a time budget per question. Press “Next question” (
              {SHORTCUT_LABELS.next}) to show the first one.
            </p>
          </div>
          <PlanBuilder {...builderProps} />
        </main>
      ) : (
        <main className="room-main room-main--interviewer">
          <div className="column column--left">
            <QuestionPanel
              question={question?.candidate ?? null}
              index={question?.index ?? currentIndex}
              count={questionCount}
              reviewing={ended && question !== null && question.index !== currentIndex}
              emptyTitle="The interview has not started"
              emptyText={`${view.candidateName} sees a waiting screen. Press “Next question” (Alt+N) when you are both ready.`}
            />
            <PlanList
              items={items}
              mode={ended ? 'review' : 'navigate'}
              selectedIndex={question?.index ?? -1}
              disabled={busy}
              onSelect={(i) => {
                if (ended) setReviewIndex(i);
                else void session.goto(i);
              }}
              {...(ended ? {} : { onEdit: () => setDialog('plan'), onAddAdHoc: () => setDialog('adHoc') })}
            />
          </div>
          {editor}
          <div className="column column--right">
            <RubricPanel rubric={rubric} questionTitle={question?.candidate.title ?? null} ticks={ticks} />
            <section className="panel assessment" aria-label="Assessment">
              {currentId && notes ? (
                <>
                  <NotesField
                    key={currentId}
                    value={notes.text}
                    status={notes.status}
                    error={noteError}
                    placeholder="What did the candidate do well? Where did they struggle?"
                    onChange={(text) => session.editNotes(currentId, text)}
                  />
                  <ScoreControl
                    questionId={currentId}
                    value={score}
                    status={scoreStatus(state, currentId)}
                    suggested={suggestedScoreFor(state, currentId)}
                    onChange={(value: Score | null) => void session.setScore(currentId, value)}
                  />
                </>
              ) : (
                <p className="empty-state__text">
                  Notes and a score for each question go here once it is shown.
                </p>
              )}
            </section>
          </div>
        </main>
      )}
      <EndInterviewDialog
        open={dialog === 'end' && !ended}
        busy={state.pendingAction === 'end'}
        onCancel={close}
        onConfirm={() => {
          void session.end().then((done) => {
            // The write-up comes next: the report dialog asks for the recommendation and summary.
            setDialog(done ? 'report' : null);
          });
        }}
      />
      <PlanBuilderDialog open={dialog === 'plan' && !ended && !waiting} onClose={close} {...builderProps} />
      <AdHocQuestionDialog
        open={dialog === 'adHoc' && !ended}
        placement={waiting ? 'at the end of the plan' : 'right after the current question'}
        blocked={
          tools.editor.adHocRoom
            ? null
            : 'Several ad-hoc questions are still on their way to the server; try again once they are saved.'
        }
        onClose={close}
        onAdd={tools.editor.addAdHoc}
      />
      <ReportDialog
        open={dialog === 'report'}
        onClose={close}
        recommendation={recommendationOf(state)}
        onRecommendation={(value) => void session.setRecommendation(value)}
        summary={summaryOf(state)}
        onSummary={(text) => session.editSummary(text)}
        readiness={readiness}
        exporting={report.exporting}
        onExport={(format) => void report.download(format)}
      />
      <ShortcutHelp open={dialog === 'help'} onClose={close} />
      <ErrorToast error={toastError} onDismiss={dismissError} />
    </div>
  );
}
