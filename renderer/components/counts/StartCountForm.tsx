import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/api';
import { asApiCallError, type ApiCallError } from '../../api/api-call-error';
import { useApiData } from '../../api/use-api-data';
import { navigate } from '../../navigation/route';
import { ProblemNotice } from '../ProblemNotice';
import { Spinner } from '../Spinner';

/** A datetime-local value ("2026-05-14T09:30") as an instant with a zone, or null when it is not one. */
function localToIso(value: string): string | null {
  const date = new Date(value);
  return value === '' || Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Starts a count of a location and everything inside it. The location is scanned or typed (its
 * code); the snapshot, the instant the stock is taken to be counted, is now unless an earlier
 * time is chosen.
 */
export function StartCountForm({ onCancel }: { onCancel(): void }) {
  const tree = useApiData('locations:tree', {}, ['locations']);
  const [location, setLocation] = useState('');
  const [name, setName] = useState('');
  const [when, setWhen] = useState<'now' | 'earlier'>('now');
  const [earlier, setEarlier] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiCallError | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const ids = useId();
  const nameInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    setLocalProblem(null);
    if (location.trim() === '') {
      setLocalProblem('Scan or type the code of the location to count (a bin, a bench, a compartment…).');
      return;
    }
    const snapshotAt = when === 'earlier' ? localToIso(earlier) : undefined;
    if (snapshotAt === null) {
      setLocalProblem('Choose the date and time the count is as of, or count as of now.');
      return;
    }
    setBusy(true);
    try {
      const count = await api.call('counts:start', {
        location: location.trim(),
        name: name.trim() === '' ? null : name.trim(),
        note: note.trim() === '' ? null : note.trim(),
        ...(snapshotAt ? { snapshotAt } : {}),
      });
      navigate({ screen: 'count', countId: count.id });
    } catch (error) {
      setProblem(asApiCallError(error, 'counts:start'));
      setBusy(false);
    }
  };

  const locations = tree.data?.filter((node) => node.archivedAt === null) ?? [];
  return (
    <form className="card count-start" onSubmit={(event) => void submit(event)} aria-labelledby={`${ids}-title`} data-testid="start-count-form">
      <h2 id={`${ids}-title`}>Start a count</h2>
      <p className="count-start-lead">
        Count a location and everything inside it. Each line’s variance is measured against the stock the movements say was there
        at the count’s time, so work recorded elsewhere meanwhile still adds up.
      </p>
      <div className="count-start-fields">
        <div className="field">
          <label htmlFor={`${ids}-location`}>Location to count</label>
          <input
            id={`${ids}-location`}
            className="input"
            value={location}
            list={`${ids}-locations`}
            placeholder="Scan or type a location code"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={localProblem !== null && location.trim() === ''}
            onChange={(event) => setLocation(event.target.value)}
            onKeyDown={(event) => {
              // A scanner ends with Enter: take the code without submitting a half-filled form.
              if (event.key === 'Enter' && name === '') {
                event.preventDefault();
                nameInput.current?.focus();
              }
            }}
            data-testid="start-count-location"
          />
          <datalist id={`${ids}-locations`}>
            {locations.map((node) => (
              <option key={node.id} value={node.code}>
                {node.name}
              </option>
            ))}
          </datalist>
          <span className="field-hint">A bin, a bench, a compartment or a whole greenhouse.</span>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-name`}>Name (optional)</label>
          <input
            id={`${ids}-name`}
            ref={nameInput}
            className="input"
            value={name}
            placeholder={location.trim() ? `Count of ${location.trim()}, ${new Date().toISOString().slice(0, 10)}` : 'Named after the location and date'}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
            data-testid="start-count-name"
          />
        </div>
      </div>
      <fieldset className="count-start-when">
        <legend>Counted as of</legend>
        <label className="count-choice">
          <input type="radio" name={`${ids}-when`} checked={when === 'now'} onChange={() => setWhen('now')} />
          Now, when I start it
        </label>
        <label className="count-choice">
          <input type="radio" name={`${ids}-when`} checked={when === 'earlier'} onChange={() => setWhen('earlier')} data-testid="start-count-earlier" />
          An earlier time
        </label>
        {when === 'earlier' ? (
          <input
            type="datetime-local"
            className="input input-small"
            aria-label="Date and time the count is as of"
            value={earlier}
            onChange={(event) => setEarlier(event.target.value)}
            data-testid="start-count-time"
          />
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-note`}>Note (optional)</label>
        <textarea id={`${ids}-note`} className="input" rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      {localProblem ? (
        <p className="field-hint field-hint-error" role="alert">
          {localProblem}
        </p>
      ) : null}
      {problem ? <ProblemNotice error={problem} /> : null}
      <div className="count-start-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="start-count-submit">
          {busy ? (
            <>
              <Spinner /> Starting…
            </>
          ) : (
            'Start the count'
          )}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
