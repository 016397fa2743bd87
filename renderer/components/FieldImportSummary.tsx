import type { FieldFilePreview } from '../../common/api-contract';
import { formatCount } from '../format/value-text';
import { Spinner } from './Spinner';

interface FieldImportSummaryProps {
  preview: FieldFilePreview | null;
  /** The preview answers the columns shown (else it is being checked again, or no unique id is chosen). */
  current: boolean;
  checking: boolean;
  uniqueIdChosen: boolean;
  /** The services refused these columns (shown above): there are no counts to show. */
  refused: boolean;
}

/** The counts of a preview (good, with errors, already in the study), its warnings about the file, and its notes. */
export function FieldImportSummary({ preview, current, checking, uniqueIdChosen, refused }: FieldImportSummaryProps) {
  // The services repeat the file's warnings among the notes; each is said once.
  const warnings = preview?.warnings ?? [];
  const notes = (preview?.notes ?? []).filter((note) => !warnings.includes(note));
  return (
    <>
      <div className="import-status" role="status" aria-live="polite" data-testid="import-counts">
        {!uniqueIdChosen ? (
          <p className="import-status-note">Choose which column holds each plot’s unique id to see what the import would do.</p>
        ) : refused && !checking ? null : checking || !current || !preview ? (
          <p className="import-status-note">
            <Spinner /> Checking the file with these columns…
          </p>
        ) : (
          <dl className="import-counts">
            <div className="import-count import-count-good">
              <dt>Good rows</dt>
              <dd data-testid="import-count-good">{formatCount(preview.validCount)}</dd>
            </div>
            <div className={`import-count${preview.errorCount > 0 ? ' import-count-bad' : ''}`}>
              <dt>With errors</dt>
              <dd data-testid="import-count-errors">{formatCount(preview.errorCount)}</dd>
            </div>
            <div className={`import-count${preview.existingCount > 0 ? ' import-count-existing' : ''}`}>
              <dt>Already in this study</dt>
              <dd data-testid="import-count-existing">{formatCount(preview.existingCount)}</dd>
            </div>
          </dl>
        )}
      </div>
      {warnings.length > 0 ? (
        <div className="notice notice-warning import-notice" data-testid="import-warnings">
          <p className="notice-title">Check how the file was read</p>
          <ul className="notice-body import-list">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {current && notes.length > 0 ? (
        <ul className="import-notes import-list" data-testid="import-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
