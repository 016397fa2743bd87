import { useId, useMemo, useState, type FormEvent } from 'react';
import type { RejectedChange } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';
import { changedFields, editableFields } from '../sync/rejected-fields';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';

interface RejectedChangeEditorProps {
  change: RejectedChange;
  onSent(): void;
  onCancel(): void;
}

/** Corrects the fields of a refused change and sends it again (only what the user changed). */
export function RejectedChangeEditor({ change, onSent, onCancel }: RejectedChangeEditorProps) {
  const fields = useMemo(() => editableFields(change), [change]);
  const [drafts, setDrafts] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.original])));
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [problem, setProblem] = useState<ApiCallError | null>(null);
  const [busy, setBusy] = useState(false);
  const baseId = useId();
  const changes = changedFields(fields, drafts);
  const changedCount = Object.keys(changes).length;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFieldError(null);
    setProblem(null);
    try {
      await api.call('sync:resend-rejected', { changeId: change.changeId, fields: changes });
      onSent();
    } catch (error) {
      const failure = asApiCallError(error, 'sync:resend-rejected');
      const field = failure.details?.['field'];
      if (failure.code === 'validation' && typeof field === 'string' && fields.some((f) => f.name === field)) {
        setFieldError({ field, message: failure.message });
      } else {
        setProblem(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="rejected-editor" onSubmit={(event) => void submit(event)} aria-busy={busy} noValidate data-testid="rejected-editor">
      {fields.length === 0 ? (
        <p className="rejected-editor-note">There is nothing to correct in this change. Resend it as it is, for example after your admin changed your role.</p>
      ) : (
        <div className="rejected-editor-fields">
          {fields.map((field, index) => {
            const id = `${baseId}-${field.name}`;
            const error = fieldError?.field === field.name ? fieldError.message : null;
            return (
              <div className="field" key={field.name}>
                <label htmlFor={id}>{field.label}</label>
                <input
                  id={id}
                  className="input"
                  value={drafts[field.name] ?? ''}
                  inputMode={field.type === 'text' || field.type === 'date' ? undefined : 'decimal'}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={error !== null}
                  aria-describedby={`${id}-hint`}
                  disabled={busy}
                  autoFocus={index === 0}
                  onChange={(event) => {
                    setDrafts((current) => ({ ...current, [field.name]: event.target.value }));
                    if (fieldError?.field === field.name) setFieldError(null);
                  }}
                  data-testid={`rejected-field-${field.name}`}
                />
                <p id={`${id}-hint`} className={error ? 'field-hint field-hint-error' : 'field-hint'}>
                  {error ?? (field.original === '' ? 'Was empty' : `Was: ${field.original}`)}
                </p>
              </div>
            );
          })}
        </div>
      )}
      {problem ? <ProblemNotice error={problem} /> : null}
      <div className="rejected-actions">
        <button type="submit" className="button button-primary button-small" disabled={busy} data-testid="rejected-resend">
          {busy ? <Spinner /> : null}
          {changedCount > 0 || fields.length === 0 ? 'Resend' : 'Resend unchanged'}
        </button>
        <button type="button" className="button button-ghost button-small" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
