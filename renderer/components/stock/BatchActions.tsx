import type { BatchSummary } from '../../../common/stock/stock-results';
import { useCurrentUser } from '../../api/use-current-user';
import type { MovementKindInForm } from '../../stock/movement-args';
import { useKeyShortcuts } from '../../stock/use-key-shortcuts';
import { PrintLabels } from './PrintLabels';

const actions: { kind: MovementKindInForm; label: string; key: string; hint: string }[] = [
  { kind: 'transfer', label: 'Transfer', key: 't', hint: 'Move it to another location' },
  { kind: 'sow', label: 'Sow', key: 's', hint: 'Take seed out to sow a study' },
  { kind: 'split', label: 'Split', key: 'p', hint: 'Make part of it a new batch' },
  { kind: 'dispose', label: 'Dispose', key: 'd', hint: 'Record stock thrown away' },
  { kind: 'adjust', label: 'Adjust', key: 'a', hint: 'Correct a balance (station managers)' },
];

interface BatchActionsProps {
  batch: BatchSummary;
  onAction(kind: MovementKindInForm): void;
  /** A form is open: the shortcuts wait. */
  busy: boolean;
}

/** What can be done with a batch, each with a one-key shortcut, and its label. */
export function BatchActions({ batch, onAction, busy }: BatchActionsProps) {
  const { role, managesStock } = useCurrentUser();
  // Known up front: adjusting is the station manager's (the services refuse anyone else anyway).
  const usable = (kind: MovementKindInForm): boolean => (kind !== 'sow' || batch.kind === 'seed-lot') && (kind !== 'adjust' || managesStock !== false);
  const whyNot = (kind: MovementKindInForm): string => (kind === 'adjust' ? `Only a station manager can adjust stock; your role is ${role ?? 'unknown'}.` : 'Only a seed lot is sown');
  useKeyShortcuts(Object.fromEntries(actions.filter((a) => usable(a.kind)).map((a) => [a.key, () => onAction(a.kind)])), !busy);
  return (
    <div className="stock-actions" role="toolbar" aria-label={`Actions for ${batch.code}`}>
      {actions.map((action) => (
        <button
          key={action.kind}
          type="button"
          className="button"
          disabled={!usable(action.kind)}
          title={usable(action.kind) ? `${action.hint} (key ${action.key.toUpperCase()})` : whyNot(action.kind)}
          aria-keyshortcuts={action.key.toUpperCase()}
          onClick={() => onAction(action.kind)}
          data-testid={`action-${action.kind}`}
        >
          {action.label}
          <kbd aria-hidden="true">{action.key.toUpperCase()}</kbd>
        </button>
      ))}
      <PrintLabels batches={[batch.id]} label="Print label" />
    </div>
  );
}
