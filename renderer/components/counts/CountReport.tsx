import { useId, useState } from 'react';
import type { CountSummary } from '../../../common/stock/stock-results';
import { api } from '../../api/api';
import { asApiCallError } from '../../api/api-call-error';
import { downloadBase64, downloadFile } from '../../files/download-file';
import { Spinner } from '../Spinner';
import { CountReportView } from './CountReportView';

/** The reconciliation report: on screen, and as CSV and printable PDF downloads. */
export function CountReport({ count }: { count: CountSummary }) {
  const [shown, setShown] = useState(count.status === 'approved');
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const ids = useId();

  const download = async (format: 'csv' | 'pdf'): Promise<void> => {
    setBusy(format);
    setMessage(null);
    try {
      if (format === 'csv') {
        const file = await api.call('counts:report-csv', { countId: count.id });
        downloadFile(file.filename, 'text/csv', file.csv);
        setMessage({ text: `Saved the report as “${file.filename}”.`, failed: false });
      } else {
        const file = await api.call('counts:report-pdf', { countId: count.id });
        downloadBase64(file.fileName, file.mimeType, file.content);
        setMessage({ text: `Saved the printable report as “${file.fileName}”.`, failed: false });
      }
    } catch (error) {
      const method = format === 'csv' ? 'counts:report-csv' : 'counts:report-pdf';
      setMessage({ text: `The report could not be made: ${asApiCallError(error, method).message}`, failed: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="count-report" aria-labelledby={`${ids}-title`}>
      <div className="count-report-bar">
        <h2 id={`${ids}-title`} className="section-heading">
          Reconciliation report
        </h2>
        <div className="count-report-actions">
          <button type="button" className="button button-small" aria-expanded={shown} onClick={() => setShown((was) => !was)} data-testid="count-report-toggle">
            {shown ? 'Hide the report' : 'Show the report'}
          </button>
          <button type="button" className="button button-small" onClick={() => void download('csv')} disabled={busy !== null} data-testid="count-report-csv">
            {busy === 'csv' ? <Spinner /> : null}
            Download CSV
          </button>
          <button type="button" className="button button-small" onClick={() => void download('pdf')} disabled={busy !== null} data-testid="count-report-pdf">
            {busy === 'pdf' ? <Spinner /> : null}
            Download PDF
          </button>
        </div>
      </div>
      {message ? (
        <p className={`count-report-message${message.failed ? ' count-report-message-failed' : ''}`} role={message.failed ? 'alert' : 'status'} data-testid="count-report-message">
          {message.text}
        </p>
      ) : null}
      {shown ? <CountReportView countId={count.id} /> : null}
    </section>
  );
}
