import { useMemo, useState, type FormEvent } from 'react';
import type { LocationNode } from '../../../common/stock/stock-results';
import { formProblems } from '../../stock/form-problems';
import { moveTargets } from '../../stock/location-tree-view';
import { useApiAction } from '../../stock/use-api-action';
import { useProblemFocus } from '../../stock/use-problem-focus';
import { Spinner } from '../Spinner';
import { FormField } from './FormField';
import { FormProblem } from './FormProblem';
import { LocationInput } from './LocationInput';
import { StockDialog } from './StockDialog';

interface MoveLocationDialogProps {
  node: LocationNode;
  nodes: readonly LocationNode[];
  onClose(): void;
  onMoved(node: LocationNode): void;
}

/** A location (and everything inside it) moved under another parent. */
export function MoveLocationDialog({ node, nodes, onClose, onMoved }: MoveLocationDialogProps) {
  const targets = useMemo(() => moveTargets(nodes, node), [nodes, node]);
  const [parent, setParent] = useState('');
  const [localProblem, setLocalProblem] = useState<string | undefined>(undefined);
  const action = useApiAction();
  const problems = formProblems(action.error, ['parentId'], { locationId: 'parentId' });
  const problem = localProblem ?? problems.byField['parentId'];
  const form = useProblemFocus<HTMLFormElement>(action.error ?? localProblem ?? null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const code = parent.trim().toUpperCase();
    const target = nodes.find((n) => n.code.toUpperCase() === code && n.archivedAt === null);
    if (!target) {
      setLocalProblem(
        code === '' ? 'Scan or type the code of the location to move it into.' : `No location in use has the code “${parent.trim()}”. Pick one from the suggestions, or check the label.`,
      );
      return;
    }
    setLocalProblem(undefined);
    const moved = await action.run('locations:move', { locationId: node.id, parentId: target.id });
    if (moved) onMoved(moved);
  };

  return (
    <StockDialog title={`Move ${node.code}`} lead={`Now in ${node.path}. Everything inside it moves with it.`} busy={action.busy} onClose={onClose} testId="move-location-dialog">
      <form ref={form} className="stock-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormField label="Move it into" hint={`${targets.length} locations can hold a ${node.kind}: scan one's label or type its code.`} problem={problem}>
          {(control) => (
            <LocationInput
              {...control}
              value={parent}
              options={targets}
              disabled={action.busy}
              onChange={(value) => {
                setParent(value);
                setLocalProblem(undefined);
              }}
              testId="move-parent"
            />
          )}
        </FormField>
        <FormProblem error={action.error} text={problems.general} />
        <div className="stock-dialog-actions">
          <button type="button" className="button button-ghost" disabled={action.busy} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={action.busy} data-testid="move-location-submit">
            {action.busy ? (
              <>
                <Spinner /> Moving…
              </>
            ) : (
              'Move'
            )}
          </button>
        </div>
      </form>
    </StockDialog>
  );
}
