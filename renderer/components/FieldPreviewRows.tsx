import type { FieldFilePreview } from '../../common/api-contract';
import { ImportBadRows } from './ImportBadRows';
import { formatCount } from '../format/value-text';

/** At most this many rows of each table are drawn; the counts above say how many there are. */
const shownRows = 200;

const cell = (value: number | string | null): string => (value === null ? '' : String(value));

/** The preview's rows: every row with errors, each with its line and what is wrong, then some good rows as they will be imported. */
export function FieldPreviewRows({ preview }: { preview: FieldFilePreview }) {
  const bad = preview.rows.filter((row) => row.errors.length > 0);
  const good = preview.rows.filter((row) => row.errors.length === 0 && row.plot !== null);
  return (
    <>
      <ImportBadRows rows={bad} testId="import-bad-rows" rowTestId={(line) => `bad-row-${line}`} />
      {good.length > 0 ? (
        <div className="import-rows">
          <table className="import-table" data-testid="import-good-rows">
            <caption>
              {good.length < preview.validCount
                ? `Good rows as they will be imported (${formatCount(Math.min(good.length, shownRows))} of ${formatCount(preview.validCount)} shown)`
                : 'The good rows, as they will be imported'}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Line
                </th>
                <th scope="col">Unique id</th>
                <th scope="col" className="numeric">
                  Plot
                </th>
                <th scope="col" className="numeric">
                  Row
                </th>
                <th scope="col" className="numeric">
                  Column
                </th>
                <th scope="col" className="numeric">
                  Rep
                </th>
                <th scope="col" className="numeric">
                  Block
                </th>
                <th scope="col">Germplasm</th>
                <th scope="col">In this study</th>
              </tr>
            </thead>
            <tbody>
              {good.slice(0, shownRows).map(({ line, plot, exists }) =>
                plot ? (
                  <tr key={line} data-testid={`good-row-${line}`}>
                    <th scope="row" className="numeric">
                      {line}
                    </th>
                    <td>{plot.uniqueId}</td>
                    <td className="numeric">{plot.plotNumber}</td>
                    <td className="numeric">{cell(plot.row)}</td>
                    <td className="numeric">{cell(plot.column)}</td>
                    <td className="numeric">{cell(plot.replicate)}</td>
                    <td className="numeric">{cell(plot.block)}</td>
                    <td>{cell(plot.germplasmName)}</td>
                    <td>{exists ? <span className="chip chip-warning">Already there</span> : <span className="muted">New</span>}</td>
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
