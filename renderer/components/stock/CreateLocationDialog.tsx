import { useState, type FormEvent } from 'react';
import type { LocationNode } from '../../../common/stock/stock-results';
import type { LocationKind } from '../../../common/vocabulary';
import { formProblems } from '../../stock/form-problems';
import { childKinds } from '../../stock/location-tree-view';
import { locationKindLabels } from '../../stock/stock-text';
import { useApiAction } from '../../stock/use-api-action';
import { useProblemFocus } from '../../stock/use-problem-focus';
import { Spinner } from '../Spinner';
import { FormField } from './FormField';
import { FormProblem } from './FormProblem';
import { StockDialog } from './StockDialog';

interface CreateLocationDialogProps {
  /** Where the new location goes; null for a new station at the top. */
  parent: LocationNode | null;
  onClose(): void;
  onCreated(node: LocationNode): void;
}

/** A new location inside another (or a new station): its kind, code and name. */
export function CreateLocationDialog({ parent, onClose, onCreated }: CreateLocationDialogProps) {
  const kinds = childKinds(parent);
  const [kind, setKind] = useState<LocationKind>(kinds[kinds.length - 1] ?? 'bin');
  const [code, setCode] = useState(parent ? `${parent.code}-` : '');
  const [name, setName] = useState('');
  const action = useApiAction();
  const problems = formProblems(action.error, ['kind', 'code', 'name'], { parentId: 'kind' });
  const form = useProblemFocus<HTMLFormElement>(action.error);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const node = await action.run('locations:create', { parentId: parent?.id ?? null, kind, code: code.trim(), name: name.trim() });
    if (node) onCreated(node);
  };

  return (
    <StockDialog
      title={parent ? `Add a location inside ${parent.code}` : 'Add a station'}
      lead={parent ? parent.path : 'A station is the top of a location tree.'}
      busy={action.busy}
      onClose={onClose}
      testId="create-location-dialog"
    >
      <form ref={form} className="stock-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="stock-form-grid">
          <FormField label="Kind" problem={problems.byField['kind']}>
            {(control) => (
              <select {...control} className="input" value={kind} disabled={action.busy} onChange={(e) => setKind(e.target.value as LocationKind)} data-testid="location-kind">
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {locationKindLabels[k]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label="Code" hint="Unique in your organisation: it is what the label's barcode carries." problem={problems.byField['code']}>
            {(control) => (
              <input {...control} className="input stock-code-input" value={code} data-autofocus maxLength={60} autoComplete="off" spellCheck={false} disabled={action.busy} onChange={(e) => setCode(e.target.value)} data-testid="location-code" />
            )}
          </FormField>
          <FormField label="Name" problem={problems.byField['name']} className="stock-field-wide">
            {(control) => <input {...control} className="input" value={name} maxLength={200} disabled={action.busy} onChange={(e) => setName(e.target.value)} data-testid="location-name" />}
          </FormField>
        </div>
        <FormProblem error={action.error} text={problems.general} />
        <div className="stock-dialog-actions">
          <button type="button" className="button button-ghost" disabled={action.busy} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={action.busy} data-testid="location-submit">
            {action.busy ? (
              <>
                <Spinner /> Adding…
              </>
            ) : (
              `Add the ${locationKindLabels[kind].toLowerCase()}`
            )}
          </button>
        </div>
      </form>
    </StockDialog>
  );
}
