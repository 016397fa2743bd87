import type { ApiArgs } from '../../common/api-contract';

export type MovementKindInForm = ApiArgs<'stock:move'>['kind'];

/** A movement form's fields as typed (every one text; which ones count depends on the kind). */
export interface MovementFormValues {
  kind: MovementKindInForm;
  /** Where the stock is taken from (transfer, sow, split, dispose) or adjusted (adjust): a location id or code. */
  location: string;
  /** Where it goes (transfer; split, optional). */
  to: string;
  quantity: string;
  studyId: string;
  quantityPerPlot: string;
  plots: string;
  newCode: string;
  newBarcode: string;
  reason: string;
  /** When it happened, from a datetime-local field; empty for now. */
  when: string;
}

export const emptyMovement = (kind: MovementKindInForm, location = ''): MovementFormValues => ({
  kind,
  location,
  to: '',
  quantity: '',
  studyId: '',
  quantityPerPlot: '',
  plots: '',
  newCode: '',
  newBarcode: '',
  reason: '',
  when: '',
});

export type MovementArgsResult = { ok: true; args: ApiArgs<'stock:move'> } | { ok: false; problems: Record<string, string> };

const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/** A datetime-local value ("2026-05-14T09:30", this computer's time) as an instant with its zone. */
export function localDateTimeIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/**
 * The `stock:move` arguments for a form, or the problems only this side can see (a number of plots
 * that is not a whole number cannot even be sent). Everything else — quantities, codes, reasons —
 * the services check and answer field by field.
 */
export function movementArgs(batch: string, values: MovementFormValues): MovementArgsResult {
  const problems: Record<string, string> = {};
  const occurredAt = values.when.trim() === '' ? undefined : (localDateTimeIso(values.when) ?? undefined);
  if (values.when.trim() !== '' && occurredAt === undefined) problems['when'] = 'Enter a date and time, or leave it empty for now.';
  const common = { batch, ...(occurredAt === undefined ? {} : { occurredAt }) };
  const reason = optional(values.reason);
  const from = values.location.trim();
  let args: ApiArgs<'stock:move'>;
  switch (values.kind) {
    case 'transfer':
      args = { kind: 'transfer', ...common, from, to: values.to.trim(), quantity: values.quantity.trim(), ...(reason ? { reason } : {}) };
      break;
    case 'sow': {
      let plots: number | undefined;
      if (values.plots.trim() !== '') {
        plots = Number(values.plots.trim());
        if (!/^\d+$/.test(values.plots.trim()) || plots <= 0) problems['plots'] = 'Enter how many plots were sown as a whole number above zero, or leave it empty for every plot of the study.';
      }
      if (values.studyId === '') problems['studyId'] = 'Choose the study that was sown.';
      args = {
        kind: 'sow',
        ...common,
        from,
        studyId: values.studyId,
        quantityPerPlot: values.quantityPerPlot.trim(),
        ...(plots === undefined ? {} : { plots }),
        ...(reason ? { reason } : {}),
      };
      break;
    }
    case 'split': {
      const to = optional(values.to);
      const newBarcode = optional(values.newBarcode);
      args = {
        kind: 'split',
        ...common,
        from,
        quantity: values.quantity.trim(),
        newCode: values.newCode.trim(),
        ...(newBarcode ? { newBarcode } : {}),
        ...(to ? { to } : {}),
        ...(reason ? { reason } : {}),
      };
      break;
    }
    case 'dispose':
      args = { kind: 'dispose', ...common, from, quantity: values.quantity.trim(), reason: values.reason.trim() };
      break;
    case 'adjust':
      args = { kind: 'adjust', ...common, location: from, quantity: values.quantity.trim().replace(/^\u2212/, '-'), reason: values.reason.trim() };
      break;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, args };
}

/** Which form field each service field is shown beside (the service names `from`, `location` or `batch`). */
export const movementFieldAliases: Record<string, string> = { from: 'location', occurredAt: 'when' };
