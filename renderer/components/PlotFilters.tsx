import { memo } from 'react';
import { formatCount } from '../format/value-text';
import { isFiltering, type PlotFilter } from '../recording/plot-filter';

interface PlotFiltersProps {
  filter: PlotFilter;
  blocks: readonly number[];
  replicates: readonly number[];
  /** Plots passing the filter, and in the study. */
  shown: number;
  total: number;
  onChange(filter: PlotFilter): void;
}

const numberOrNull = (text: string): number | null => (text === '' ? null : Number(text));

/** Block, replicate, entry and "unscored only": narrows both the grid and the list. */
export const PlotFilters = memo(function PlotFilters({ filter, blocks, replicates, shown, total, onChange }: PlotFiltersProps) {
  const filtering = isFiltering(filter);
  return (
    <div className="plot-filters" role="group" aria-label="Filter plots" data-testid="plot-filters">
      {blocks.length > 1 ? (
        <label className="toolbar-field">
          <span>Block</span>
          <select
            className="input input-small"
            value={filter.block ?? ''}
            onChange={(event) => onChange({ ...filter, block: numberOrNull(event.target.value) })}
          >
            <option value="">All</option>
            {blocks.map((block) => (
              <option key={block} value={block}>
                {block}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {replicates.length > 1 ? (
        <label className="toolbar-field">
          <span>Rep</span>
          <select
            className="input input-small"
            value={filter.replicate ?? ''}
            onChange={(event) => onChange({ ...filter, replicate: numberOrNull(event.target.value) })}
          >
            <option value="">All</option>
            {replicates.map((replicate) => (
              <option key={replicate} value={replicate}>
                {replicate}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="toolbar-field">
        <span>Entry</span>
        <input
          className="input input-small filter-entry"
          type="search"
          value={filter.entry}
          placeholder="12, 40-45 or a name"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange({ ...filter, entry: event.target.value })}
        />
      </label>
      <label className="toolbar-check">
        <input type="checkbox" checked={filter.unscoredOnly} onChange={(event) => onChange({ ...filter, unscoredOnly: event.target.checked })} />
        <span>Unscored only</span>
      </label>
      {filtering ? (
        <>
          <span className="filter-count" data-testid="filter-count">
            {formatCount(shown)} of {formatCount(total)} plots
          </span>
          <button type="button" className="button button-small button-ghost" onClick={() => onChange({ block: null, replicate: null, entry: '', unscoredOnly: false })}>
            Clear filters
          </button>
        </>
      ) : null}
    </div>
  );
});
