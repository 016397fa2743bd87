import { useState, type FormEvent } from 'react';
import type { ApiArgs } from '../../../common/api-contract';
import type { LocationNode } from '../../../common/stock/stock-results';
import { formProblems } from '../../stock/form-problems';
import { useApiAction } from '../../stock/use-api-action';
import { useProblemFocus } from '../../stock/use-problem-focus';
import { Spinner } from '../Spinner';
import { FormField } from './FormField';
import { FormProblem } from './FormProblem';
import { StockDialog } from './StockDialog';

interface RenameLocationDialogProps {
  node: LocationNode;
  onClose(): void;
  onRenamed(node: LocationNode): void;
}

/** A location's new name or code (printed labels carry the code: reprint them after changing it). */
export function RenameLocationDialog({ node, onClose, onRenamed }: RenameLocationDialogProps) {
  const [name, setName] = useState(node.name);
  const [code, setCode] = useState(node.code);
  const action = useApiAction();
  const problems = formProblems(action.error, ['name', 'code']);
  const form = useProblemFocus<HTMLFormElement>(action.error);
  const changed = name.trim() !== node.name || code.trim() !== node.code;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!changed) return onClose();
    const args: ApiArgs<'locations:rename'> = { locationId: node.id };
    if (name.trim() !== node.name) args.name = name.trim();
    if (code.trim() !== node.code) args.code = code.trim();
    const renamed = await action.run('locations:rename', args);
    if (renamed) onRenamed(renamed);
  };

  return (
    <StockDialog title={`Rename ${node.code}`} lead={node.path} busy={action.busy} onClose={onClose} testId="rename-location-dialog">
      <form ref={form} className="stock-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="stock-form-grid">
          <FormField label="Name" problem={problems.byField['name']} className="stock-field-wide">
            {(control) => <input {...control} className="input" value={name} data-autofocus maxLength={200} disabled={action.busy} onChange={(e) => setName(e.target.value)} data-testid="rename-name" />}
          </FormField>
          <FormField label="Code" hint={code.trim() !== node.code ? 'Labels printed with the old code no longer scan: print new ones.' : undefined} problem={problems.byField['code']}>
            {(control) => (
              <input {...control} className="input stock-code-input" value={code} maxLength={60} autoComplete="off" spellCheck={false} disabled={action.busy} onChange={(e) => setCode(e.target.value)} data-testid="rename-code" />
            )}
          </FormField>
        </div>
        <FormProblem error={action.error} text={problems.general} />
        <div className="stock-dialog-actions">
          <button type="button" className="button button-ghost" disabled={action.busy} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={action.busy} data-testid="rename-submit">
            {action.busy ? (
              <>
                <Spinner /> Saving…
              </>
            ) : (
              'Save'
            )}
          </button>
        </div>
      </form>
    </StockDialog>
  );
}
