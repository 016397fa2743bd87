import { useId } from 'react';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { checkValue } from '../../common/scale-validation';
import { isChoiceScale, scaleHint } from '../format/scale-text';
import { categoryLabel, displayValue } from '../format/value-text';
import type { EntryKeyActions } from '../recording/entry-keys';
import type { EntryWidgetProps } from '../recording/entry-widget-props';
import type { CellTarget, Recorder } from '../recording/use-recorder';
import { useSettledValue } from '../hooks/use-settled-value';
import { ChoiceEntry } from './ChoiceEntry';
import { DateEntry } from './DateEntry';
import { EarlierSaveStatus } from './EarlierSaveStatus';
import { EntryStatus } from './EntryStatus';
import { NumberEntry } from './NumberEntry';
import { PlotHistory } from './PlotHistory';
import { PlotNote } from './PlotNote';
import { ValueHistory } from './ValueHistory';
import { afterSaveHints, afterSaveLabels, afterSaveModes, type AfterSave } from '../recording/after-save';
import { TextEntry } from './TextEntry';

interface EntryPanelProps {
  plot: PlotRow;
  position: { index: number; count: number };
  variable: VariableSummary;
  variables: VariableSummary[];
  recorded: Map<string, number>;
  recorder: Recorder;
  /** The timepoint values are recorded at (null: none). */
  timepoint: string | null;
  /** Set when the typed value is valid but far from the rest of the study. */
  unusualNote: string | null;
  /** Enter was pressed once on that unusual value: the next Enter saves it. */
  confirmingUnusual: boolean;
  actions: EntryKeyActions;
  /** Where Enter goes once it saved. */
  afterSave: AfterSave;
  onAfterSaveChange(mode: AfterSave): void;
  /** A value chosen with a button or key (a category, today's date): saved, then on as Enter goes. */
  onRecord(value: string): void;
  /** Go back to the cell of the latest save (shown when Enter saved and moved on). */
  onEarlierSelect(cell: CellTarget): void;
  onVariableChange(variableId: string): void;
}

function EntryWidget(props: EntryWidgetProps) {
  const { variable } = props;
  if (variable.scaleType === 'photo') {
    return <p className="entry-note">Photos are attached from the photo panel, which comes in a later version.</p>;
  }
  if (isChoiceScale(variable)) return <ChoiceEntry {...props} />;
  if (variable.scaleType === 'date') return <DateEntry {...props} />;
  if (variable.scaleType === 'text') return <TextEntry {...props} />;
  return <NumberEntry {...props} />;
}

/** How long a cell is shown before its value history is read. */
const historySettleMs = 150;

const facts = (plot: PlotRow): [string, number | null][] => [
  ['Block', plot.block],
  ['Rep', plot.replicate],
  ['Row', plot.row],
  ['Col', plot.column],
  ['Entry', plot.entryNumber],
];

/** The entry box for the selected plot and variable, with what is stored and what became of the last save. */
export function EntryPanel(props: EntryPanelProps) {
  const { plot, position, variable, variables, recorded, recorder, timepoint, unusualNote, confirmingUnusual, actions, afterSave, onAfterSaveChange, onRecord, onEarlierSelect, onVariableChange } = props;
  const { entry } = recorder;
  const variableSelectId = useId();
  const hintId = useId();
  const latest = plot.latest[variable.id] ?? null;
  const label = `${variable.name} for plot ${plot.plotNumber}`;
  // Hints wait until typing pauses, so "1" on the way to "15" is not flagged.
  const paused = useSettledValue(entry.draft, 600) === entry.draft;
  const typing = entry.status === 'editing' && entry.draft.trim() !== '';
  const check = typing && paused && !isChoiceScale(variable) ? checkValue(variable, entry.draft) : null;
  const unusual = unusualNote && (paused || confirmingUnusual) ? unusualNote : null;
  const currentLabel = latest && variable.scaleType === 'ordinal' ? categoryLabel(variable, latest.value) : null;
  // While the person walks from plot to plot, the value history is read only where they stop.
  const cell = `${plot.id}/${variable.id}`;
  const historyShown = useSettledValue(cell, historySettleMs) === cell;

  return (
    <aside className="entry-panel" aria-label="Record a value" data-testid="entry-panel">
      <div className="entry-plot">
        <div className="entry-plot-heading">
          <h2>
            <span className="entry-plot-word">Plot</span> <span data-testid="entry-plot-number">{plot.plotNumber}</span>
          </h2>
          <span className="entry-position">
            {position.index + 1} of {position.count}
          </span>
        </div>
        <p className="entry-germplasm">{plot.germplasmName ?? 'No germplasm'}</p>
        <dl className="entry-facts">
          {facts(plot).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value ?? '—'}</dd>
            </div>
          ))}
        </dl>
      <label className="after-save">
        <span>After Enter saves</span>
        <select className="input input-small" value={afterSave} onChange={(event) => onAfterSaveChange(event.target.value as AfterSave)} data-testid="after-save">
          {afterSaveModes.map((mode) => (
            <option key={mode} value={mode}>
              {afterSaveLabels[mode]}
            </option>
          ))}
        </select>
      </label>
        <div className="entry-plot-nav">
          <button type="button" className="button button-small" disabled={position.index === 0} onClick={() => actions.move(-1)}>
            ↑ Previous plot
          </button>
          <button type="button" className="button button-small" disabled={position.index + 1 >= position.count} onClick={() => actions.move(1)}>
            Next plot ↓
          </button>
        </div>
      </div>

      <div className="entry-body">
        <div className="field">
          <label htmlFor={variableSelectId}>Trait</label>
          <select id={variableSelectId} className="input" value={variable.id} onChange={(event) => onVariableChange(event.target.value)}>
            {variables.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name} ({recorded.get(v.id) ?? 0}/{position.count})
              </option>
            ))}
          </select>
        </div>

        <div className="entry-variable">
          <p className="entry-variable-name">{variable.name}</p>
          <p id={hintId} className="entry-hint">
            {scaleHint(variable)}
          </p>
        </div>

        <EntryWidget
          variable={variable}
          entry={entry}
          currentValue={latest?.value ?? null}
          label={label}
          describedBy={hintId}
          actions={actions}
          onEdit={recorder.edit}
          onRecord={onRecord}
        />

        <EntryStatus entry={entry} variable={variable} plotNumber={plot.plotNumber} onUndo={() => void recorder.undo()} />
        {recorder.earlier ? (
          <EarlierSaveStatus save={recorder.earlier} variables={variables} onUndo={() => void recorder.undo()} onSelect={onEarlierSelect} />
        ) : null}

        {entry.status === 'refused' || entry.status === 'failed' ? (
          <div className="entry-refusal" role="alert" data-testid="entry-refusal">
            <p className="entry-refusal-title">{entry.status === 'refused' ? 'Not saved' : 'Not saved: Field Station could not save it'}</p>
            <p>{entry.message}</p>
          </div>
        ) : check && !check.ok ? (
          <p className="entry-check" data-testid="entry-check">
            {check.message}
          </p>
        ) : unusual ? (
          <p className="entry-check" role={confirmingUnusual ? 'alert' : undefined} data-testid="entry-unusual">
            {unusual} {confirmingUnusual ? <strong>Press Enter again to save it anyway.</strong> : 'Enter, then Enter again, saves it anyway.'}
          </p>
        ) : null}

        <div className="entry-current" data-testid="entry-current">
          <span className="entry-current-label">Current value{timepoint ? ` at ${timepoint}` : ''}</span>
          {latest ? (
            <span>
              <strong>{displayValue(variable, latest.value, true)}</strong>
              {currentLabel ? ` · ${currentLabel}` : ''}
            </span>
          ) : (
            <span className="muted">none recorded yet</span>
          )}
        </div>

        {historyShown ? <ValueHistory unitId={plot.id} variable={variable} /> : <p className="history-note">Loading…</p>}

        <PlotNote plotId={plot.id} plotNumber={plot.plotNumber} />

        <PlotHistory plotId={plot.id} plotNumber={plot.plotNumber} />
      </div>

      <dl className="key-hints" aria-label="Keyboard">
        <div>
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd data-testid="enter-hint">{afterSaveHints[afterSave]}</dd>
        </div>
        <div>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>cancel what you typed</dd>
        </div>
        <div>
          <dt>
            <kbd>Ctrl</kbd> <kbd>Z</kbd>
          </dt>
          <dd>undo the value just saved</dd>
        </div>
        <div>
          <dt>
            <kbd>↑</kbd> <kbd>↓</kbd>
          </dt>
          <dd>previous / next plot</dd>
        </div>
      </dl>
    </aside>
  );
}
