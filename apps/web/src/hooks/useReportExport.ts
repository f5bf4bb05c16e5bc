import type { ExportFormat } from '@interview-room/protocol';
import { useState } from 'react';
import { ApiError, fetchExport } from '../lib/api.ts';
import { saveBlob } from '../lib/download.ts';

/** Downloads the report (interviewer token in a header); remembers which format is on its way. */
export function useReportExport(
  roomId: string,
  token: string,
  title: string,
): {
  exporting: ExportFormat | null;
  error: string | null;
  clearError: () => void;
  download: (format: ExportFormat) => Promise<void>;
} {
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: ExportFormat): Promise<void> => {
    setExporting(format);
    setError(null);
    try {
      const file = await fetchExport(roomId, token, format, title);
      saveBlob(file.blob, file.filename);
    } catch (err) {
      setError(err instanceof ApiError ? `Download failed: ${err.message}` : 'Download failed.');
    } finally {
      setExporting(null);
    }
  };
  return { exporting, error, clearError: () => setError(null), download };
}
