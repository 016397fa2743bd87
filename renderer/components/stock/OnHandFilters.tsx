import { useState, type FormEvent } from 'react';
import type { LocationNode } from '../../../common/stock/stock-results';
import { batchKinds, type BatchKind } from '../../../common/vocabulary';
import { noFilter, isFiltered, type OnHandFilterState } from '../../stock/on-hand-filter';
import { batchKindLabels } from '../../stock/stock-text';
import type { GermplasmChoices } from '../../stock/use-germplasm-choices';
import { FormField } from './FormField';
import { LocationInput } from './LocationInput';
import { Spinner } from '../Spinner';

interface OnHandFiltersProps {
  filter: OnHandFilterState;
  onChange(filter: OnHandFilterState): void;
  locations: readonly LocationNode[];
  germplasm: GermplasmChoices;
  /** The services' refusal of the location typed, in words. */
  locationProblem: string | undefined;
}

/** Which stock to list: a location's subtree, a kind, a germplasm, only what is at zero or below, as of a day. */
export function OnHandFilters({ filter, onChange, locations, germplasm, locationProblem }: OnHandFiltersProps) {
  const [draft, setDraft] = useState(filter.location);
  const [shownLocation, setShownLocation] = useState(filter.location);
  const [germplasmName, setGermplasmName] = useState('');
  const [resolving, setResolving] = useState(false);
  const [germplasmProblem, setGermplasmProblem] = useState<string | undefined>(undefined);
  // A scan or another screen changed the location: show it in the field.
  if (filter.location !== shownLocation) {
    setShownLocation(filter.location);
    setDraft(filter.location);
  }
  if (filter.germplasmId === '' && germplasmName !== '' && !resolving) setGermplasmName('');

  const applyLocation = (): void => {
    if (draft.trim() !== filter.location) onChange({ ...filter, location: draft.trim() });
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    applyLocation();
  };
  const chooseGermplasm = async (name: string): Promise<void> => {
    setGermplasmName(name);
    setGermplasmProblem(undefined);
    const choice = germplasm.choices.find((c) => c.name === name);
    if (!choice) return onChange({ ...filter, germplasmId: '' });
    setResolving(true);
    try {
      const id = await germplasm.resolve(choice);
      onChange({ ...filter, germplasmId: id ?? '' });
    } catch {
      setGermplasmProblem(`The germplasm ${name} could not be looked up. Try again.`);
    } finally {
      setResolving(false);
    }
  };

  return (
    <form className="stock-filters" aria-label="Filters" onSubmit={submit} data-testid="on-hand-filters">
      <FormField label="Location" hint="Its stock and everything inside it. Enter to apply." problem={locationProblem} className="stock-filter-location">
        {(control) => (
          <LocationInput {...control} value={draft} options={locations} placeholder="Whole station" onChange={setDraft} testId="filter-location" />
        )}
      </FormField>
      <FormField label="Kind">
        {(control) => (
          <select {...control} className="input" value={filter.kind} onChange={(e) => onChange({ ...filter, location: draft.trim(), kind: e.target.value as BatchKind | '' })} data-testid="filter-kind">
            <option value="">Any kind</option>
            {batchKinds.map((kind) => (
              <option key={kind} value={kind}>
                {batchKindLabels[kind]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Germplasm" problem={germplasmProblem}>
        {(control) => (
          <span className="stock-inline">
            <select {...control} className="input" value={germplasmName} onChange={(e) => void chooseGermplasm(e.target.value)} data-testid="filter-germplasm">
              <option value="">Any germplasm</option>
              {germplasm.choices.map((choice) => (
                <option key={choice.name} value={choice.name}>
                  {choice.name}
                </option>
              ))}
            </select>
            {resolving ? <Spinner /> : null}
          </span>
        )}
      </FormField>
      <FormField label="As of" hint="Balances at the end of that day.">
        {(control) => (
          <input {...control} type="date" className="input" value={filter.asOfDay} onChange={(e) => onChange({ ...filter, location: draft.trim(), asOfDay: e.target.value })} data-testid="filter-as-of" />
        )}
      </FormField>
      <div className="stock-filter-end">
        <label className="toolbar-check">
          <input type="checkbox" checked={filter.nonPositiveOnly} onChange={(e) => onChange({ ...filter, location: draft.trim(), nonPositiveOnly: e.target.checked })} data-testid="filter-non-positive" />
          Only zero or below
        </label>
        <button type="submit" className="button button-small" data-testid="filter-apply">
          Show
        </button>
        <button
          type="button"
          className="button button-small button-ghost"
          disabled={!isFiltered(filter) && draft === ''}
          onClick={() => {
            setDraft('');
            setGermplasmName('');
            onChange(noFilter);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
