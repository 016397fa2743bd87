import { useId, useRef } from 'react';
import { observationBlockedReason, observationButtonLabel, observationResultText, observationShortText } from '../files/observation-import-wording';
import { fieldFileTypes } from '../files/use-field-import';
import { useObservationImport } from '../files/use-observation-import';
import { formatCount } from '../format/value-text';
import { FilePickerButton } from './FilePickerButton';
import { ObservationPreviewRows } from './ObservationPreviewRows';
import { ImportDialog } from './ImportDialog';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';
import '../styles/observation-import.css';

/** The columns of a database export that hold the observation, never the plot's unique id. */
const observationColumns = new Set(['trait', 'value', 'timestamp', 'person', 'location', 'number', 'attached_photo', 'attached_video', 'attached_audio', 'device_name', 'timepoint']);

interface ObservationFileImportProps {
  studyId: string;
  /** Said beside the button once an import is done. */
  onImported(message: string): void;
}

/**
 * "Import values…": a Field Book database export (one row per value) read through a preview that
 * counts what is new, already there, would replace a value, or is wrong (each bad row with its
 * reason), and one button that says what it imports. Replacing values needs its own tick.
 */
export function ObservationFileImport({ studyId, onImported }: ObservationFileImportProps) {
  const flow = useObservationImport(studyId);
  const { step, preview, checking, previewProblem, replaceExisting, importing, importProblem } = flow;
  const button = useRef<HTMLButtonElement>(null);
  const replaceHintId = useId();
  const columnId = useId();
  const fileName = step.step === 'closed' ? '' : step.fileName;

  const close = (): void => {
    if (importing) return;
    if (step.step === 'done') onImported(observationShortText(step.result, step.fileName));
    flow.close();
  };

  const ready = step.step === 'preview' && preview !== null && !checking && previewProblem === null;
  const label = ready ? observationButtonLabel(preview, replaceExisting) : null;
  const blocked = ready ? observationBlockedReason(preview, replaceExisting) : null;

  return (
    <>
      <FilePickerButton
        label="Import values…"
        accept={fieldFileTypes}
        className="button button-small"
        title="Add values scored in Field Book to this study, from its database export (.csv)"
        onFile={(file) => void flow.open(file)}
        testId="import-observation-file"
        buttonRef={button}
      />
      <ImportDialog
        step={step}
        title={`Import values from “${fileName}”`}
        doneTitle="Values imported"
        lead="Check what the file would add. Nothing is imported until you press the import button below."
        doneText={step.step === 'done' ? observationResultText(step.result, fileName) : null}
        accept={fieldFileTypes}
        importing={importing}
        checking={checking}
        importProblem={importProblem}
        blocked={blocked}
        confirmLabel={label}
        importingLabel="Importing…"
        choices={
          ready && preview.replaceCount > 0 ? (
            <div className="import-update">
              <label className="toolbar-check">
                <input
                  type="checkbox"
                  checked={replaceExisting}
                  disabled={importing}
                  aria-describedby={replaceHintId}
                  onChange={(event) => flow.setReplaceExisting(event.target.checked)}
                  data-testid="observation-replace-existing"
                />
                Replace the {preview.replaceCount === 1 ? 'value' : `${formatCount(preview.replaceCount)} values`} this study shows with the file’s
              </label>
              <p id={replaceHintId} className="field-hint">
                The file’s value becomes the current one; the value it replaces stays in the plot’s history.
              </p>
            </div>
          ) : null
        }
        onChooseAnother={(file) => void flow.open(file)}
        onImport={() => void flow.runImport()}
        onClose={close}
        // Back where the import started, for the keyboard.
        onClosed={() => button.current?.focus()}
        testIds="observation-import"
      >
        {preview ? (
          <>
            <p className="observation-import-column">
              <label htmlFor={columnId}>Plots are matched by their unique id in the column</label>{' '}
              <select
                id={columnId}
                className="input input-small"
                value={preview.uniqueIdColumn}
                disabled={importing}
                onChange={(event) => flow.setUniqueIdColumn(event.target.value)}
                data-testid="observation-unique-id"
              >
                {preview.headers
                  .filter((header) => !observationColumns.has(header.toLowerCase()))
                  .map((header) => (
                    <option key={header} value={header}>
                      {header}
                    </option>
                  ))}
              </select>
            </p>
            {previewProblem ? <ProblemNotice error={previewProblem} /> : null}
            <div className="import-status" role="status" aria-live="polite" data-testid="observation-counts">
              {checking ? (
                <p className="import-status-note">
                  <Spinner /> Checking the file again…
                </p>
              ) : (
                <dl className="import-counts">
                  <div className="import-count import-count-good">
                    <dt>New values</dt>
                    <dd data-testid="observation-count-new">{formatCount(preview.newCount)}</dd>
                  </div>
                  <div className="import-count">
                    <dt>Already there</dt>
                    <dd data-testid="observation-count-there">{formatCount(preview.alreadyThereCount)}</dd>
                  </div>
                  <div className={`import-count${preview.replaceCount > 0 ? ' import-count-existing' : ''}`}>
                    <dt>Would replace</dt>
                    <dd data-testid="observation-count-replace">{formatCount(preview.replaceCount)}</dd>
                  </div>
                  <div className={`import-count${preview.errorCount > 0 ? ' import-count-bad' : ''}`}>
                    <dt>With errors</dt>
                    <dd data-testid="observation-count-errors">{formatCount(preview.errorCount)}</dd>
                  </div>
                </dl>
              )}
            </div>
            {preview.warnings.length > 0 ? (
              <div className="notice notice-warning import-notice">
                <p className="notice-title">Check how the file was read</p>
                <ul className="notice-body import-list">
                  {preview.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {preview.notes.length > 0 ? (
              <ul className="import-notes import-list" data-testid="observation-notes">
                {preview.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
            {!checking ? <ObservationPreviewRows preview={preview} /> : null}
          </>
        ) : null}
      </ImportDialog>
    </>
  );
}
