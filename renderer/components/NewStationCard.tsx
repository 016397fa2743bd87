import { useId, useState, type FormEvent } from 'react';
import type { ApiCallError } from '../api/api-call-error';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';

interface NewStationCardProps {
  busy: boolean;
  disabled: boolean;
  error: ApiCallError | null;
  onCreate(name: string): void;
}

/** Starts an empty station with a name, for real work on this computer. */
export function NewStationCard({ busy, disabled, error, onCreate }: NewStationCardProps) {
  const [name, setName] = useState('');
  const [missingName, setMissingName] = useState(false);
  const inputId = useId();
  const hintId = useId();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (name.trim() === '') {
      setMissingName(true);
      return;
    }
    onCreate(name.trim());
  };

  return (
    <form className="card action-card" onSubmit={submit} aria-busy={busy} noValidate>
      <h2>Start a new empty station</h2>
      <p>For your own trials and stock. You can connect it to your organisation’s server later.</p>
      <div className="field">
        <label htmlFor={inputId}>Station name</label>
        <input
          id={inputId}
          className="input"
          value={name}
          maxLength={120}
          placeholder="e.g. Greenhouse complex North"
          aria-describedby={hintId}
          aria-invalid={missingName}
          disabled={disabled}
          onChange={(event) => {
            setName(event.target.value);
            setMissingName(false);
          }}
        />
        <p id={hintId} className={missingName ? 'field-hint field-hint-error' : 'field-hint'}>
          {missingName ? 'Give the station a name first.' : 'The name your colleagues know it by.'}
        </p>
      </div>
      <div className="action-card-footer">
        <button type="submit" className="button" disabled={disabled}>
          {busy ? (
            <>
              <Spinner /> Creating…
            </>
          ) : (
            'Create station'
          )}
        </button>
      </div>
      {error ? <ProblemNotice error={error} /> : null}
    </form>
  );
}
