import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useApiData } from '../api/use-api-data';
import { checkTimepointName } from '../recording/study-timepoint';
import { Spinner } from './Spinner';

interface TimepointPickerProps {
  studyId: string;
  timepoint: string | null;
  onChange(timepoint: string | null): void;
  /** The chosen timepoint's values are still on their way. */
  loading: boolean;
}

const noneValue = '';
const newValue = 'new';
const valueOf = (timepoint: string): string => `tp:${timepoint}`;

/**
 * Which timepoint values are recorded at ("14 DAS", "28 DAS") and shown for: none, one the study
 * already has, or a new one typed here. The list is read when the picker opens, so a timepoint
 * that arrived by sync shows up without reloading on every save.
 */
export function TimepointPicker({ studyId, timepoint, onChange, loading }: TimepointPickerProps) {
  // A scan of the study's observations, only needed once the picker is used: the plots load first.
  const known = useApiData('observations:list-timepoints', { studyId }, [], { firstLoadAfterMs: 1000 });
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const selectId = useId();
  const nameId = useId();
  const problemId = useId();
  const timepoints = known.data ?? [];
  const listed = timepoint === null || timepoints.includes(timepoint) ? timepoints : [...timepoints, timepoint];

  const choose = (value: string): void => {
    if (value === newValue) {
      setNaming(true);
      setName('');
      setProblem(null);
      return;
    }
    onChange(value === noneValue ? null : value.slice('tp:'.length));
  };

  const useName = (event: FormEvent): void => {
    event.preventDefault();
    const checked = checkTimepointName(name);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    // "28 das" when the study has "28 DAS": the same timepoint, spelt as it already is.
    const existing = timepoints.find((t) => t.toLowerCase() === checked.name.toLowerCase());
    onChange(existing ?? checked.name);
    setNaming(false);
  };

  const onNameKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setNaming(false);
    }
  };

  if (naming) {
    return (
      <form className="timepoint-picker" onSubmit={useName} data-testid="timepoint-new">
        <label htmlFor={nameId}>New timepoint</label>
        <input
          id={nameId}
          className="input input-small timepoint-name"
          value={name}
          placeholder="e.g. 28 DAS"
          maxLength={80}
          autoComplete="off"
          autoFocus
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          onChange={(event) => {
            setName(event.target.value);
            setProblem(null);
          }}
          onKeyDown={onNameKey}
          data-testid="timepoint-name"
        />
        <button type="submit" className="button button-small button-primary">
          Use
        </button>
        <button type="button" className="button button-small button-ghost" onClick={() => setNaming(false)}>
          Cancel
        </button>
        {problem ? (
          <span id={problemId} className="timepoint-problem" role="alert">
            {problem}
          </span>
        ) : null}
      </form>
    );
  }

  return (
    <div className="timepoint-picker">
      <label htmlFor={selectId}>Timepoint</label>
      <select
        id={selectId}
        className={`input input-small timepoint-select${timepoint === null ? '' : ' timepoint-select-on'}`}
        value={timepoint === null ? noneValue : valueOf(timepoint)}
        onFocus={known.reload}
        onChange={(event) => choose(event.target.value)}
        data-testid="timepoint-select"
      >
        <option value={noneValue}>No timepoint</option>
        {listed.map((t) => (
          <option key={t} value={valueOf(t)}>
            {t}
          </option>
        ))}
        <option value={newValue}>New timepoint…</option>
      </select>
      {loading ? <Spinner /> : null}
    </div>
  );
}
