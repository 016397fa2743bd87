import { useCallback, useMemo, useRef, useState } from 'react';
import type { CountLineView } from '../../../common/stock/stock-results';
import { useApiData } from '../../api/use-api-data';
import { subtreeIds } from '../../counts/count-scope';
import { countTables } from '../../counts/count-tables';
import { lineKey } from '../../counts/line-filter';
import { useScanFlow } from '../../counts/use-scan-flow';
import { formatDateTime } from '../../format/value-text';
import { hrefOf } from '../../navigation/route';
import { Breadcrumbs } from '../Breadcrumbs';
import { LoadingState } from '../LoadingState';
import { ProblemNotice } from '../ProblemNotice';
import { CountApproval } from './CountApproval';
import { CountLines } from './CountLines';
import { CountReport } from './CountReport';
import { CountScanBox } from './CountScanBox';
import { CountStatusChip } from './CountStatusChip';
import { CountSummary } from './CountSummary';
import '../../styles/counts.css';

/**
 * One count: entering what was found (scanned or typed, on this and other devices: the screen
 * follows their entries as they sync in), the variances against the stock as of the count's time,
 * explanations, approval, and the reconciliation report.
 */
export function CountScreen({ countId }: { countId: string }) {
  const variances = useApiData('counts:variances', { countId }, countTables);
  const tree = useApiData('locations:tree', { includeArchived: true }, ['locations']);
  const [approvedNote, setApprovedNote] = useState<string | null>(null);
  const scanInput = useRef<HTMLInputElement>(null);

  const rootId = variances.data?.count.location.id ?? null;
  const scope = useMemo(() => (tree.data && rootId ? subtreeIds(tree.data, rootId) : null), [tree.data, rootId]);
  // Until the tree is here, the services alone say whether a bin belongs to the count.
  const inScope = useCallback((locationId: string) => scope === null || scope.has(locationId), [scope]);
  const flow = useScanFlow(countId, inScope, variances.data?.count.location.code ?? 'this location');
  const { pickLine } = flow;
  const countLine = useCallback(
    (line: CountLineView) => {
      pickLine(line);
      scanInput.current?.focus();
      scanInput.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    [pickLine],
  );

  if (variances.data === null) {
    return (
      <div className="page page-narrow">
        {variances.error ? (
          <ProblemNotice error={variances.error}>
            <button type="button" className="button" onClick={variances.reload}>
              Try again
            </button>
            <a className="button button-ghost" href={hrefOf({ screen: 'counts' })}>
              Back to counts
            </a>
          </ProblemNotice>
        ) : (
          <LoadingState label="Loading the count…" />
        )}
      </div>
    );
  }

  const data = variances.data;
  const { count } = data;
  const open = count.status === 'open';
  const approvable = open || (count.status === 'approved' && data.outstanding > 0);
  const latestKey = flow.lastLine ? lineKey(flow.lastLine) : null;
  return (
    <div className="page count-page" data-count-id={count.id}>
      <Breadcrumbs crumbs={[{ label: 'Counts', route: { screen: 'counts' } }, { label: count.name }]} />
      <div className="page-header">
        <div>
          <h1 className="count-title">
            {count.name} <CountStatusChip status={count.status} />
          </h1>
          <p className="page-subtitle" data-testid="count-subtitle">
            <span className="count-code">{count.location.code}</span> {count.location.name} and everything inside it · as of{' '}
            {formatDateTime(count.snapshotAt)}
            {count.startedBy ? ` · started by ${count.startedBy}` : ''}
          </p>
          {count.note ? <p className="count-note">{count.note}</p> : null}
        </div>
      </div>
      {variances.error ? <ProblemNotice error={variances.error} /> : null}
      {count.status === 'cancelled' ? (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">This count was cancelled</p>
          <p className="notice-body">Nothing it counted was posted. Start a new count to count this location again.</p>
        </div>
      ) : null}
      {count.status === 'approved' ? (
        <div className="notice count-approved" role="status" data-testid="count-approved">
          <p className="notice-title">
            Approved{count.approvedBy ? ` by ${count.approvedBy}` : ''}
            {count.approvedAt ? ` on ${formatDateTime(count.approvedAt)}` : ''}
          </p>
          <p className="notice-body">
            {approvedNote ??
              (data.outstanding === 0
                ? 'Every adjustment is posted: the balances as of the count’s time now match what was counted.'
                : 'Some lines changed after approval: see below.')}
          </p>
        </div>
      ) : null}
      <CountSummary variances={data} />
      {open ? <CountScanBox flow={flow} inputRef={scanInput} /> : null}
      <CountLines countId={count.id} lines={data.lines} countable={open} explainable={count.status !== 'cancelled'} latestKey={latestKey} onCount={countLine} />
      {approvable ? (
        <CountApproval
          variances={data}
          onApproved={(posted) =>
            setApprovedNote(
              posted === 0
                ? 'No adjustment was needed: every counted line matched.'
                : `${posted === 1 ? '1 adjustment was' : `${posted} adjustments were`} posted, dated at the count’s time and naming this count.`,
            )
          }
        />
      ) : null}
      <CountReport key={count.status} count={count} />
    </div>
  );
}
