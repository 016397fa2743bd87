import type { BatchDetail, LocationNode } from '../../../common/stock/stock-results';
import { parseQuantity } from '../../../common/stock/quantity';
import type { FormProblems } from '../../stock/form-problems';
import type { MovementFormValues } from '../../stock/movement-args';
import { numberText, quantityText } from '../../stock/stock-text';
import { findStudy, useStudyChoices } from '../../stock/use-study-choices';
import { FormField } from './FormField';
import { LocationInput } from './LocationInput';

interface MovementFieldsProps {
  detail: BatchDetail;
  values: MovementFormValues;
  onChange(update: Partial<MovementFormValues>): void;
  problems: FormProblems;
  places: readonly LocationNode[];
  busy: boolean;
}

/** The fields of one kind of movement (see MovementDialog). */
export function MovementFields({ detail, values, onChange, problems, places, busy }: MovementFieldsProps) {
  const { batch, balances } = detail;
  const kind = values.kind;
  const problem = (field: string): string | undefined => problems.byField[field];
  const unit = batch.unit;

  const fromField =
    kind === 'adjust' || balances.length === 0 ? (
      <FormField
        label={kind === 'adjust' ? 'At' : 'From'}
        hint={kind === 'adjust' ? 'The location whose balance is wrong: scan or type its code.' : 'This batch has no balance anywhere: scan or type where the stock is.'}
        problem={problem('location')}
      >
        {(control) => <LocationInput {...control} value={values.location} options={places} disabled={busy} onChange={(location) => onChange({ location })} testId="move-location" />}
      </FormField>
    ) : (
      <FormField label="From" problem={problem('location')}>
        {(control) => (
          <select {...control} className="input" value={values.location} disabled={busy} onChange={(e) => onChange({ location: e.target.value })} data-testid="move-location">
            {balances.map((b) => (
              <option key={b.location.id} value={b.location.id}>
                {b.location.code} · {quantityText(b.quantity, unit)}
              </option>
            ))}
          </select>
        )}
      </FormField>
    );

  const quantityField = (
    <FormField
      label={kind === 'adjust' ? `Change (${unit})` : `Quantity (${unit})`}
      hint={kind === 'adjust' ? `A positive number adds ${unit}, a negative one (like -25) removes them.` : undefined}
      problem={problem('quantity')}
    >
      {(control) => (
        <input {...control} className="input numeric" value={values.quantity} inputMode="decimal" autoComplete="off" data-autofocus={kind !== 'sow' ? true : undefined} disabled={busy} onChange={(e) => onChange({ quantity: e.target.value })} data-testid="move-quantity" />
      )}
    </FormField>
  );

  const toField = (optional: boolean) => (
    <FormField label={optional ? 'Put the new batch in (optional)' : 'To'} hint={optional ? 'Where it was taken from when left empty.' : "Scan the bin's label or type its code."} problem={problem('to')}>
      {(control) => <LocationInput {...control} value={values.to} options={places} disabled={busy} onChange={(to) => onChange({ to })} testId="move-to" />}
    </FormField>
  );

  const reasonRequired = kind === 'dispose' || kind === 'adjust';
  const reasonField = (
    <FormField
      label={reasonRequired ? 'Reason' : 'Note (optional)'}
      hint={kind === 'dispose' ? 'Why it was thrown away: mould, poor germination, past its storage life.' : kind === 'adjust' ? 'Why the books were wrong.' : undefined}
      problem={problem('reason')}
      className="stock-field-wide"
    >
      {(control) => <input {...control} className="input" value={values.reason} maxLength={500} disabled={busy} onChange={(e) => onChange({ reason: e.target.value })} data-testid="move-reason" />}
    </FormField>
  );

  const whenField = (
    <FormField label="When (optional)" hint="Leave empty for now; a date in the past records it late, in its place in the ledger." problem={problem('when')}>
      {(control) => <input {...control} type="datetime-local" className="input" value={values.when} disabled={busy} onChange={(e) => onChange({ when: e.target.value })} data-testid="move-when" />}
    </FormField>
  );

  return (
    <div className="stock-form-grid">
      {fromField}
      {kind === 'transfer' ? toField(false) : null}
      {kind === 'sow' ? <SowFields values={values} onChange={onChange} problem={problem} busy={busy} unit={unit} /> : null}
      {kind !== 'sow' ? quantityField : null}
      {kind === 'split' ? (
        <>
          <FormField label="New batch code" hint="Unique in your organisation." problem={problem('newCode')}>
            {(control) => <input {...control} className="input stock-code-input" value={values.newCode} maxLength={60} autoComplete="off" spellCheck={false} disabled={busy} onChange={(e) => onChange({ newCode: e.target.value })} data-testid="move-new-code" />}
          </FormField>
          <FormField label="New barcode (optional)" problem={problem('newBarcode')}>
            {(control) => <input {...control} className="input stock-code-input" value={values.newBarcode} maxLength={120} autoComplete="off" spellCheck={false} disabled={busy} onChange={(e) => onChange({ newBarcode: e.target.value })} data-testid="move-new-barcode" />}
          </FormField>
          {toField(true)}
        </>
      ) : null}
      {reasonField}
      {whenField}
    </div>
  );
}

interface SowFieldsProps {
  values: MovementFormValues;
  onChange(update: Partial<MovementFormValues>): void;
  problem(field: string): string | undefined;
  busy: boolean;
  unit: BatchDetail['batch']['unit'];
}

/** Which study was sown, how much per plot and how many plots, and what that adds up to. */
function SowFields({ values, onChange, problem, busy, unit }: SowFieldsProps) {
  const studies = useStudyChoices();
  const study = findStudy(studies.groups, values.studyId);
  const plots = values.plots.trim() === '' ? (study?.plotCount ?? null) : Number(values.plots);
  const perPlot = parseQuantity(values.quantityPerPlot.trim());
  const total = perPlot.ok && plots !== null && Number.isInteger(plots) && plots > 0 ? (perPlot.milli * plots) / 1000 : null;
  return (
    <>
      <FormField
        label="Study"
        hint={studies.error ? studies.error.message : studies.groups === null ? 'Loading the studies…' : 'The study the seed was sown in: it lists the lots it consumed.'}
        problem={problem('studyId')}
        className="stock-field-wide"
      >
        {(control) => (
          <select {...control} className="input" value={values.studyId} data-autofocus disabled={busy} onChange={(e) => onChange({ studyId: e.target.value })} data-testid="move-study">
            <option value="">Choose the study…</option>
            {(studies.groups ?? []).map((group) => (
              <optgroup key={group.trialId} label={group.trialName}>
                {group.studies.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} · {s.plotCount} plots
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={`Per plot (${unit})`} problem={problem('quantityPerPlot')}>
        {(control) => (
          <input {...control} className="input numeric" value={values.quantityPerPlot} inputMode="decimal" autoComplete="off" disabled={busy} onChange={(e) => onChange({ quantityPerPlot: e.target.value })} data-testid="move-per-plot" />
        )}
      </FormField>
      <FormField label="Plots sown" hint={study ? `Empty for all ${study.plotCount} plots of the study.` : 'Empty for every plot of the study.'} problem={problem('plots')}>
        {(control) => (
          <input {...control} className="input numeric" value={values.plots} inputMode="numeric" autoComplete="off" placeholder={study ? String(study.plotCount) : ''} disabled={busy} onChange={(e) => onChange({ plots: e.target.value })} data-testid="move-plots" />
        )}
      </FormField>
      <p className="stock-sow-total stock-field-wide" role="status" data-testid="sow-total">
        {total !== null && plots !== null ? `${numberText(plots)} plots × ${quantityText(perPlot.ok ? perPlot.milli / 1000 : 0, unit)} = ${quantityText(total, unit)} taken out.` : ''}
      </p>
    </>
  );
}
