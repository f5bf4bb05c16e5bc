import type { HiddenCheck } from '@interview-room/protocol';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useNow } from '../hooks/useNow.ts';
import type { ChecksState, ChecksSummary, ConsoleRun, RunConsoleState } from '../lib/runConsole.ts';
import { tracebackLinks } from '../lib/runConsole.ts';
import './runPanel.css';

interface Props {
  state: RunConsoleState;
  questionId: string | null;
  timeLimitSeconds: number;
  /** Why Run is unavailable (no question yet, interview ended), or null. */
  disabledReason: string | null;
  onRun: () => void;
  /** The pointer or focus reached Run: a good moment to start loading Python. */
  onWarm?: () => void;
  onStop: () => void;
  onJumpToLine: (line: number) => void;
  /** Interviewer pages: the question's hidden checks (rubric data). */
  hiddenChecks?: readonly HiddenCheck[] | undefined;
  onRunChecks?: () => void;
  onReveal?: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = isMac ? '⌘↵' : 'Ctrl+↵';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function statusOf(run: ConsoleRun, limitSeconds: number): { tone: string; text: string } {
  switch (run.status) {
    case 'running':
      return { tone: 'running', text: 'Running…' };
    case 'ok':
      return { tone: 'ok', text: 'Exited 0' };
    case 'error':
      return { tone: 'error', text: run.exitCode === null ? 'Failed' : `Exited ${run.exitCode}` };
    case 'timeout':
      return { tone: 'error', text: `Time limit (${limitSeconds} s)` };
    case 'stopped':
      return { tone: 'muted', text: 'Stopped' };
    case 'crashed':
      return { tone: 'error', text: 'Crashed' };
  }
}

/** The closing line of a run, as both pages show it. */
function endNotice(run: ConsoleRun, limitSeconds: number): string | null {
  switch (run.status) {
    case 'timeout':
      return `Time limit exceeded: the program was stopped after ${limitSeconds} s.`;
    case 'stopped':
      return `Stopped by ${run.by.name}.`;
    case 'crashed':
      return 'The Python runtime stopped (out of memory, or the page that ran it went away).';
    default:
      return null;
  }
}

function Traceback({ text, onJump }: { text: string; onJump: (line: number) => void }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const link of tracebackLinks(text)) {
    parts.push(text.slice(at, link.start));
    parts.push(
      <button
        key={link.start}
        type="button"
        className="run-panel__line-link"
        title={`Go to line ${link.line} in the editor`}
        onClick={() => onJump(link.line)}
      >
        {text.slice(link.start, link.end)}
      </button>,
    );
    at = link.end;
  }
  parts.push(text.slice(at));
  return <span className="run-panel__traceback">{parts}</span>;
}

export function RunPanel(props: Props) {
  const { state, questionId, timeLimitSeconds, disabledReason } = props;
  const run = questionId ? (state.runs[questionId] ?? null) : null;
  const running = run?.status === 'running';
  const localBusy = state.preparing || (running && run?.local === true);
  const now = useNow(200, running);
  const outputRef = useRef<HTMLPreElement>(null);
  const [startedAt, setStartedAt] = useState<{ runId: string; at: number } | null>(null);

  // Elapsed time of the run in progress, counted from when this page first saw it.
  useEffect(() => {
    if (run && running && startedAt?.runId !== run.runId) setStartedAt({ runId: run.runId, at: Date.now() });
  }, [run, running, startedAt]);

  // Follow the output as it grows.
  const length = run ? run.lines.reduce((n, l) => n + l.text.length, 0) + (run.traceback?.length ?? 0) : 0;
  useEffect(() => {
    const el = outputRef.current;
    if (el && length >= 0) el.scrollTop = el.scrollHeight;
  }, [length]);

  const loading = state.python.phase === 'loading' && state.preparing;
  const status = state.preparing
    ? { tone: 'running', text: 'Starting…' }
    : run
      ? statusOf(run, timeLimitSeconds)
      : null;
  const duration =
    run && run.durationMs !== null
      ? seconds(run.durationMs)
      : running && startedAt
        ? seconds(Math.max(0, now - startedAt.at))
        : null;
  const notice = run ? endNotice(run, timeLimitSeconds) : null;

  return (
    <section className="run-panel" aria-label="Output console">
      <div className="run-panel__bar">
        {localBusy ? (
          <button type="button" className="button button--small button--danger" onClick={props.onStop}>
            <span aria-hidden="true" className="run-panel__icon">
              ■
            </span>{' '}
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="button button--small button--primary"
            onClick={props.onRun}
            onPointerEnter={props.onWarm}
            onFocus={props.onWarm}
            disabled={disabledReason !== null}
            title={disabledReason ?? `Run solution.py (${SHORTCUT})`}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            <span aria-hidden="true" className="run-panel__icon">
              ▶
            </span>{' '}
            Run
            <kbd className="run-panel__kbd">{SHORTCUT}</kbd>
          </button>
        )}
        {status && (
          <span className={`run-panel__status run-panel__status--${status.tone}`} data-testid="run-status">
            {status.text}
            {duration && !state.preparing && <span className="run-panel__duration"> · {duration}</span>}
          </span>
        )}
        {run && (
          <span className="run-panel__by">
            Run by <strong>{run.by.name}</strong> ({run.by.role})
          </span>
        )}
        <span className="run-panel__spacer" />
        <span
          className="run-panel__hint"
          title="Python runs in your browser (Pyodide). No packages can be installed."
        >
          Python 3 · standard library only · {timeLimitSeconds} s limit
        </span>
      </div>
      {loading && (
        <div className="run-panel__loading" role="status">
          <span className="run-panel__progress" aria-hidden="true" />
          Loading Python in your browser (about 12 MB, first run only)…
        </div>
      )}
      {state.python.phase === 'failed' && !running && (
        <div className="run-panel__loading run-panel__loading--error" role="alert">
          Python could not be loaded: {state.python.message}
        </div>
      )}
      {run?.warning && <div className="run-panel__warning">{run.warning}</div>}
      <pre className="run-panel__output" ref={outputRef} aria-label="Program output" role="log">
        {!run && !loading && (
          <span className="run-panel__placeholder">
            {disabledReason ??
              `Press Run (${SHORTCUT}) to run solution.py in your browser. Both of you see the output here. Only Python's standard library is available (offline, no packages).`}
          </span>
        )}
        {run?.lines.map((line, i) => (
          // Lines only ever grow at the end; the index is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
          <span key={i} className={`run-panel__${line.stream}`}>
            {line.text}
          </span>
        ))}
        {run?.traceback && <Traceback text={run.traceback} onJump={props.onJumpToLine} />}
        {notice && <span className="run-panel__notice">{notice}</span>}
      </pre>
      {props.hiddenChecks && props.hiddenChecks.length > 0 && questionId && (
        <HiddenChecks
          checks={props.hiddenChecks}
          state={state.checks[questionId] ?? null}
          disabled={disabledReason !== null && !disabledReason.startsWith('The interview has ended')}
          onRun={props.onRunChecks}
          onReveal={props.onReveal}
        />
      )}
      {!props.hiddenChecks && questionId && state.checkSummaries[questionId] && (
        <CheckSummary summary={state.checkSummaries[questionId]} />
      )}
    </section>
  );
}

function HiddenChecks(props: {
  checks: readonly HiddenCheck[];
  state: ChecksState | null;
  disabled: boolean;
  onRun: (() => void) | undefined;
  onReveal: (() => void) | undefined;
}) {
  const { state } = props;
  const results = state?.outcome?.results ?? null;
  const passed = results?.filter((r) => r.passed).length ?? 0;
  return (
    <section className="run-checks" aria-label="Hidden checks">
      <div className="run-checks__bar">
        <span className="run-checks__title">Hidden checks</span>
        <span className="run-checks__meta">
          {results
            ? `${passed}/${results.length} passed`
            : `${props.checks.length} check${props.checks.length === 1 ? '' : 's'} · only you see them`}
        </span>
        <span className="run-panel__spacer" />
        {results && (
          <button
            type="button"
            className="button button--small"
            onClick={props.onReveal}
            disabled={state?.revealed === true || state?.running === true}
          >
            {state?.revealed ? 'Revealed to candidate' : 'Reveal results'}
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={props.onRun}
          disabled={state?.running === true || props.disabled}
        >
          {state?.running ? 'Running checks…' : 'Run checks'}
        </button>
      </div>
      {results && (
        <ul className="run-checks__list">
          {results.map((r) => (
            <li key={r.name} className={`run-checks__item run-checks__item--${r.passed ? 'pass' : 'fail'}`}>
              <span className="run-checks__mark" aria-hidden="true">
                {r.passed ? '✓' : '✗'}
              </span>
              <span className="run-checks__name">{r.name}</span>
              <span className="visually-hidden">{r.passed ? 'passed' : 'failed'}</span>
              {!r.passed && r.message && <span className="run-checks__message">{r.message}</span>}
            </li>
          ))}
        </ul>
      )}
      {state?.outcome?.notice && results && <p className="run-checks__notice">{state.outcome.notice}</p>}
    </section>
  );
}

function CheckSummary({ summary }: { summary: ChecksSummary }) {
  return (
    <section className="run-checks" aria-label="Hidden checks">
      <div className="run-checks__bar">
        <span className="run-checks__title">Hidden checks</span>
        <span className="run-checks__meta" data-testid="checks-summary">
          {summary.by} ran {summary.total} hidden check{summary.total === 1 ? '' : 's'}
          {summary.results ? `: ${summary.passed}/${summary.total} passed` : ''}
        </span>
      </div>
      {summary.results && (
        <ul className="run-checks__list">
          {summary.results.map((r) => (
            <li key={r.name} className={`run-checks__item run-checks__item--${r.passed ? 'pass' : 'fail'}`}>
              <span className="run-checks__mark" aria-hidden="true">
                {r.passed ? '✓' : '✗'}
              </span>
              <span className="run-checks__name">{r.name}</span>
              <span className="visually-hidden">{r.passed ? 'passed' : 'failed'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
