import { useEffect, useId, useRef } from 'react';
import { fieldFileTypes, type FieldImport } from '../files/use-field-import';
import { formatCount } from '../format/value-text';
import { importBlockedReason, importButtonLabel, importingLabel, importResultText } from '../files/files-wording';
import { FieldColumnMapping } from './FieldColumnMapping';
import { FieldImportSummary } from './FieldImportSummary';
import { FilePickerButton } from './FilePickerButton';
import { FieldPreviewRows } from './FieldPreviewRows';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';

interface FieldImportDialogProps {
  fieldImport: FieldImport;
  onChooseAnother(file: File): void;
  /** After the dialog closed (and the page is no longer inert). */
  onClosed(): void;
}

/**
 * The import of a field file, in a modal dialog: how its columns are read, what it would do
 * (counts, bad rows with their reasons, some good rows), and one button that says what it imports.
 * Escape or Cancel closes it, except while the import runs.
 */
export function FieldImportDialog({ fieldImport, onChooseAnother, onClosed }: FieldImportDialogProps) {
  const { step, preview, choice, checking, previewProblem, current, updateExisting, importing, importProblem } = fieldImport;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const blockedId = useId();
  const updateHintId = useId();
  const open = step.step !== 'closed';

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const label = preview && current ? importButtonLabel(preview, updateExisting) : null;
  const blocked = preview && current ? importBlockedReason(preview, updateExisting) : null;
  const fileName = step.step === 'closed' ? '' : step.fileName;

  return (
    <dialog
      ref={dialog}
      className="import-dialog"
      aria-labelledby={titleId}
      aria-busy={importing || step.step === 'reading'}
      onCancel={(event) => {
        event.preventDefault();
        fieldImport.close();
      }}
      onClose={onClosed}
      data-testid="import-dialog"
    >
      {open ? (
        <>
          <header className="import-head">
            <h2 id={titleId}>{step.step === 'done' ? 'Plots imported' : `Import plots from “${fileName}”`}</h2>
            {step.step === 'preview' ? <p className="import-lead">Check how the file is read. Nothing is imported until you press the import button below.</p> : null}
          </header>

          <div className="import-body">
            {step.step === 'reading' ? (
              <p className="import-status-note" role="status">
                <Spinner /> Reading “{fileName}”…
              </p>
            ) : step.step === 'unreadable' ? (
              <div className="notice notice-problem" role="alert" data-testid="problem">
                <p className="notice-title">This file cannot be imported</p>
                <p className="notice-body">{step.message}</p>
              </div>
            ) : step.step === 'refused' ? (
              <ProblemNotice error={step.problem} />
            ) : step.step === 'done' ? (
              <p className="import-result" role="status" data-testid="import-result">
                {importResultText(step.result, fileName)}
              </p>
            ) : preview && choice ? (
              <>
                <FieldColumnMapping headers={preview.headers} choice={choice} disabled={importing} onChange={fieldImport.setRole} />
                {previewProblem ? <ProblemNotice error={previewProblem} /> : null}
                <FieldImportSummary preview={preview} current={current} checking={checking} uniqueIdChosen={choice.uniqueId !== null} refused={previewProblem !== null} />
                {current ? <FieldPreviewRows preview={preview} /> : null}
              </>
            ) : null}
          </div>

          <footer className="import-foot">
            {step.step === 'preview' && preview && current && preview.existingCount > 0 ? (
              <div className="import-update">
                <label className="toolbar-check">
                  <input
                    type="checkbox"
                    checked={updateExisting}
                    disabled={importing}
                    aria-describedby={updateHintId}
                    onChange={(event) => fieldImport.setUpdateExisting(event.target.checked)}
                    data-testid="import-update-existing"
                  />
                  Update the {preview.existingCount === 1 ? 'plot' : `${formatCount(preview.existingCount)} plots`} already in this study
                </label>
                <p id={updateHintId} className="field-hint">
                  Their plot number, position, germplasm and attributes are replaced by the file’s. Values recorded on them are kept.
                </p>
              </div>
            ) : null}
            {importProblem ? <ProblemNotice error={importProblem} /> : null}
            {blocked && !importProblem ? (
              <p id={blockedId} className="import-blocked">
                {blocked}
              </p>
            ) : null}
            <div className="import-actions">
              {step.step === 'done' ? (
                <button type="button" className="button button-primary" autoFocus onClick={fieldImport.close} data-testid="import-done">
                  Done
                </button>
              ) : (
                <>
                  {step.step === 'unreadable' || step.step === 'refused' ? (
                    <FilePickerButton label="Choose another file…" accept={fieldFileTypes} className="button" onFile={onChooseAnother} />
                  ) : null}
                  <button type="button" className="button button-ghost" disabled={importing} onClick={fieldImport.close} data-testid="import-cancel">
                    Cancel
                  </button>
                  {step.step === 'preview' ? (
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={!importing && label === null}
                      aria-disabled={importing || undefined}
                      aria-describedby={blocked ? blockedId : undefined}
                      onClick={() => void fieldImport.runImport()}
                      data-testid="import-confirm"
                    >
                      {importing && preview ? (
                        <>
                          <Spinner /> {importingLabel(preview, updateExisting)}
                        </>
                      ) : (
                        (label ?? 'Import')
                      )}
                    </button>
                  ) : null}
                </>
              )}
            </div>
          </footer>
        </>
      ) : null}
    </dialog>
  );
}
