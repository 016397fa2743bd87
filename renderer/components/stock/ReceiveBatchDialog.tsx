import { useMemo, useState, type FormEvent } from 'react';
import type { ApiArgs } from '../../../common/api-contract';
import { unitsForKind } from '../../../common/stock/quantity';
import type { MovementResult } from '../../../common/stock/stock-results';
import { batchKinds, type BatchKind, type StockUnit } from '../../../common/vocabulary';
import { useApiData } from '../../api/use-api-data';
import { todayIso } from '../../format/value-text';
import { formProblems } from '../../stock/form-problems';
import { locationsInUse } from '../../stock/location-tree-view';
import { batchKindLabels } from '../../stock/stock-text';
import { useApiAction } from '../../stock/use-api-action';
import { useGermplasmChoices } from '../../stock/use-germplasm-choices';
import { useProblemFocus } from '../../stock/use-problem-focus';
import { FormField } from './FormField';
import { FormProblem } from './FormProblem';
import { LocationInput } from './LocationInput';
import { Spinner } from '../Spinner';
import { StockDialog } from './StockDialog';

interface ReceiveBatchDialogProps {
  /** A code scanned that nothing had: the new batch's code. */
  initialCode?: string;
  /** A location to receive into (the one the screen is filtered to). */
  initialLocation?: string;
  onClose(): void;
  onReceived(result: MovementResult): void;
}

const fields = ['code', 'barcode', 'kind', 'germplasmId', 'unit', 'quantity', 'location', 'source', 'receivedOn', 'unitCost'] as const;
type Field = (typeof fields)[number];

/** Receives a new seed lot, plant batch, trays or material into a location: the batch and its first movement. */
export function ReceiveBatchDialog({ initialCode = '', initialLocation = '', onClose, onReceived }: ReceiveBatchDialogProps) {
  const [values, setValues] = useState({
    code: initialCode,
    barcode: '',
    kind: 'seed-lot' as BatchKind,
    germplasm: '',
    unit: 'seeds' as StockUnit,
    quantity: '',
    location: initialLocation,
    source: '',
    receivedOn: todayIso(),
    unitCost: '',
  });
  const action = useApiAction();
  const germplasm = useGermplasmChoices();
  const tree = useApiData('locations:tree', {}, ['locations']);
  const places = useMemo(() => locationsInUse(tree.data ?? []), [tree.data]);
  const problems = formProblems(action.error, fields, { germplasm: 'germplasmId' });
  const problem = (field: Field): string | undefined => problems.byField[field];
  const form = useProblemFocus<HTMLFormElement>(action.error);

  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]): void => setValues((v) => ({ ...v, [key]: value }));
  const chooseKind = (kind: BatchKind): void =>
    setValues((v) => ({ ...v, kind, unit: unitsForKind[kind].includes(v.unit) ? v.unit : (unitsForKind[kind][0] ?? v.unit) }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await action.runSteps(async (call) => {
      const choice = germplasm.choices.find((c) => c.name === values.germplasm);
      const germplasmId = choice ? await germplasm.resolve(choice) : null;
      const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());
      const args: ApiArgs<'stock:receive'> = {
        code: values.code.trim(),
        kind: values.kind,
        unit: values.unit,
        quantity: values.quantity.trim(),
        location: values.location.trim(),
        germplasmId,
      };
      const barcode = optional(values.barcode);
      const source = optional(values.source);
      const receivedOn = optional(values.receivedOn);
      const unitCost = optional(values.unitCost);
      if (barcode) args.barcode = barcode;
      if (source) args.source = source;
      if (receivedOn) args.receivedOn = receivedOn;
      if (unitCost) args.unitCost = unitCost;
      return call('stock:receive', args);
    });
    if (result) onReceived(result);
  };

  const busy = action.busy;
  return (
    <StockDialog title="Receive a batch" lead="A new seed lot, plant batch, trays or material, and how much of it arrived where." busy={busy} onClose={onClose} testId="receive-dialog">
      <form ref={form} className="stock-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <div className="stock-form-grid">
          <FormField label="Code" hint="Unique in your organisation, like SL-2026-061." problem={problem('code')}>
            {(control) => (
              <input {...control} className="input stock-code-input" value={values.code} data-autofocus={initialCode === '' ? true : undefined} autoComplete="off" spellCheck={false} maxLength={60} disabled={busy} onChange={(e) => set('code', e.target.value)} data-testid="receive-code" />
            )}
          </FormField>
          <FormField label="Barcode (optional)" hint="Scan the supplier's label, if it has one." problem={problem('barcode')}>
            {(control) => (
              <input {...control} className="input stock-code-input" value={values.barcode} autoComplete="off" spellCheck={false} maxLength={120} disabled={busy} onChange={(e) => set('barcode', e.target.value)} data-testid="receive-barcode" />
            )}
          </FormField>
          <FormField label="Kind" problem={problem('kind')}>
            {(control) => (
              <select {...control} className="input" value={values.kind} data-autofocus={initialCode === '' ? undefined : true} disabled={busy} onChange={(e) => chooseKind(e.target.value as BatchKind)} data-testid="receive-kind">
                {batchKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {batchKindLabels[kind]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            label={values.kind === 'seed-lot' ? 'Germplasm' : 'Germplasm (optional)'}
            hint={germplasm.loading ? 'Loading the station’s germplasm…' : 'The variety or line of this seed.'}
            problem={problem('germplasmId')}
          >
            {(control) => (
              <select {...control} className="input" value={values.germplasm} disabled={busy} onChange={(e) => set('germplasm', e.target.value)} data-testid="receive-germplasm">
                <option value="">{values.kind === 'seed-lot' ? 'Choose the germplasm…' : 'None'}</option>
                {germplasm.choices.map((choice) => (
                  <option key={choice.name} value={choice.name}>
                    {choice.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label="Quantity" problem={problem('quantity')}>
            {(control) => (
              <input {...control} className="input numeric" value={values.quantity} inputMode="decimal" autoComplete="off" disabled={busy} onChange={(e) => set('quantity', e.target.value)} data-testid="receive-quantity" />
            )}
          </FormField>
          <FormField label="Unit" hint={`A ${batchKindLabels[values.kind].toLowerCase()} is kept in ${unitsForKind[values.kind].join(' or ')}.`} problem={problem('unit')}>
            {(control) => (
              <select {...control} className="input" value={values.unit} disabled={busy} onChange={(e) => set('unit', e.target.value as StockUnit)} data-testid="receive-unit">
                {unitsForKind[values.kind].map((unit) => (
                  <option key={unit} value={unit}>
                    {unit}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label="Into" hint="Scan the bin's label or type its code." problem={problem('location')} className="stock-field-wide">
            {(control) => <LocationInput {...control} value={values.location} options={places} disabled={busy} onChange={(v) => set('location', v)} testId="receive-location" />}
          </FormField>
          <FormField label="Source (optional)" hint="Where it came from: a harvest, a partner, a gene bank." problem={problem('source')}>
            {(control) => <input {...control} className="input" value={values.source} maxLength={200} disabled={busy} onChange={(e) => set('source', e.target.value)} data-testid="receive-source" />}
          </FormField>
          <FormField label="Received on" problem={problem('receivedOn')}>
            {(control) => <input {...control} type="date" className="input" value={values.receivedOn} disabled={busy} onChange={(e) => set('receivedOn', e.target.value)} data-testid="receive-date" />}
          </FormField>
          <FormField label={`Unit cost (optional, per ${values.unit.replace(/s$/, '')})`} hint="Gives the stock a value in reports." problem={problem('unitCost')}>
            {(control) => (
              <input {...control} className="input numeric" value={values.unitCost} inputMode="decimal" autoComplete="off" disabled={busy} onChange={(e) => set('unitCost', e.target.value)} data-testid="receive-cost" />
            )}
          </FormField>
        </div>
        <FormProblem error={action.error} text={problems.general} />
        <div className="stock-dialog-actions">
          <button type="button" className="button button-ghost" disabled={busy} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={busy} data-testid="receive-submit">
            {busy ? (
              <>
                <Spinner /> Receiving…
              </>
            ) : (
              'Receive'
            )}
          </button>
        </div>
      </form>
    </StockDialog>
  );
}
