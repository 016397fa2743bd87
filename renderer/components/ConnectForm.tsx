import { useId, useState, type FormEvent } from 'react';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';
import { useElapsedSeconds } from '../hooks/use-elapsed-seconds';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';

type Field = 'serverUrl' | 'code';

interface ConnectFormProps {
  stationName: string;
  /** Set when the station was connected before and its sign-in stopped working (a revoked device, say). */
  previousServerUrl?: string | null;
  onConnect(serverUrl: string, code: string): Promise<unknown>;
}

const missing: Record<Field, string> = {
  serverUrl: 'Enter the server address your office gave you.',
  code: 'Enter the enrolment code from your admin.',
};

/** Connects a station to the organisation's server with the address and one-time code from the admin. */
export function ConnectForm({ stationName, previousServerUrl = null, onConnect }: ConnectFormProps) {
  const reconnect = previousServerUrl !== null;
  const [serverUrl, setServerUrl] = useState(previousServerUrl ?? '');
  const [code, setCode] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<ApiCallError | null>(null);
  const [busySince, setBusySince] = useState<number | null>(null);
  const elapsed = useElapsedSeconds(busySince);
  const ids = { url: useId(), urlHint: useId(), code: useId(), codeHint: useId() };
  const busy = busySince !== null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const errors: Partial<Record<Field, string>> = {};
    if (serverUrl.trim() === '') errors.serverUrl = missing.serverUrl;
    if (code.trim() === '') errors.code = missing.code;
    setFieldErrors(errors);
    setProblem(null);
    if (Object.keys(errors).length > 0) return;
    setBusySince(Date.now());
    try {
      await onConnect(serverUrl.trim(), code.trim());
    } catch (error) {
      const failure = asApiCallError(error, 'sync:connect');
      const field = failure.details?.['field'];
      if (failure.code === 'validation' && (field === 'serverUrl' || field === 'code')) setFieldErrors({ [field]: failure.message });
      // The server refused the code itself (unknown, used or expired): say so next to it.
      else if (failure.code === 'unauthorized') setFieldErrors({ code: failure.message });
      else setProblem(failure);
    } finally {
      setBusySince(null);
    }
  };

  const edit = (field: Field, value: string): void => {
    if (field === 'serverUrl') setServerUrl(value);
    else setCode(value);
    setFieldErrors((errors) => ({ ...errors, [field]: undefined }));
  };

  return (
    <form className="card connect-card" onSubmit={(event) => void submit(event)} aria-busy={busy} noValidate data-testid="connect-form">
      <div className="connect-intro">
        <h2>{reconnect ? 'Connect again with a new code' : 'Connect to your organisation’s server'}</h2>
        <p>
          {reconnect
            ? 'Ask your admin for a new enrolment code for this computer. The work on this station stays here and is sent once it is connected again.'
            : 'Your admin or data manager gives you the server address and a one-time enrolment code for this computer.'}
        </p>
      </div>

      <div className="connect-fields">
        <div className="field">
          <label htmlFor={ids.url}>Server address</label>
          <input
            id={ids.url}
            className="input"
            value={serverUrl}
            maxLength={300}
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://sync.example.org"
            aria-describedby={ids.urlHint}
            aria-invalid={fieldErrors.serverUrl !== undefined}
            disabled={busy}
            onChange={(event) => edit('serverUrl', event.target.value)}
          />
          <p id={ids.urlHint} className={fieldErrors.serverUrl ? 'field-hint field-hint-error' : 'field-hint'}>
            {fieldErrors.serverUrl ?? 'As your office wrote it, e.g. https://sync.example.org'}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.code}>Enrolment code</label>
          <input
            id={ids.code}
            className="input input-code"
            value={code}
            maxLength={64}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="7KQ4-M2XD-9TBR"
            aria-describedby={ids.codeHint}
            aria-invalid={fieldErrors.code !== undefined}
            disabled={busy}
            onChange={(event) => edit('code', event.target.value)}
          />
          <p id={ids.codeHint} className={fieldErrors.code ? 'field-hint field-hint-error' : 'field-hint'}>
            {fieldErrors.code ?? 'Works once, for this computer only. Capitals and dashes do not matter.'}
          </p>
        </div>
      </div>

      {reconnect ? null : (
        <div className="connect-explain">
          <p className="connect-explain-title">What happens when you connect</p>
          <ul>
            <li>
              <strong>Everything on {stationName} is sent to your organisation’s server</strong>: its trials, plots,
              observations, stock, photos and notes. The central office will see it.
            </li>
            <li>From then on, changes are exchanged in the background whenever this computer can reach the server.</li>
            <li>You keep working offline as before: nothing you record waits for the network.</li>
          </ul>
        </div>
      )}

      {problem ? <ProblemNotice error={problem} /> : null}

      <div className="connect-footer">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="connect-submit">
          {busy ? (
            <>
              <Spinner /> Connecting…
            </>
          ) : (
            reconnect ? 'Connect again' : 'Connect and send this station'
          )}
        </button>
        {busy ? (
          <span className="progress-note" role="status">
            Checking the code and preparing everything on this station to be sent{elapsed >= 2 ? ` (${elapsed} s)` : ''}.
          </span>
        ) : null}
      </div>
    </form>
  );
}
