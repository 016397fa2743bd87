import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import type { ApiCallError } from '../api/api-call-error';
import type { FileImportStep } from '../files/import-step';
import { FilePickerButton } from './FilePickerButton';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';

/** A `<dialog>` shown as a modal while `open` (Escape and the page behind it are the browser's). */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}

interface ImportDialogProps<Result> {
  step: FileImportStep<Result>;
  /** The heading while the file is read and previewed, and once it is imported. */
  title: string;
  doneTitle: string;
  /** Under the heading while the preview shows. */
  lead: string;
  /** What the import did, in words (shown once it is done). */
  doneText: ReactNode;
  /** The files "Choose another file…" offers, after one could not be read or was refused. */
  accept: string;
  /** The import is running: nothing closes the dialog meanwhile. */
  importing: boolean;
  /** The preview is being checked again. */
  checking?: boolean;
  /** Why the import was refused, if it was. */
  importProblem: ApiCallError | null;
  /** Why the import button cannot be pressed yet, if it cannot. */
  blocked: string | null;
  /** The import button's words, or null while there is nothing to import; and its words while it runs. */
  confirmLabel: string | null;
  importingLabel: string;
  /** The preview (columns, counts, rows) and the choices under it (above the buttons). */
  children: ReactNode;
  choices?: ReactNode;
  onChooseAnother(file: File): void;
  onImport(): void;
  /** Escape, Cancel or Done. */
  onClose(): void;
  /** After the dialog closed (and the page is no longer inert). */
  onClosed(): void;
  /** Test ids: `${testIds}-dialog`, `-result`, `-done`, `-cancel`, `-confirm`. */
  testIds: string;
}

/**
 * The modal dialog of a file import: a heading, the file being read, why it cannot be read or was
 * refused, its preview, what the import did; and the buttons: one that says what it imports,
 * Cancel, another file. Escape or Cancel closes it, except while the import runs.
 */
export function ImportDialog<Result>(props: ImportDialogProps<Result>) {
  const { step, title, doneTitle, lead, doneText, accept, importing, checking = false, importProblem, blocked, confirmLabel, importingLabel } = props;
  const { children, choices, onChooseAnother, onImport, onClose, onClosed, testIds } = props;
  const open = step.step !== 'closed';
  const dialog = useModalDialog(open);
  const titleId = useId();
  const blockedId = useId();
  const fileName = step.step === 'closed' ? '' : step.fileName;

  return (
    <dialog
      ref={dialog}
      className="import-dialog"
      aria-labelledby={titleId}
      aria-busy={importing || checking || step.step === 'reading'}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={onClosed}
      data-testid={`${testIds}-dialog`}
    >
      {open ? (
        <>
          <header className="import-head">
            <h2 id={titleId}>{step.step === 'done' ? doneTitle : title}</h2>
            {step.step === 'preview' ? <p className="import-lead">{lead}</p> : null}
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
              <p className="import-result" role="status" data-testid={`${testIds}-result`}>
                {doneText}
              </p>
            ) : (
              children
            )}
          </div>

          <footer className="import-foot">
            {step.step === 'preview' ? choices : null}
            {importProblem ? <ProblemNotice error={importProblem} /> : null}
            {blocked && !importProblem ? (
              <p id={blockedId} className="import-blocked">
                {blocked}
              </p>
            ) : null}
            <div className="import-actions">
              {step.step === 'done' ? (
                <button type="button" className="button button-primary" autoFocus onClick={onClose} data-testid={`${testIds}-done`}>
                  Done
                </button>
              ) : (
                <>
                  {step.step === 'unreadable' || step.step === 'refused' ? (
                    <FilePickerButton label="Choose another file…" accept={accept} className="button" onFile={onChooseAnother} />
                  ) : null}
                  <button type="button" className="button button-ghost" disabled={importing} onClick={onClose} data-testid={`${testIds}-cancel`}>
                    Cancel
                  </button>
                  {step.step === 'preview' ? (
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={!importing && confirmLabel === null}
                      aria-disabled={importing || undefined}
                      aria-describedby={blocked ? blockedId : undefined}
                      onClick={onImport}
                      data-testid={`${testIds}-confirm`}
                    >
                      {importing ? (
                        <>
                          <Spinner /> {importingLabel}
                        </>
                      ) : (
                        (confirmLabel ?? 'Import')
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
