import { useState } from 'react';
import type { CountLineView } from '../../../common/stock/stock-results';
import { lineFilterCounts, lineFilterLabels, lineKey, lineMatches, type LineFilter } from '../../counts/line-filter';
import { CountLineRow } from './CountLineRow';

interface CountLinesProps {
  countId: string;
  lines: CountLineView[];
  countable: boolean;
  explainable: boolean;
  latestKey: string | null;
  onCount(line: CountLineView): void;
}

const filters: LineFilter[] = ['all', 'variances', 'disputed', 'not-counted'];

/** The count's lines: what was counted and what the balances say should be there, with a filter. */
export function CountLines({ countId, lines, countable, explainable, latestKey, onCount }: CountLinesProps) {
  const [filter, setFilter] = useState<LineFilter>('all');
  const counts = lineFilterCounts(lines);
  const shown = lines.filter((line) => lineMatches(line, filter));

  return (
    <section className="count-lines" aria-labelledby="count-lines-heading">
      <div className="count-lines-bar">
        <h2 id="count-lines-heading" className="section-heading">
          Lines
        </h2>
        <div className="view-switch" role="group" aria-label="Show lines">
          {filters.map((choice) => (
            <button
              key={choice}
              type="button"
              className={`view-switch-button${filter === choice ? ' view-switch-on' : ''}`}
              aria-pressed={filter === choice}
              onClick={() => setFilter(choice)}
              data-testid={`count-lines-${choice}`}
            >
              {lineFilterLabels[choice]} ({counts[choice]})
            </button>
          ))}
        </div>
      </div>
      {lines.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing here yet</h2>
          <p>The movements say this location held no stock at the count’s time, and nothing has been counted. Scan what you find.</p>
        </div>
      ) : shown.length === 0 ? (
        <p className="count-lines-none">No line is {lineFilterLabels[filter].toLowerCase()}.</p>
      ) : (
        <div className="count-lines-scroller">
          <table className="list-table count-table" data-testid="count-lines">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Bin</th>
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
                <th scope="col">Status</th>
                <th scope="col">Explanation</th>
                <th scope="col">
                  <span className="count-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((line) => (
                <CountLineRow
                  key={lineKey(line)}
                  countId={countId}
                  line={line}
                  countable={countable}
                  explainable={explainable}
                  latest={lineKey(line) === latestKey}
                  onCount={onCount}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
