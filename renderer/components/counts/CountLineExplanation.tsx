import { useId, useState, type FormEvent } from 'react';
import type { CountLineView } from '../../../common/stock/stock-results';
import { api } from '../../api/api';
import { asApiCallError, type ApiCallError } from '../../api/api-call-error';
import { useFocusOn } from '../../hooks/use-focus-on';
import { ProblemNotice } from '../ProblemNotice';
import { Spinner } from '../Spinner';

interface CountLineExplanationProps {
  countId: string;
  line: CountLineView;
  onDone(): void;
}

/** Says why a line differs; the latest explanation of a line wins, and an empty one clears it. */
export function CountLineExplanation({ countId, line, onDone }: CountLineExplanationProps) {
  const [text, setText] = useState(line.explanation ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiCallError | null>(null);
  const inputRef = useFocusOn<HTMLTextAreaElement>(1);
  const id = useId();

  const save = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api.call('counts:explain', { countId, batchId: line.batchId, locationId: line.location.id, explanation: text.trim() });
      onDone();
    } catch (error) {
      setProblem(asApiCallError(error, 'counts:explain'));
      setBusy(false);
    }
  };

  return (
    <form className="count-explain" onSubmit={(event) => void save(event)} data-testid="count-explain-form">
      <label htmlFor={id}>
        Why does {line.batchCode} in {line.location.code} differ?
      </label>
      <textarea
        id={id}
        ref={inputRef}
        className="input"
        rows={2}
        maxLength={2000}
        value={text}
        placeholder="What was found: spilled, miscounted at sowing, moved without a transfer…"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            void save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onDone();
          }
        }}
        data-testid="count-explain-text"
      />
      <span className="field-hint">Enter saves, Shift+Enter starts a new line, Escape leaves it as it was. The explanation goes into the adjustment and the report.</span>
      {problem ? <ProblemNotice error={problem} /> : null}
      <div className="count-explain-actions">
        <button type="submit" className="button button-small button-primary" disabled={busy} data-testid="count-explain-save">
          {busy ? <Spinner /> : null}
          {text.trim() === '' && line.explanation ? 'Clear the explanation' : 'Save the explanation'}
        </button>
        <button type="button" className="button button-small button-ghost" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
