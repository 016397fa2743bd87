import { useState } from 'react';
import type { RejectedChange } from '../../common/api-contract';
import { oneOf } from '../../common/entity-labels';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';
import { formatDateTime } from '../format/value-text';
import { ProblemNotice } from './ProblemNotice';
import { RejectedChangeEditor } from './RejectedChangeEditor';
import { Spinner } from './Spinner';

interface RejectedChangeItemProps {
  change: RejectedChange;
  onDone(message: string): void;
}

/** What discarding does to this change, said before it is done. */
function discardConsequence(change: RejectedChange): { title: string; body: string } {
  const thing = oneOf(change.entity);
  if (change.operation === 'insert') {
    return {
      title: `Discard this new ${thing}?`,
      body: `The server never accepted it, so it disappears from this computer too (${change.summary}). This cannot be undone.`,
    };
  }
  if (change.operation === 'delete') {
    return { title: 'Discard this deletion?', body: `The ${thing} is put back as the server has it. This cannot be undone.` };
  }
  return {
    title: 'Discard this edit?',
    body: `The ${thing} is put back as the server has it, and your edit on this computer is lost. This cannot be undone.`,
  };
}

/** One refused change: what it was, why the server refused it, and the user's two ways out. */
export function RejectedChangeItem({ change, onDone }: RejectedChangeItemProps) {
  const [mode, setMode] = useState<'view' | 'fix' | 'confirm-discard'>('view');
  const [discarding, setDiscarding] = useState(false);
  const [problem, setProblem] = useState<ApiCallError | null>(null);
  const consequence = discardConsequence(change);

  const discard = async (): Promise<void> => {
    setDiscarding(true);
    setProblem(null);
    try {
      await api.call('sync:discard-rejected', { changeId: change.changeId });
      onDone(`Discarded: ${change.summary}.`);
      // A sync round recounts what is waiting and refused, so the top bar's count follows at once.
      api.call('sync:sync-now', {}).catch(() => undefined);
    } catch (error) {
      setProblem(asApiCallError(error, 'sync:discard-rejected'));
      setDiscarding(false);
    }
  };

  return (
    <li className="rejected-item" data-testid="rejected-change" data-change-id={change.changeId}>
      <div className="rejected-head">
        <p className="rejected-summary">{change.summary}</p>
        <p className="rejected-when">Made {formatDateTime(change.createdAt)}</p>
      </div>
      <p className="rejected-reason" data-testid="rejected-reason">
        <span className="rejected-reason-label">Refused: </span>
        {change.message}
      </p>

      {mode === 'fix' ? (
        <RejectedChangeEditor
          change={change}
          onSent={() => onDone(`Sent again: ${change.summary}. If the server refuses it again, it comes back here.`)}
          onCancel={() => setMode('view')}
        />
      ) : mode === 'confirm-discard' ? (
        <div className="rejected-confirm" role="group" aria-label={consequence.title} data-testid="discard-confirm">
          <p className="rejected-confirm-title">{consequence.title}</p>
          <p>{consequence.body}</p>
          <div className="rejected-actions">
            <button type="button" className="button button-danger button-small" disabled={discarding} onClick={() => void discard()} data-testid="discard-confirm-button">
              {discarding ? <Spinner /> : null} Discard
            </button>
            {/* The safe choice takes the focus: a stray Enter keeps the change. */}
            <button type="button" className="button button-ghost button-small" disabled={discarding} onClick={() => setMode('view')} autoFocus>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="rejected-actions">
          <button type="button" className="button button-small" onClick={() => setMode('fix')} data-testid="rejected-fix">
            Fix and resend
          </button>
          <button type="button" className="button button-ghost button-small button-danger-text" onClick={() => setMode('confirm-discard')} data-testid="rejected-discard">
            Discard…
          </button>
        </div>
      )}
      {problem ? <ProblemNotice error={problem} /> : null}
    </li>
  );
}
