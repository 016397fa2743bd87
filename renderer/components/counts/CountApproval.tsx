import { useId, useState } from 'react';
import type { CountVariances } from '../../../common/stock/stock-results';
import { api } from '../../api/api';
import { useCurrentUser } from '../../api/use-current-user';
import { asApiCallError, type ApiCallError } from '../../api/api-call-error';
import { adjustmentsToPost, approvalBlockers, approveButtonLabel, linesText } from '../../counts/count-wording';
import { ProblemNotice } from '../ProblemNotice';
import { Spinner } from '../Spinner';

interface CountApprovalProps {
  variances: CountVariances;
  /** What approving did, said on the count's page. */
  onApproved(posted: number): void;
}

/**
 * Approving a count posts each line's outstanding variance as an adjustment (dated at the count's
 * time, naming the count), which only a station manager may do: the services refuse anyone else
 * and their message is shown here. Cancelling an open count posts nothing.
 */
export function CountApproval({ variances, onApproved }: CountApprovalProps) {
  const { count, lines, uncounted } = variances;
  const [choice, setChoice] = useState<'leave' | 'zero'>('leave');
  const [busy, setBusy] = useState<'approve' | 'cancel' | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [problem, setProblem] = useState<ApiCallError | null>(null);
  const ids = useId();
  const blockers = approvalBlockers(variances.blockers, choice);
  const posts = adjustmentsToPost(lines, choice);
  const reapproval = count.status === 'approved';
  const { role, managesStock } = useCurrentUser();

  const approve = async (): Promise<void> => {
    setBusy('approve');
    setProblem(null);
    try {
      const result = await api.call('counts:approve', { countId: count.id, uncounted: choice });
      onApproved(result.posted);
    } catch (error) {
      setProblem(asApiCallError(error, 'counts:approve'));
    } finally {
      setBusy(null);
    }
  };

  const cancel = async (): Promise<void> => {
    setBusy('cancel');
    setProblem(null);
    try {
      await api.call('counts:cancel', { countId: count.id });
    } catch (error) {
      setProblem(asApiCallError(error, 'counts:cancel'));
    } finally {
      setBusy(null);
      setConfirmCancel(false);
    }
  };

  return (
    <section className="card count-approval" aria-labelledby={`${ids}-title`} data-testid="count-approval">
      <h2 id={`${ids}-title`}>{reapproval ? 'Adjustments still to post' : 'Approve the count'}</h2>
      <p className="count-approval-lead">
        {reapproval
          ? `Movements dated before this count’s time arrived after it was approved, so ${linesText(variances.outstanding)} differ again. Approving again posts only the difference.`
          : 'Approving posts an adjustment for each line whose count differs from what was expected, dated at the count’s time and naming this count. Only a station manager can approve.'}
      </p>
      {uncounted > 0 ? (
        <fieldset className="count-approval-choice">
          <legend>
            {linesText(uncounted)} expected here {uncounted === 1 ? 'was' : 'were'} not counted
          </legend>
          <label className="count-choice">
            <input type="radio" name={`${ids}-uncounted`} checked={choice === 'leave'} onChange={() => setChoice('leave')} data-testid="uncounted-leave" />
            Leave {uncounted === 1 ? 'it' : 'them'} as {uncounted === 1 ? 'it is' : 'they are'}: no adjustment
          </label>
          <label className="count-choice">
            <input type="radio" name={`${ids}-uncounted`} checked={choice === 'zero'} onChange={() => setChoice('zero')} data-testid="uncounted-zero" />
            Take {uncounted === 1 ? 'it' : 'them'} as counted zero: {uncounted === 1 ? 'its' : 'their'} stock is adjusted away
          </label>
        </fieldset>
      ) : null}
      {blockers.length > 0 ? (
        <div className="notice notice-warning" data-testid="count-blockers">
          <p className="notice-title">Approval is not possible yet</p>
          <ul className="count-blockers">
            {blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {problem ? <ProblemNotice error={problem} /> : null}
      {confirmCancel ? (
        <div className="notice notice-problem count-cancel-confirm" role="alertdialog" aria-labelledby={`${ids}-cancel-title`}>
          <p className="notice-title" id={`${ids}-cancel-title`}>
            Cancel “{count.name}”?
          </p>
          <p className="notice-body">Nothing it counted is posted, and no more entries can be made. This cannot be undone.</p>
          <div className="notice-actions">
            <button type="button" className="button button-danger" onClick={() => void cancel()} disabled={busy !== null} data-testid="count-cancel-confirm">
              {busy === 'cancel' ? <Spinner /> : null}
              Yes, cancel the count
            </button>
            <button type="button" className="button" onClick={() => setConfirmCancel(false)} disabled={busy !== null}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      <div className="count-approval-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void approve()}
          disabled={busy !== null || blockers.length > 0 || managesStock === false}
          data-testid="count-approve"
        >
          {busy === 'approve' ? <Spinner /> : null}
          {approveButtonLabel(count, posts)}
        </button>
        {managesStock === false ? (
          <p className="count-approval-role" data-testid="count-approve-role">
            Only a station manager can approve a count; your role is {role ?? 'unknown'}. Ask your station manager to approve it.
          </p>
        ) : null}
        {count.status === 'open' && !confirmCancel ? (
          <button type="button" className="button button-ghost button-danger-text" onClick={() => setConfirmCancel(true)} disabled={busy !== null} data-testid="count-cancel">
            Cancel the count
          </button>
        ) : null}
      </div>
    </section>
  );
}
