import { useMemo, useState, type FormEvent } from 'react';
import type { BatchDetail, MovementResult } from '../../../common/stock/stock-results';
import { useApiData } from '../../api/use-api-data';
import { formProblems, type FormProblems } from '../../stock/form-problems';
import { locationsInUse } from '../../stock/location-tree-view';
import { emptyMovement, movementArgs, movementFieldAliases, type MovementFormValues, type MovementKindInForm } from '../../stock/movement-args';
import { useApiAction } from '../../stock/use-api-action';
import { useProblemFocus } from '../../stock/use-problem-focus';
import { Spinner } from '../Spinner';
import { FormProblem } from './FormProblem';
import { MovementFields } from './MovementFields';
import { StockDialog } from './StockDialog';

interface MovementDialogProps {
  detail: BatchDetail;
  kind: MovementKindInForm;
  /** The location to start from (a balance's "Transfer from here"). */
  locationId?: string;
  onClose(): void;
  onDone(result: MovementResult): void;
}

const fields = ['location', 'to', 'quantity', 'studyId', 'quantityPerPlot', 'plots', 'newCode', 'newBarcode', 'reason', 'when'];

const titles: Record<MovementKindInForm, (code: string) => string> = {
  transfer: (code) => `Transfer ${code}`,
  sow: (code) => `Sow ${code} into a study`,
  split: (code) => `Split part of ${code} into a new batch`,
  dispose: (code) => `Dispose of ${code}`,
  adjust: (code) => `Adjust ${code}`,
};

const leads: Record<MovementKindInForm, string> = {
  transfer: 'Move some or all of it to another location.',
  sow: 'Record the seed taken out to sow a study: a quantity per plot, times the plots sown.',
  split: 'Part of it becomes a new batch with its own code, kept as a child of this one.',
  dispose: 'Record stock thrown away, and why.',
  adjust: 'Correct the balance at a location when what is there differs from the books. Only a station manager can post an adjustment.',
};

const submitWords: Record<MovementKindInForm, [string, string]> = {
  transfer: ['Transfer', 'Transferring…'],
  sow: ['Record the sowing', 'Recording…'],
  split: ['Split', 'Splitting…'],
  dispose: ['Dispose of it', 'Recording…'],
  adjust: ['Post the adjustment', 'Posting…'],
};

/** Transfer, sow, split, dispose or adjust a batch: one form per kind, each a `stock:move`. */
export function MovementDialog({ detail, kind, locationId, onClose, onDone }: MovementDialogProps) {
  const { batch, balances } = detail;
  const startAt = locationId ?? balances.find((b) => b.quantity > 0)?.location.id ?? balances[0]?.location.id ?? '';
  const startCode = balances.find((b) => b.location.id === startAt)?.location.code ?? '';
  // An adjustment may be where no balance is yet, so it asks for a code; the others pick a balance.
  const [values, setValues] = useState<MovementFormValues>(() => emptyMovement(kind, kind === 'adjust' ? startCode : startAt));
  const [localProblems, setLocalProblems] = useState<Record<string, string>>({});
  const action = useApiAction();
  const tree = useApiData('locations:tree', {}, ['locations']);
  const places = useMemo(() => locationsInUse(tree.data ?? []), [tree.data]);
  const serviceProblems = formProblems(action.error, fields, movementFieldAliases);
  const problems: FormProblems = { byField: { ...serviceProblems.byField, ...localProblems }, general: serviceProblems.general };
  const form = useProblemFocus<HTMLFormElement>(action.error ?? (Object.keys(localProblems).length > 0 ? localProblems : null));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    action.clear();
    const built = movementArgs(batch.id, values);
    if (!built.ok) {
      setLocalProblems(built.problems);
      return;
    }
    setLocalProblems({});
    const result = await action.run('stock:move', built.args);
    if (result) onDone(result);
  };

  const change = (update: Partial<MovementFormValues>): void => {
    setValues((v) => ({ ...v, ...update }));
    const edited = Object.keys(update);
    setLocalProblems((p) => Object.fromEntries(Object.entries(p).filter(([field]) => !edited.includes(field))));
  };

  const [idle, running] = submitWords[kind];
  return (
    <StockDialog title={titles[kind](batch.code)} lead={leads[kind]} busy={action.busy} onClose={onClose} testId={`move-dialog-${kind}`}>
      <form ref={form} className="stock-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={action.busy}>
        <MovementFields detail={detail} values={values} onChange={change} problems={problems} places={places} busy={action.busy} />
        <FormProblem error={action.error} text={problems.general} />
        <div className="stock-dialog-actions">
          <button type="button" className="button button-ghost" disabled={action.busy} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={`button ${kind === 'dispose' ? 'button-danger' : 'button-primary'}`} aria-disabled={action.busy} data-testid="move-submit">
            {action.busy ? (
              <>
                <Spinner /> {running}
              </>
            ) : (
              idle
            )}
          </button>
        </div>
      </form>
    </StockDialog>
  );
}
