import type { ObservationFilePreview } from '../../common/api-contract';
import { ImportBadRows } from './ImportBadRows';
import { formatCount, formatDateTime } from '../format/value-text';

const statusWords: Record<ObservationFilePreview['rows'][number]['status'], string> = {
  new: 'New',
  replace: 'Replaces',
  'already-there': 'Already there',
  error: 'Left out',
};

/** The preview's rows: every row with errors and what is wrong with it, then some good rows and what each would do. */
export function ObservationPreviewRows({ preview }: { preview: ObservationFilePreview }) {
  const bad = preview.rows.filter((row) => row.status === 'error');
  const good = preview.rows.filter((row) => row.status !== 'error' && row.observation !== null);
  return (
    <>
      <ImportBadRows rows={bad} testId="observation-bad-rows" rowTestId={(line) => `observation-bad-row-${line}`} />
      {good.length > 0 ? (
        <div className="import-rows">
          <table className="import-table observation-import-table" data-testid="observation-good-rows">
            <caption>
              {good.length < preview.validCount
                ? `Good rows, values that would replace first (${formatCount(good.length)} of ${formatCount(preview.validCount)} shown)`
                : 'The good rows, and what each does'}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Line
                </th>
                <th scope="col">Plot</th>
                <th scope="col">Trait</th>
                <th scope="col">Timepoint</th>
                <th scope="col">Value</th>
                <th scope="col">Recorded</th>
                <th scope="col">By</th>
                <th scope="col">In this study</th>
              </tr>
            </thead>
            <tbody>
              {good.map(({ line, status, observation }) =>
                observation ? (
                  <tr key={line} data-status={status} data-testid={`observation-good-row-${line}`}>
                    <th scope="row" className="numeric">
                      {line}
                    </th>
                    <td>
                      {observation.uniqueId} <span className="muted">(plot {observation.plotNumber})</span>
                    </td>
                    <td>{observation.variableName}</td>
                    <td>{observation.timepoint ?? ''}</td>
                    <td className="observation-import-value">{observation.value}</td>
                    <td>{formatDateTime(observation.observedAt)}</td>
                    <td>{observation.collectorName ?? ''}</td>
                    <td>
                      {status === 'replace' ? (
                        <span className="chip chip-warning">
                          {statusWords[status]} {observation.currentValue}
                        </span>
                      ) : status === 'new' ? (
                        <span className="muted">{statusWords[status]}</span>
                      ) : (
                        <span className="observation-import-there">{statusWords[status]}</span>
                      )}
                    </td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
