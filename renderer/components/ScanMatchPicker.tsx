import { useId } from 'react';
import { formatCount } from '../format/value-text';
import type { ScanMatch } from '../recording/use-scan-match';
import '../styles/plot-search.css';

/** "Match scans on": a plot attribute (tray_id, accession…) that go-to and scans match first, kept per study. */
export function ScanMatchPicker({ scanMatch }: { scanMatch: ScanMatch }) {
  const { attribute, choose, names, loading, problem, notice } = scanMatch;
  const selectId = useId();
  // The kept choice shows even before the names are read (or when they could not be).
  const choices = (names ?? []).filter((n) => n.name !== '');
  const shown = attribute !== null && !choices.some((n) => n.name === attribute) ? [{ name: attribute, plotCount: null }, ...choices] : choices;
  return (
    <div className="scan-match">
      <label htmlFor={selectId}>Match scans on</label>
      <select
        id={selectId}
        className="input input-small"
        value={attribute ?? ''}
        aria-busy={loading}
        title="Go to plot and a code scanned into the entry box look for the chosen attribute first, then for a barcode, plot number, id or germplasm. Choose an attribute whose values are not also trait values."
        onChange={(event) => choose(event.target.value === '' ? null : event.target.value)}
        data-testid="scan-match"
      >
        <option value="">Barcode, plot number, id or germplasm</option>
        {shown.map((n) => (
          <option key={n.name} value={n.name}>
            {n.plotCount === null ? n.name : `${n.name} (${formatCount(n.plotCount)} ${n.plotCount === 1 ? 'plot' : 'plots'})`}
          </option>
        ))}
      </select>
      {problem ? (
        <span className="scan-match-problem" role="alert">
          {attribute === null ? 'The plots’ attributes could not be read' : `The plots’ ${attribute} could not be read; codes are matched on barcode, plot number, id or germplasm`}: {problem}
        </span>
      ) : null}
      <span className="scan-match-notice" role="status" data-testid="scan-match-notice">
        {notice}
      </span>
    </div>
  );
}
