import { SHORTCUT_LABELS } from '../lib/shortcuts.ts';
import { KeyHint } from './KeyHint.tsx';

interface Props {
  canPrevious: boolean;
  canNext: boolean;
  canEnd: boolean;
  busy: boolean;
  started: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onEnd: () => void;
}

export function InterviewControls(props: Props) {
  const { canPrevious, canNext, canEnd, busy, started } = props;
  return (
    <div className="controls" aria-busy={busy}>
      <button
        type="button"
        className="button"
        disabled={!canPrevious || busy}
        title={`Previous question (${SHORTCUT_LABELS.previous})`}
        aria-keyshortcuts="Alt+P"
        onClick={props.onPrevious}
      >
        <span aria-hidden="true">←</span> Previous question <KeyHint keys={SHORTCUT_LABELS.previous} />
      </button>
      <button
        type="button"
        className="button button--primary"
        disabled={!canNext || busy}
        title={
          started
            ? `Next question (${SHORTCUT_LABELS.next})`
            : `Next question (${SHORTCUT_LABELS.next}): starts the interview`
        }
        aria-keyshortcuts="Alt+N"
        onClick={props.onNext}
      >
        Next question <span aria-hidden="true">→</span> <KeyHint keys={SHORTCUT_LABELS.next} />
      </button>
      <div className="controls__spacer" />
      <button
        type="button"
        className="button button--danger-outline"
        disabled={!canEnd || busy}
        title={`End the interview (${SHORTCUT_LABELS.end})`}
        aria-keyshortcuts={SHORTCUT_LABELS.end}
        onClick={props.onEnd}
      >
        End interview <KeyHint keys={SHORTCUT_LABELS.end} />
      </button>
    </div>
  );
}
