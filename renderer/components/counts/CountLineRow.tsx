import { useState } from 'react';
import type { CountLineView } from '../../../common/stock/stock-results';
import { disputeText, lineStatusLabels, lineTone, quantityText, valueText, varianceText } from '../../counts/count-wording';
import { hrefOf } from '../../navigation/route';
import { CountLineEntries } from './CountLineEntries';
import { CountLineExplanation } from './CountLineExplanation';

interface CountLineRowProps {
  countId: string;
  line: CountLineView;
  /** Whether entries can still be made (the count is open). */
  countable: boolean;
  /** Whether explanations can still be written (the count is not cancelled). */
  explainable: boolean;
  /** The line the last entry saved: marked so the eye finds it. */
  latest: boolean;
  onCount(line: CountLineView): void;
}

const columns = 9;

/** One line of a count: expected as of the snapshot, counted, variance and value, its status and explanation. */
export function CountLineRow({ countId, line, countable, explainable, latest, onCount }: CountLineRowProps) {
  const tone = lineTone(line);
  const disputed = line.status === 'disputed';
  const [showEntries, setShowEntries] = useState(false);
  const [explaining, setExplaining] = useState(false);
  const entriesShown = showEntries || disputed;
  const testId = `count-line-${line.batchCode}-${line.location.code}`;

  return (
    <>
      <tr className={`count-line count-line-${tone}${latest ? ' count-line-latest' : ''}`} data-testid={testId} data-status={line.status}>
        <th scope="row">
          <a className="count-code" href={hrefOf({ screen: 'batch', batchId: line.batchId })}>
            {line.batchCode}
          </a>
        </th>
        <td>
          <span className="count-code">{line.location.code}</span>
        </td>
        <td className="numeric" data-testid={`${testId}-expected`}>
          {quantityText(line.expected)}
        </td>
        <td className="numeric" data-testid={`${testId}-counted`}>
          {line.counted === null ? <span className="muted">{disputed ? '?' : '—'}</span> : quantityText(line.counted)}
        </td>
        <td className={`numeric count-variance count-variance-${tone}`} data-testid={`${testId}-variance`}>
          {varianceText(line.variance)}
          {line.variance === null ? null : <span className="count-unit"> {line.unit}</span>}
        </td>
        <td className="numeric" data-testid={`${testId}-value`}>
          {valueText(line.value)}
        </td>
        <td>
          <span className={`chip count-line-status count-line-status-${line.status}`}>{lineStatusLabels[line.status]}</span>
          {line.posted !== 0 ? <span className="count-posted">adjusted {varianceText(line.posted)}</span> : null}
          {line.outstanding !== 0 && line.posted !== 0 ? <span className="count-posted count-posted-due">{varianceText(line.outstanding)} to post</span> : null}
        </td>
        <td className="count-explanation-cell" data-testid={`${testId}-explanation`}>
          {line.explanation ? <span>{line.explanation}</span> : null}
          {explainable && !explaining && (line.explanation !== null || line.variance !== 0) ? (
            <button type="button" className="button-link button" onClick={() => setExplaining(true)} data-testid={`${testId}-explain`}>
              {line.explanation ? 'Edit' : 'Explain'}
            </button>
          ) : null}
        </td>
        <td className="count-line-actions">
          {countable ? (
            <button type="button" className="button button-small" onClick={() => onCount(line)} data-testid={`${testId}-count`}>
              {disputed ? 'Enter agreed' : line.status === 'counted' ? 'Recount' : 'Count'}
            </button>
          ) : null}
          {line.entries.length > 0 && !disputed ? (
            <button type="button" className="button button-small button-ghost" aria-expanded={showEntries} onClick={() => setShowEntries((was) => !was)}>
              {line.entries.length === 1 ? '1 entry' : `${line.entries.length} entries`}
            </button>
          ) : null}
        </td>
      </tr>
      {disputed ? (
        <tr className="count-line-detail count-line-detail-disputed">
          <td colSpan={columns}>
            <p className="count-dispute" role="note">
              <strong>Disputed:</strong> devices counted differently ({disputeText(line)}). Count it again and enter the agreed quantity; that
              entry replaces both.
            </p>
            <CountLineEntries line={line} />
          </td>
        </tr>
      ) : entriesShown ? (
        <tr className="count-line-detail">
          <td colSpan={columns}>
            <CountLineEntries line={line} />
          </td>
        </tr>
      ) : null}
      {explaining ? (
        <tr className="count-line-detail">
          <td colSpan={columns}>
            <CountLineExplanation countId={countId} line={line} onDone={() => setExplaining(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
