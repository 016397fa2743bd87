import { useId, useRef, useState } from 'react';
import type { TraitFileImportResult, TraitFilePreviewView } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';
import { bytesToBase64 } from '../files/base64';
import { FilePickerButton } from './FilePickerButton';
import { useModalDialog } from './ImportDialog';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';

const statusWords: Record<TraitFilePreviewView['rows'][number]['status'], string> = {
  new: 'New trait',
  existing: 'Known: used as it is',
  'in-study': 'Already in this study',
  error: 'Left out',
};

type Step =
  | { step: 'closed' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; fileName: string; content: string; preview: TraitFilePreviewView }
  | { step: 'done'; fileName: string; result: TraitFileImportResult };

/**
 * "Import traits…": a Field Book trait file (.trt) read through a preview that says, trait by trait,
 * what happens to it, and one button that adds them to the study.
 */
export function TraitFileImport({ studyId, onImported }: { studyId: string; onImported(message: string): void }) {
  const [step, setStep] = useState<Step>({ step: 'closed' });
  const [takeGood, setTakeGood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiCallError | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const open = step.step !== 'closed';
  const dialog = useModalDialog(open);

  const choose = async (file: File): Promise<void> => {
    setProblem(null);
    setTakeGood(false);
    setStep({ step: 'reading', fileName: file.name });
    try {
      const content = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const preview = await api.call('fieldbook:preview-trait-file', { studyId, fileName: file.name, content });
      setStep({ step: 'preview', fileName: file.name, content, preview });
    } catch (error) {
      setProblem(asApiCallError(error, 'fieldbook:preview-trait-file'));
      setStep({ step: 'preview', fileName: file.name, content: '', preview: { validCount: 0, errorCount: 0, notes: [], rows: [] } });
    }
  };

  const importTraits = async (): Promise<void> => {
    if (step.step !== 'preview') return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await api.call('fieldbook:import-trait-file', { studyId, fileName: step.fileName, content: step.content, takeGoodRows: takeGood });
      setStep({ step: 'done', fileName: step.fileName, result });
    } catch (error) {
      setProblem(asApiCallError(error, 'fieldbook:import-trait-file'));
    } finally {
      setBusy(false);
    }
  };

  const close = (): void => {
    if (busy) return;
    if (step.step === 'done') onImported(`Added ${step.result.linked} trait${step.result.linked === 1 ? '' : 's'} from “${step.fileName}” (${step.result.created} new).`);
    setStep({ step: 'closed' });
  };

  const preview = step.step === 'preview' ? step.preview : null;
  const adding = preview ? preview.rows.filter((row) => row.status === 'new' || row.status === 'existing').length : 0;
  const blocked = preview !== null && (adding === 0 || (preview.errorCount > 0 && !takeGood));

  return (
    <>
      <FilePickerButton
        label="Import traits…"
        accept=".trt,.csv,text/csv"
        className="button button-small"
        title="Add traits to this study from a Field Book trait file (.trt)"
        onFile={(file) => void choose(file)}
        testId="import-trait-file"
        buttonRef={button}
      />
      <dialog
        ref={dialog}
        className="import-dialog"
        aria-labelledby={titleId}
        aria-busy={busy || step.step === 'reading'}
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
        onClose={() => button.current?.focus()}
        data-testid="trait-import-dialog"
      >
        {open ? (
          <>
            <header className="import-head">
              <h2 id={titleId}>{step.step === 'done' ? 'Traits added' : `Import traits from “${step.fileName}”`}</h2>
            </header>
            <div className="import-body">
              {step.step === 'reading' ? (
                <p className="import-status-note" role="status">
                  <Spinner /> Reading “{step.fileName}”…
                </p>
              ) : null}
              {problem ? <ProblemNotice error={problem} /> : null}
              {step.step === 'done' ? (
                <p role="status" data-testid="trait-import-result">
                  {step.result.linked} trait{step.result.linked === 1 ? '' : 's'} added to the study ({step.result.created} new to the station)
                  {step.result.alreadyInStudy > 0 ? `; ${step.result.alreadyInStudy} already there` : ''}
                  {step.result.skipped > 0 ? `; ${step.result.skipped} left out for errors` : ''}.
                </p>
              ) : null}
              {preview ? (
                <>
                  {preview.notes.map((note) => (
                    <p key={note} className="import-note">
                      {note}
                    </p>
                  ))}
                  <table className="list-table" data-testid="trait-preview">
                    <thead>
                      <tr>
                        <th scope="col">Line</th>
                        <th scope="col">Trait</th>
                        <th scope="col">Field Book format → ours</th>
                        <th scope="col">What happens</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.rows.map((row) => (
                        <tr key={row.line} data-status={row.status}>
                          <td>{row.line}</td>
                          <td>{row.name ?? '—'}</td>
                          <td>{row.fieldBookFormat ? `${row.fieldBookFormat} → ${row.scaleType ?? ''}` : ''}</td>
                          <td>
                            {statusWords[row.status]}
                            {[...row.errors, ...row.notes].map((text) => (
                              <span key={text} className="import-row-reason">
                                {' '}
                                · {text}
                              </span>
                            ))}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {preview.errorCount > 0 ? (
                    <label className="import-check">
                      <input type="checkbox" checked={takeGood} onChange={(event) => setTakeGood(event.target.checked)} data-testid="trait-take-good" /> Leave out the{' '}
                      {preview.errorCount} trait{preview.errorCount === 1 ? '' : 's'} with errors and import the rest
                    </label>
                  ) : null}
                </>
              ) : null}
            </div>
            <footer className="import-foot">
              <div className="import-actions">
              {step.step === 'preview' ? (
                <button type="button" className="button button-primary" disabled={busy || blocked} onClick={() => void importTraits()} data-testid="trait-import-confirm">
                  {busy ? <Spinner /> : null}
                  {adding === 0 ? 'Nothing to add' : `Add ${adding} trait${adding === 1 ? '' : 's'} to the study`}
                </button>
              ) : null}
              <button type="button" className="button" onClick={close} disabled={busy}>
                {step.step === 'done' ? 'Close' : 'Cancel'}
              </button>
              </div>
            </footer>
          </>
        ) : null}
      </dialog>
    </>
  );
}
