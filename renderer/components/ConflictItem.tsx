import { useId, useState, type FormEvent } from 'react';
import type { ObservationConflict, ObservationHistoryEntry, VariableSummary } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError } from '../api/api-call-error';
import { isChoiceScale, scaleHint } from '../format/scale-text';
import { displayValue, formatDateTime } from '../format/value-text';

interface ConflictItemProps {
  conflict: ObservationConflict;
  /** The study's variable, for showing values with their unit or label (absent: shown as stored). */
  variable: VariableSummary | undefined;
  /** The choice was recorded: the item can go. */
  onResolved(conflict: ObservationConflict): void;
  /** Someone settled it elsewhere meanwhile: the list should be read again. */
  onStale(): void;
}

/** What the box takes, in words that fit typing (the entry panel's hint speaks of number keys). */
function valueHint(variable: VariableSummary | undefined): string | null {
  if (!variable) return null;
  if (variable.scaleType === 'boolean') return 'yes or no';
  if (isChoiceScale(variable)) return `one of: ${(variable.categories ?? []).map((c) => (c.value === c.label ? c.value : `${c.value} (${c.label})`)).join(', ')}`;
  return scaleHint(variable);
}

function who(entry: ObservationHistoryEntry): string {
  return [entry.collectorName ?? 'Unknown person', entry.deviceName ?? 'unknown device', formatDateTime(entry.observedAt)].join(' · ');
}

/**
 * One plot, variable and timepoint with two or more devices' different values: keep one of them,
 * or record another. Either way a new observation replaces every current one; all stay in history.
 */
export function ConflictItem({ conflict, variable, onResolved, onStale }: ConflictItemProps) {
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const listId = useId();
  const show = (value: string): string => (variable ? displayValue(variable, value, true) : value);
  const title = `Plot ${conflict.plotNumber} · ${conflict.variableName}`;

  const resolve = async (value: string): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await api.call('observations:resolve-conflict', {
        unitId: conflict.unitId,
        variableId: conflict.variableId,
        timepoint: conflict.timepoint,
        value,
      });
      onResolved(conflict);
    } catch (error) {
      const failure = asApiCallError(error, 'observations:resolve-conflict');
      setProblem(failure.message);
      setBusy(false);
      if (failure.code === 'conflict' || failure.code === 'not-found') onStale();
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (draft.trim() === '') {
      setProblem(`Type the value to record for ${conflict.variableName}, or keep one of the values above.`);
      return;
    }
    void resolve(draft);
  };

  return (
    <li className="conflict" aria-label={title} data-testid="conflict">
      <div className="conflict-heading">
        <h3>{title}</h3>
        <span className="conflict-timepoint">{conflict.timepoint ?? 'No timepoint'}</span>
      </div>
      <ul className="conflict-values">
        {conflict.values.map((entry) => (
          <li key={entry.id} className="conflict-value" data-testid="conflict-value">
            <div className="conflict-value-text">
              <strong>{entry.cleared ? 'No value (cleared)' : show(entry.value)}</strong>
              <span className="history-meta">{who(entry)}</span>
            </div>
            {entry.cleared ? (
              <span className="conflict-value-note">Record a value below instead</span>
            ) : (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                aria-label={`Keep ${show(entry.value)} for ${title}`}
                onClick={() => void resolve(entry.value)}
                data-testid="conflict-keep"
              >
                Keep this value
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="conflict-new" onSubmit={submit}>
        <label htmlFor={inputId}>Or record another value</label>
        <input
          id={inputId}
          className="input input-small"
          value={draft}
          autoComplete="off"
          spellCheck={false}
          list={variable?.categories ? listId : undefined}
          aria-describedby={hintId}
          aria-invalid={problem !== null}
          disabled={busy}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(null);
          }}
          data-testid="conflict-new-value"
        />
        {variable?.categories ? (
          <datalist id={listId}>
            {variable.categories.map((category) => (
              <option key={category.value} value={category.value}>
                {category.label}
              </option>
            ))}
          </datalist>
        ) : null}
        <button type="submit" className="button button-small" disabled={busy} data-testid="conflict-save-new">
          Save this value
        </button>
        <span id={hintId} className="conflict-hint">
          {valueHint(variable)}
        </span>
      </form>
      {problem ? (
        <p className="conflict-problem" role="alert" data-testid="conflict-problem">
          Not saved: {problem}
        </p>
      ) : null}
    </li>
  );
}
