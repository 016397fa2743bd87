import { useApiData } from '../../api/use-api-data';
import { countTables } from '../../counts/count-tables';
import { countStatusLabels, lineStatusLabels, quantityText, valueText, varianceText, varianceWithUnit } from '../../counts/count-wording';
import { formatDateTime } from '../../format/value-text';
import { LoadingState } from '../LoadingState';
import { ProblemNotice } from '../ProblemNotice';

/** The reconciliation report on screen: where and when, who approved, and every line with its variance and explanation. */
export function CountReportView({ countId }: { countId: string }) {
  const report = useApiData('counts:report', { countId }, countTables);
  if (report.data === null) {
    return report.error ? (
      <ProblemNotice error={report.error}>
        <button type="button" className="button" onClick={report.reload}>
          Try again
        </button>
      </ProblemNotice>
    ) : (
      <LoadingState label="Preparing the report…" />
    );
  }
  const { count, lines, totals, locationPath, generatedAt } = report.data;
  const value = totals.reduce<number | null>((sum, total) => (total.value === null ? sum : (sum ?? 0) + total.value), null);
  return (
    <article className="count-report-view" aria-label={`Reconciliation report: ${count.name}`} data-testid="count-report">
      <dl className="count-report-facts">
        <div>
          <dt>Location</dt>
          <dd>{locationPath}</dd>
        </div>
        <div>
          <dt>Counted as of</dt>
          <dd>{formatDateTime(count.snapshotAt)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{countStatusLabels[count.status]}</dd>
        </div>
        <div>
          <dt>Started by</dt>
          <dd>{count.startedBy ?? '—'}</dd>
        </div>
        <div>
          <dt>Approved by</dt>
          <dd data-testid="count-report-approver">{count.approvedBy ? `${count.approvedBy}, ${count.approvedAt ? formatDateTime(count.approvedAt) : ''}` : 'not approved'}</dd>
        </div>
        <div>
          <dt>Prepared</dt>
          <dd>{formatDateTime(generatedAt)}</dd>
        </div>
      </dl>
      <table className="list-table count-table count-report-table">
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">Bin</th>
            <th scope="col">Unit</th>
            <th scope="col" className="numeric">
              Expected
            </th>
            <th scope="col" className="numeric">
              Counted
            </th>
            <th scope="col" className="numeric">
              Variance
            </th>
            <th scope="col" className="numeric">
              Value
            </th>
            <th scope="col">Explanation</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={`${line.batchId}:${line.location.id}`} data-testid={`count-report-line-${line.batchCode}-${line.location.code}`}>
              <th scope="row" className="count-code">
                {line.batchCode}
              </th>
              <td className="count-code">{line.location.code}</td>
              <td>{line.unit}</td>
              <td className="numeric">{quantityText(line.expected)}</td>
              <td className="numeric">{line.counted === null ? lineStatusLabels[line.status].toLowerCase() : quantityText(line.counted)}</td>
              <td className="numeric">{varianceText(line.variance)}</td>
              <td className="numeric">{valueText(line.value)}</td>
              <td>{line.explanation ?? (line.status === 'disputed' ? 'disputed: devices counted differently' : '')}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              Total
            </th>
            <td className="numeric" colSpan={1}>
              {totals.map((total) => (
                <span key={total.unit} className="count-report-total">
                  {varianceWithUnit(total.variance, total.unit)}
                </span>
              ))}
            </td>
            <td className="numeric">{valueText(value)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
