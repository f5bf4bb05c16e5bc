import type { ExportFormat, Recommendation } from '@interview-room/protocol';
import { LIMITS, RECOMMENDATION_LABELS, RECOMMENDATIONS } from '@interview-room/protocol';
import { useId } from 'react';
import { UNSAVED_TEXT } from '../lib/roomSelectors.ts';
import type { NoteStatus } from '../lib/roomSession.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { Modal } from './Modal.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  recommendation: Recommendation | null;
  onRecommendation: (value: Recommendation | null) => void;
  summary: { text: string; status: NoteStatus | null; error: string | null };
  onSummary: (text: string) => void;
  readiness: { final: boolean; missing: string[] };
  exporting: ExportFormat | null;
  onExport: (format: ExportFormat) => void;
}

const SUMMARY_STATUS: Record<NoteStatus, string> = {
  editing: 'Saving…',
  saving: 'Saving…',
  queued: UNSAVED_TEXT,
  saved: 'Saved',
  error: 'Not saved',
};

/** The write-up: an overall recommendation and a summary make the report final; then download it. */
export function ReportDialog(props: Props) {
  const { recommendation, summary, readiness } = props;
  const id = useId();
  return (
    <Modal open={props.open} onClose={props.onClose} labelledBy={`${id}-title`} className="dialog--form">
      <div className="report__head">
        <h2 id={`${id}-title`} className="dialog__title">
          Report
        </h2>
        <span className={`report__badge report__badge--${readiness.final ? 'final' : 'draft'}`}>
          {readiness.final ? 'Final' : 'Draft'}
        </span>
      </div>
      <p className="dialog__text" aria-live="polite">
        {readiness.final
          ? 'The report is final. You can still change it; downloads always carry the latest.'
          : `The report is a draft until it has ${readiness.missing.join(' and ')}.`}
      </p>
      <fieldset className="recommendation">
        <legend className="field-label">Overall recommendation</legend>
        <div className="recommendation__options">
          {RECOMMENDATIONS.map((value) => (
            <label key={value} className={`recommendation__option recommendation__option--${value}`}>
              <input
                type="radio"
                name={`${id}-recommendation`}
                value={value}
                checked={recommendation === value}
                onChange={() => props.onRecommendation(value)}
              />
              {RECOMMENDATION_LABELS[value]}
            </label>
          ))}
        </div>
        <button
          type="button"
          className="button button--link"
          disabled={recommendation === null}
          onClick={() => props.onRecommendation(null)}
        >
          Clear
        </button>
      </fieldset>
      <div className="field report__summary">
        <div className="field-row">
          <label htmlFor={`${id}-summary`} className="field-label">
            Summary
          </label>
          <span className={`notes__status notes__status--${summary.status ?? 'idle'}`} aria-live="polite">
            {summary.status ? SUMMARY_STATUS[summary.status] : ''}
            {summary.status === 'error' && summary.error ? `: ${summary.error}` : ''}
          </span>
        </div>
        <textarea
          id={`${id}-summary`}
          className="notes__input"
          rows={6}
          value={summary.text}
          maxLength={LIMITS.summaryChars}
          placeholder="Strengths, concerns, and why this recommendation."
          onChange={(event) => props.onSummary(event.target.value)}
        />
      </div>
      <div className="dialog__actions report__actions">
        <ExportButtons highlighted={readiness.final} busy={props.exporting} onExport={props.onExport} />
        <button type="button" className="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
