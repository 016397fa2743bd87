import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { LocationNode } from '../../../common/stock/stock-results';
import { useApiData } from '../../api/use-api-data';
import { formatCount } from '../../format/value-text';
import { navigate } from '../../navigation/route';
import { binsWithin, idsWithChildren, initialExpansion, matchesSearch, parentMap, ancestorIds, visibleNodes } from '../../stock/location-tree-view';
import { handOverStockLocation } from '../../stock/stock-filter-handoff';
import { Breadcrumbs } from '../Breadcrumbs';
import { LoadingState } from '../LoadingState';
import { ProblemNotice } from '../ProblemNotice';
import { Spinner } from '../Spinner';
import { ArchiveLocationDialog } from './ArchiveLocationDialog';
import { CreateLocationDialog } from './CreateLocationDialog';
import { LocationPanel, type LocationAction } from './LocationPanel';
import { LocationTree } from './LocationTree';
import { MoveLocationDialog } from './MoveLocationDialog';
import { PrintLabels } from './PrintLabels';
import { RenameLocationDialog } from './RenameLocationDialog';
import '../../styles/stock.css';

type Dialog = { type: 'create'; parent: LocationNode | null } | { type: 'rename' | 'move' | 'archive'; node: LocationNode } | null;

/** The location tree (station → greenhouse or field → compartment → bench → bin): create, rename, move, archive, labels. */
export function LocationsScreen() {
  const [showArchived, setShowArchived] = useState(false);
  const tree = useApiData('locations:tree', { includeArchived: showArchived }, ['locations']);
  const nodes = useMemo(() => tree.data ?? [], [tree.data]);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const [search, setSearch] = useState('');
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<string | null>(null);
  const actions = useRef<HTMLDivElement>(null);
  const searchId = useId();

  if (expanded === null && tree.data) setExpanded(initialExpansion(tree.data));
  const open = useMemo(() => expanded ?? new Set<string>(), [expanded]);
  const rows = useMemo(() => visibleNodes(nodes, open, search), [nodes, open, search]);
  const parents = useMemo(() => idsWithChildren(nodes), [nodes]);
  const current = nodes.find((n) => n.id === currentId) ?? rows[0] ?? null;
  const bins = useMemo(() => (current ? binsWithin(nodes, current.id) : []), [nodes, current]);

  const setCurrent = (id: string, byKeyboard: boolean): void => {
    setCurrentId(id);
    if (byKeyboard) setFocusToken((t) => t + 1);
  };
  const toggleExpanded = (id: string, wanted?: boolean): void =>
    setExpanded((set) => {
      const next = new Set(set);
      if (wanted ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleChecked = (id: string): void =>
    setChecked((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  /** Shows a location: unfolds its ancestors and makes it current. */
  const reveal = (node: LocationNode): void => {
    const ancestors = ancestorIds(node.id, parentMap([...nodes, node]));
    setExpanded((set) => new Set([...(set ?? []), ...ancestors]));
    setCurrent(node.id, true);
  };

  const findFirst = (event: FormEvent): void => {
    event.preventDefault();
    const first = nodes.find((n) => matchesSearch(n, search) && search.trim() !== '');
    if (first) setCurrent(first.id, true);
  };

  const act = (action: LocationAction): void => {
    if (!current) return;
    setMessage(null);
    if (action === 'create') setDialog({ type: 'create', parent: current });
    else if (action === 'rename' || action === 'move' || action === 'archive') setDialog({ type: action, node: current });
    else if (action === 'choose-bins') {
      setChecked((set) => new Set([...set, ...bins.map((b) => b.id)]));
      setMessage(`${bins.length} bin${bins.length === 1 ? '' : 's'} of ${current.code} chosen for labels.`);
    } else {
      handOverStockLocation(current.code);
      navigate({ screen: 'stock' });
    }
  };

  const finished = (text: string, node: LocationNode | null): void => {
    setDialog(null);
    setMessage(text);
    tree.reload();
    if (node) reveal(node);
  };

  const insideCount = (node: LocationNode): number => nodes.filter((n) => n.id !== node.id && n.archivedAt === null && ancestorIds(n.id, parentMap(nodes)).includes(node.id)).length;
  const chosen = [...checked].filter((id) => nodes.some((n) => n.id === id));

  return (
    <div className="page stock-page" aria-busy={tree.loading}>
      <Breadcrumbs crumbs={[{ label: 'Stock', route: { screen: 'stock' } }, { label: 'Locations' }]} />
      <div className="page-header">
        <div>
          <h1>Locations</h1>
          <p className="page-subtitle">
            {tree.data ? `${formatCount(nodes.length)} locations` : 'The station’s greenhouses, fields, compartments, benches and bins'}
            {tree.loading && tree.data ? (
              <span className="stock-busy" role="status">
                <Spinner /> Updating…
              </span>
            ) : null}
          </p>
        </div>
        <div className="stock-header-actions">
          <label className="toolbar-check">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} data-testid="show-archived" />
            Show archived
          </label>
          <button type="button" className="button" onClick={() => setDialog({ type: 'create', parent: null })}>
            Add a station…
          </button>
        </div>
      </div>

      <p className="stock-message" role="status" data-testid="locations-message">
        {message}
      </p>

      {tree.data === null ? (
        tree.error ? (
          <ProblemNotice error={tree.error}>
            <button type="button" className="button" onClick={tree.reload}>
              Try again
            </button>
          </ProblemNotice>
        ) : (
          <LoadingState label="Loading the locations…" />
        )
      ) : (
        <div className="stock-locations">
          <div className="stock-tree-column">
            <form className="stock-tree-search" role="search" onSubmit={findFirst}>
              <label htmlFor={searchId}>Find a location</label>
              <input
                id={searchId}
                className="input input-small stock-code-input"
                value={search}
                autoComplete="off"
                spellCheck={false}
                placeholder="Code or name; scan a label"
                onChange={(e) => setSearch(e.target.value)}
                data-testid="location-search"
              />
              <span className="field-hint">{search.trim() !== '' ? `${rows.filter((r) => matchesSearch(r, search)).length} found · Enter goes to the first` : 'Arrows move and fold · Space chooses for labels · Enter: actions'}</span>
            </form>
            {rows.length === 0 ? (
              <p className="muted">{nodes.length === 0 ? 'No locations yet: add a station to start the tree.' : 'No location matches.'}</p>
            ) : (
              <LocationTree
                rows={rows}
                parents={parents}
                expanded={search.trim() !== '' ? new Set(rows.map((r) => r.id)) : open}
                currentId={current?.id ?? null}
                checked={checked}
                focusToken={focusToken}
                onCurrent={setCurrent}
                onToggleExpanded={toggleExpanded}
                onToggleChecked={toggleChecked}
                onActivate={() => actions.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus()}
              />
            )}
          </div>
          <div className="stock-panel-column">
            {current ? <LocationPanel node={current} bins={bins.length} onAction={act} actionsRef={actions} /> : null}
            <div className="stock-labels-card card" data-testid="labels-card">
              <h2 className="section-heading">Labels</h2>
              <p className="stock-holdings-note" data-testid="labels-chosen">
                {chosen.length === 0 ? 'Choose locations with Space or their tick box, or all the bins of a location.' : `${chosen.length} location${chosen.length === 1 ? '' : 's'} chosen.`}
              </p>
              <PrintLabels locations={chosen} label={chosen.length === 0 ? 'Print labels' : chosen.length === 1 ? 'Print 1 label' : `Print ${chosen.length} labels`} disabled={chosen.length === 0} />
              {chosen.length > 0 ? (
                <button type="button" className="button button-small button-ghost" onClick={() => setChecked(new Set())}>
                  Clear the choice
                </button>
              ) : null}
            </div>
          </div>
        </div>
      )}

      {dialog?.type === 'create' ? (
        <CreateLocationDialog parent={dialog.parent} onClose={() => setDialog(null)} onCreated={(node) => finished(`Added ${node.code} in ${node.path}.`, node)} />
      ) : dialog?.type === 'rename' ? (
        <RenameLocationDialog node={dialog.node} onClose={() => setDialog(null)} onRenamed={(node) => finished(`Saved ${node.code}: ${node.name}.`, node)} />
      ) : dialog?.type === 'move' ? (
        <MoveLocationDialog node={dialog.node} nodes={nodes} onClose={() => setDialog(null)} onMoved={(node) => finished(`Moved ${node.code}: now ${node.path}.`, node)} />
      ) : dialog?.type === 'archive' ? (
        <ArchiveLocationDialog
          node={dialog.node}
          inside={insideCount(dialog.node)}
          onClose={() => setDialog(null)}
          onArchived={(node) => {
            finished(`Archived ${node.code}.`, showArchived ? node : null);
            if (!showArchived) setCurrentId(node.parentId);
          }}
        />
      ) : null}
    </div>
  );
}
