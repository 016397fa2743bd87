import { formatCount } from '../format/value-text';

/** At most this many bad rows are drawn; the counts above the table say how many there are. */
const shownRows = 200;

interface BadRow {
  line: number;
  errors: readonly { column: string | null; message: string }[];
}

/** The rows of a file left out of its import, each with its line and what is wrong with it. */
export function ImportBadRows({ rows, testId, rowTestId }: { rows: readonly BadRow[]; testId: string; rowTestId: (line: number) => string }) {
  if (rows.length === 0) return null;
  return (
    <div className="import-rows">
      <table className="import-table import-table-errors" data-testid={testId}>
        <caption>
          {rows.length === 1 ? 'The row with errors' : `The ${formatCount(rows.length)} rows with errors`}, left out of the import
          {rows.length > shownRows ? ` (the first ${formatCount(shownRows)} shown)` : ''}
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
          {rows.slice(0, shownRows).map((row) => (
            <tr key={row.line} data-testid={rowTestId(row.line)}>
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
  );
}
