import { useMemo } from 'react';
import type { LocationNode, OnHand } from '../../../common/stock/stock-results';
import { rollUpRows } from '../../stock/on-hand-filter';
import { locationKindLabels, quantityText } from '../../stock/stock-text';

interface LocationRollUpProps {
  onHand: OnHand;
  tree: readonly LocationNode[];
  onLocation(code: string): void;
}

/** What each location holds, itself and everything inside it, per unit: the roll-up to the parents. */
export function LocationRollUp({ onHand, tree, onLocation }: LocationRollUpProps) {
  const rows = useMemo(() => rollUpRows(tree, onHand.locationTotals), [tree, onHand.locationTotals]);
  return (
    <details className="stock-section stock-rollup" data-testid="location-rollup">
      <summary>
        <h2 className="stock-section-title">By location</h2>
        <span className="stock-section-note">{rows.length} locations hold stock, counted with everything inside them</span>
      </summary>
      {rows.length === 0 ? (
        <p className="muted">No location holds anything with these filters.</p>
      ) : (
        <table className="list-table stock-table stock-rollup-table">
          <thead>
            <tr>
              <th scope="col">Location</th>
              <th scope="col">Kind</th>
              <th scope="col" className="numeric">
                Holds
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node, depth, totals }) => (
              <tr key={node.id} data-testid={`rollup-${node.code}`}>
                <th scope="row" className={`stock-depth-${Math.min(depth, 6)}`}>
                  <button type="button" className="button button-link stock-location-link" onClick={() => onLocation(node.code)}>
                    {node.code}
                  </button>
                  <span className="stock-sub">{node.name}</span>
                </th>
                <td>{locationKindLabels[node.kind]}</td>
                <td className="numeric">{totals.map((t) => quantityText(t.quantity, t.unit)).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
