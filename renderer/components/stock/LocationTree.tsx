import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { LocationNode } from '../../../common/stock/stock-results';
import { locationKindLabels } from '../../stock/stock-text';

interface LocationTreeProps {
  rows: readonly LocationNode[];
  /** Locations with children (among those listed). */
  parents: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
  currentId: string | null;
  checked: ReadonlySet<string>;
  /** Changes with each move made from the keyboard: the current row takes the focus. */
  focusToken: number;
  onCurrent(id: string, byKeyboard: boolean): void;
  onToggleExpanded(id: string, open?: boolean): void;
  onToggleChecked(id: string): void;
  /** Enter on a location: go to its actions. */
  onActivate(id: string): void;
}

/**
 * The location tree (ARIA tree pattern): arrow keys move and fold, Home and End jump, Space
 * chooses a location for labels (aria-checked), Enter goes to its actions. One row at a time is in
 * the tab order.
 */
export function LocationTree(props: LocationTreeProps) {
  const { rows, parents, expanded, currentId, checked, focusToken, onCurrent, onToggleExpanded, onToggleChecked, onActivate } = props;
  const elements = useRef(new Map<string, HTMLLIElement>());

  useEffect(() => {
    if (focusToken > 0 && currentId) elements.current.get(currentId)?.focus({ preventScroll: false });
  }, [focusToken, currentId]);

  const siblings = new Map<string | null, LocationNode[]>();
  for (const row of rows) siblings.set(row.parentId, [...(siblings.get(row.parentId) ?? []), row]);
  const current = rows.findIndex((row) => row.id === currentId);
  const tabStop = current >= 0 ? rows[current]?.id : rows[0]?.id;

  const onKeyDown = (event: KeyboardEvent, node: LocationNode, index: number): void => {
    const go = (i: number): void => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (target) onCurrent(target.id, true);
    };
    const open = expanded.has(node.id);
    switch (event.key) {
      case 'ArrowDown':
        go(index + 1);
        break;
      case 'ArrowUp':
        go(index - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(rows.length - 1);
        break;
      case 'ArrowRight':
        if (parents.has(node.id) && !open) onToggleExpanded(node.id, true);
        else if (parents.has(node.id)) go(index + 1);
        break;
      case 'ArrowLeft':
        if (parents.has(node.id) && open) onToggleExpanded(node.id, false);
        else if (node.parentId) onCurrent(node.parentId, true);
        break;
      case ' ':
        onToggleChecked(node.id);
        break;
      case 'Enter':
        onActivate(node.id);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <ul className="stock-tree" role="tree" aria-label="Locations" aria-multiselectable="false" data-testid="location-tree">
      {rows.map((node, index) => {
        const group = siblings.get(node.parentId) ?? [node];
        const isParent = parents.has(node.id);
        const open = expanded.has(node.id);
        const label = `${node.code}, ${node.name}, ${locationKindLabels[node.kind].toLowerCase()}${node.archivedAt ? ', archived' : ''}`;
        return (
          <li
            key={node.id}
            ref={(element) => {
              if (element) elements.current.set(node.id, element);
              else elements.current.delete(node.id);
            }}
            role="treeitem"
            aria-label={label}
            aria-level={node.depth + 1}
            aria-setsize={group.length}
            aria-posinset={group.indexOf(node) + 1}
            aria-expanded={isParent ? open : undefined}
            aria-selected={node.id === currentId}
            aria-checked={checked.has(node.id)}
            tabIndex={node.id === tabStop ? 0 : -1}
            className={`stock-tree-row stock-depth-${Math.min(node.depth, 6)}${node.id === currentId ? ' stock-tree-current' : ''}${node.archivedAt ? ' stock-tree-archived' : ''}`}
            onKeyDown={(event) => onKeyDown(event, node, index)}
            onClick={() => onCurrent(node.id, false)}
            data-testid={`tree-${node.code}`}
          >
            <span
              className={`stock-tree-toggle${isParent ? '' : ' stock-tree-leaf'}`}
              aria-hidden="true"
              onClick={(event) => {
                event.stopPropagation();
                if (isParent) onToggleExpanded(node.id);
                onCurrent(node.id, false);
              }}
            >
              {isParent ? (open ? '▾' : '▸') : ''}
            </span>
            <span
              className={`stock-tree-check${checked.has(node.id) ? ' stock-tree-checked' : ''}`}
              aria-hidden="true"
              title="Choose for labels (Space)"
              onClick={(event) => {
                event.stopPropagation();
                onToggleChecked(node.id);
              }}
            >
              {checked.has(node.id) ? '✓' : ''}
            </span>
            <span className={`stock-kind stock-kind-${node.kind}`}>{locationKindLabels[node.kind]}</span>
            <span className="stock-tree-code">{node.code}</span>
            <span className="stock-tree-name">{node.name}</span>
            {node.archivedAt ? <span className="stock-tag">archived</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
