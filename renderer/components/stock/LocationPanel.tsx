import type { Ref } from 'react';
import type { LocationNode } from '../../../common/stock/stock-results';
import { formatDate } from '../../format/value-text';
import { childKinds } from '../../stock/location-tree-view';
import { locationKindLabels } from '../../stock/stock-text';
import { LocationHoldings } from './LocationHoldings';
import { LocationOutline } from './LocationOutline';

export type LocationAction = 'create' | 'rename' | 'move' | 'archive' | 'choose-bins' | 'show-stock';

interface LocationPanelProps {
  node: LocationNode;
  /** Bins in use inside it (for "choose for labels"). */
  bins: number;
  onAction(action: LocationAction): void;
  /** The group of action buttons (Enter in the tree goes there). */
  actionsRef?: Ref<HTMLDivElement>;
}

/** The current location: where it is, what it holds, and what can be done with it. */
export function LocationPanel({ node, bins, onAction, actionsRef }: LocationPanelProps) {
  const archived = node.archivedAt !== null;
  return (
    <section className="stock-location-panel card" aria-labelledby="location-panel-heading" data-testid="location-panel">
      <p className="stock-panel-eyebrow">{locationKindLabels[node.kind]}</p>
      <h2 id="location-panel-heading" data-testid="location-panel-code">
        {node.code}
      </h2>
      <p className="stock-panel-name">{node.name}</p>
      <p className="stock-path">{node.path}</p>
      {archived && node.archivedAt ? <p className="stock-tag stock-tag-block">Archived on {formatDate(node.archivedAt)}</p> : null}
      <LocationHoldings locationId={node.id} />
      <LocationOutline node={node} />
      <div className="stock-panel-actions" ref={actionsRef} role="group" aria-label={`Actions for ${node.code}`}>
        <button type="button" className="button button-small" disabled={archived || childKinds(node).length === 0} onClick={() => onAction('create')} data-testid="location-add">
          Add inside…
        </button>
        <button type="button" className="button button-small" onClick={() => onAction('rename')} data-testid="location-rename">
          Rename…
        </button>
        <button type="button" className="button button-small" disabled={archived || node.kind === 'station'} onClick={() => onAction('move')} data-testid="location-move">
          Move…
        </button>
        <button type="button" className="button button-small button-danger-text" disabled={archived} onClick={() => onAction('archive')} data-testid="location-archive">
          Archive…
        </button>
        <button type="button" className="button button-small" disabled={bins === 0} onClick={() => onAction('choose-bins')} data-testid="location-choose-bins">
          {node.kind === 'bin' ? 'Choose for labels' : `Choose its ${bins} bin${bins === 1 ? '' : 's'} for labels`}
        </button>
        <button type="button" className="button button-small" onClick={() => onAction('show-stock')} data-testid="location-show-stock">
          Show its stock
        </button>
      </div>
    </section>
  );
}
