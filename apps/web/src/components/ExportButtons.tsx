import type { ExportFormat } from '@interview-room/protocol';

interface Props {
  highlighted: boolean;
  busy: ExportFormat | null;
  onExport: (format: ExportFormat) => void;
}

export function ExportButtons({ highlighted, busy, onExport }: Props) {
  const className = highlighted ? 'button button--primary' : 'button';
  return (
    <div className="export">
      <button
        type="button"
        className={className}
        aria-busy={busy === 'md'}
        disabled={busy !== null}
        title="Download the interview report as Markdown"
        onClick={() => onExport('md')}
      >
        Download Markdown
      </button>
      <button
        type="button"
        className={className}
        aria-busy={busy === 'json'}
        disabled={busy !== null}
        title="Download the interview report as JSON"
        onClick={() => onExport('json')}
      >
        Download JSON
      </button>
    </div>
  );
}
