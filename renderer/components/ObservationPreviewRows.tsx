import type { ObservationFilePreview } from '../../common/api-contract';
import { formatCount, formatDateTime } from '../format/value-text';

/** At most this many bad rows are drawn; the counts above say how many there are. */
const shownRows = 200;

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
      {bad.length > 0 ? (
        <div className="import-rows">
          <table className="import-table import-table-errors" data-testid="observation-bad-rows">
            <caption>
              {bad.length === 1 ? 'The row with errors' : `The ${formatCount(bad.length)} rows with errors`}, left out of the import
              {bad.length > shownRows ? ` (the first ${formatCount(shownRows)} shown)` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Line
                </th>
                <th scope="col">What is wrong</th>
              </tr>
            </thead>
            <tbody>
              {bad.slice(0, shownRows).map((row) => (
                <tr key={row.line} data-testid={`observation-bad-row-${row.line}`}>
                  <th scope="row" className="numeric">
                    {row.line}
                  </th>
                  <td>
                    <ul className="import-errors">
                      {row.errors.map((error, i) => (
                        <li key={i}>
                          {error.column ? <code className="import-error-column">{error.column}</code> : null} {error.message}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
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
