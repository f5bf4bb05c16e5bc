import type { ExportFormat, Score } from '@interview-room/protocol';
import { DEFAULT_RUN_TIME_LIMIT_SECONDS, ErrorCode } from '@interview-room/protocol';
import type { ReactNode } from 'react';
import { useCallback, useRef, useState } from 'react';
import { Banner } from '../components/Banner.tsx';
import { CodeEditor } from '../components/CodeEditor.tsx';
import { EndInterviewDialog } from '../components/EndInterviewDialog.tsx';
import { ErrorScreen, LoadingScreen } from '../components/ErrorScreen.tsx';
import { ErrorToast } from '../components/ErrorToast.tsx';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { InterviewControls } from '../components/InterviewControls.tsx';
import { NewCandidateLink } from '../components/NewCandidateLink.tsx';
import { NotesField } from '../components/NotesField.tsx';
import { PlanList } from '../components/PlanList.tsx';
import { QuestionPanel } from '../components/QuestionPanel.tsx';
import { RoomHeader } from '../components/RoomHeader.tsx';
import { RubricPanel } from '../components/RubricPanel.tsx';
import { RunPanel } from '../components/RunPanel.tsx';
import { ScoreControl } from '../components/ScoreControl.tsx';
import { useCodeSync } from '../hooks/useCodeSync.ts';
import { useNow } from '../hooks/useNow.ts';
import { useOnline } from '../hooks/useOnline.ts';
import { useRoomSession } from '../hooks/useRoomSession.ts';
import { useRunConsole, useRunShortcut } from '../hooks/useRunConsole.ts';
import { useShortcuts } from '../hooks/useShortcuts.ts';
import { ApiError, fetchExport } from '../lib/api.ts';
import { saveBlob } from '../lib/download.ts';
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
import { INVALID_LINK_TITLE } from '../lib/routes.ts';

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
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  /** After the end: the question picked in the plan to finish its notes and score. */
  const [reviewIndex, setReviewIndex] = useState<number | null>(null);

  const isInterviewer = state.session?.role === 'interviewer';
  const ended = view?.status === 'ended';
  const currentIndex = view?.currentIndex ?? -1;
  const questionCount = view?.questionCount ?? 0;
  const busy = state.pendingAction !== null;
  const canNext = !ended && currentIndex < questionCount - 1;
  const canPrevious = !ended && currentIndex > 0;

  useShortcuts(isInterviewer && !confirmingEnd, {
    next: () => {
      if (canNext && !busy) void session?.next();
    },
    previous: () => {
      if (canPrevious && !busy) void session?.previous();
    },
  });

  const dismissError = useCallback(() => {
    session?.dismissError();
    setExportError(null);
  }, [session]);

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

  const exportReport = async (format: ExportFormat): Promise<void> => {
    setExporting(format);
    setExportError(null);
    try {
      const file = await fetchExport(roomId, token, format, view.title);
      saveBlob(file.blob, file.filename);
    } catch (err) {
      setExportError(err instanceof ApiError ? `Download failed: ${err.message}` : 'Download failed.');
    } finally {
      setExporting(null);
    }
  };

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

  const toastError = exportError
    ? { id: -1, code: ErrorCode.Internal, message: exportError }
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
  const noteError = currentId ? (state.drafts[currentId]?.error ?? null) : null;
  const score = currentId ? scoreFor(state, currentId) : null;

  return (
    <div className="room room--interviewer">
      {header(
        <div className="toolbar">
          <InterviewControls
            canPrevious={canPrevious}
            canNext={canNext}
            canEnd={!ended}
            busy={busy}
            started={view.status !== 'waiting'}
            onPrevious={() => void session.previous()}
            onNext={() => void session.next()}
            onEnd={() => setConfirmingEnd(true)}
          />
          <ExportButtons highlighted={ended} busy={exporting} onExport={(f) => void exportReport(f)} />
          {!ended && <NewCandidateLink roomId={roomId} token={token} />}
        </div>,
      )}
      {endedBanner}
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
          />
        </div>
        {editor}
        <div className="column column--right">
          <RubricPanel
            rubric={question?.full?.rubric ?? null}
            questionTitle={question?.candidate.title ?? null}
          />
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
      <EndInterviewDialog
        open={confirmingEnd && !ended}
        busy={state.pendingAction === 'end'}
        onCancel={() => setConfirmingEnd(false)}
        onConfirm={() => {
          void session.end().then(() => setConfirmingEnd(false));
        }}
      />
      <ErrorToast error={toastError} onDismiss={dismissError} />
    </div>
  );
}
