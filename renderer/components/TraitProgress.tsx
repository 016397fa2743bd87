import { memo } from 'react';
import type { VariableSummary } from '../../common/api-contract';
import { formatCount } from '../format/value-text';

interface TraitProgressProps {
  variables: readonly VariableSummary[];
  /** Values recorded per variable id among the plots counted (those in the block, rep and entry filters). */
  recorded: Map<string, number>;
  plotCount: number;
  /** The traits of this walk: what "scored", "unscored only" and "next unscored" look at. */
  walkVariableIds: readonly string[];
  currentVariable: VariableSummary | null;
  onWalkVariablesChange(ids: string[]): void;
}

/** One completion bar per trait (done and left), each with a box to take it into or out of the walk. */
export const TraitProgress = memo(function TraitProgress({ variables, recorded, plotCount, walkVariableIds, currentVariable, onWalkVariablesChange }: TraitProgressProps) {
  const inWalk = new Set(walkVariableIds);
  const toggle = (id: string, on: boolean): void =>
    onWalkVariablesChange(variables.filter((v) => (v.id === id ? on : inWalk.has(v.id))).map((v) => v.id));
  return (
    <div className="trait-progress" role="group" aria-label="Traits in this walk" data-testid="trait-progress">
      <span className="trait-progress-label">Traits in this walk</span>
      {variables.map((variable) => {
        const done = recorded.get(variable.id) ?? 0;
        const left = Math.max(0, plotCount - done);
        const share = plotCount === 0 ? 0 : done / plotCount;
        const active = inWalk.has(variable.id);
        return (
          <label
            key={variable.id}
            className={`trait-chip${active ? ' trait-chip-active' : ''}`}
            title={`${variable.name}: ${formatCount(done)} of ${formatCount(plotCount)} plots done, ${formatCount(left)} left`}
            data-testid={`trait-${variable.name}`}
          >
            <input
              type="checkbox"
              checked={active}
              // The walk needs at least one trait.
              disabled={active && walkVariableIds.length === 1}
              onChange={(event) => toggle(variable.id, event.target.checked)}
              aria-label={`${variable.name} in this walk`}
            />
            <span className="trait-chip-name">{variable.name}</span>
            <span className="trait-chip-bar" aria-hidden="true">
              <span style={{ width: `${Math.round(share * 100)}%` }} />
            </span>
            <span className="trait-chip-count" data-testid="trait-left">
              {left === 0 ? 'done' : `${formatCount(left)} left`}
            </span>
          </label>
        );
      })}
      <span className="trait-progress-actions">
        {walkVariableIds.length < variables.length ? (
          <button type="button" className="button button-small button-ghost" onClick={() => onWalkVariablesChange(variables.map((v) => v.id))}>
            All traits
          </button>
        ) : null}
        {currentVariable && !(walkVariableIds.length === 1 && walkVariableIds[0] === currentVariable.id) ? (
          <button type="button" className="button button-small button-ghost" onClick={() => onWalkVariablesChange([currentVariable.id])}>
            Only {currentVariable.name}
          </button>
        ) : null}
      </span>
    </div>
  );
});
