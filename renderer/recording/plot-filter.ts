import type { PlotRow } from '../../common/api-contract';

/** What narrows the plots shown in the grid and the list (and walked by "next plot"). */
export interface PlotFilter {
  block: number | null;
  replicate: number | null;
  /** Entry numbers and ranges ("12", "4, 9-11"), or part of a germplasm name ("FS-2026-01"). */
  entry: string;
  /** Only plots still missing a value of one of the walk's traits. */
  unscoredOnly: boolean;
}

export const noFilter: PlotFilter = { block: null, replicate: null, entry: '', unscoredOnly: false };

export function isFiltering(filter: PlotFilter): boolean {
  return filter.block !== null || filter.replicate !== null || filter.entry.trim() !== '' || filter.unscoredOnly;
}

const numberList = /^\s*\d+(\s*-\s*\d+)?(\s*[,;\s]\s*\d+(\s*-\s*\d+)?)*\s*$/;

/** A test for the entry box's text; null when it is empty (everything matches). */
export function entryMatcher(text: string): ((plot: PlotRow) => boolean) | null {
  const wanted = text.trim();
  if (wanted === '') return null;
  if (numberList.test(wanted)) {
    const ranges = wanted
      .replace(/\s*-\s*/g, '-')
      .split(/[\s,;]+/)
      .map((part) => {
        const [low = 0, high = low] = part.split('-').map(Number);
        return [Math.min(low, high), Math.max(low, high)] as const;
      });
    return (plot) => {
      const entry = plot.entryNumber;
      return entry !== null && ranges.some(([low, high]) => entry >= low && entry <= high);
    };
  }
  const lower = wanted.toLowerCase();
  return (plot) => plot.germplasmName?.toLowerCase().includes(lower) ?? false;
}

/** The block, replicate and entry parts of the filter: where a plot is and what grows in it. */
export function layoutMatcher(filter: PlotFilter): ((plot: PlotRow) => boolean) | null {
  const { block, replicate } = filter;
  const entry = entryMatcher(filter.entry);
  if (block === null && replicate === null && entry === null) return null;
  return (plot) => (block === null || plot.block === block) && (replicate === null || plot.replicate === replicate) && (entry === null || entry(plot));
}

/** A plot is scored when it holds a value of every trait of the walk. */
export function isScored(plot: PlotRow, variableIds: readonly string[]): boolean {
  for (const id of variableIds) if (!plot.latest[id]) return false;
  return true;
}

/** The blocks and replicates the study's plots are in, for the filter's choices. */
export function filterChoices(plots: readonly PlotRow[]): { blocks: number[]; replicates: number[] } {
  const blocks = new Set<number>();
  const replicates = new Set<number>();
  for (const plot of plots) {
    if (plot.block !== null) blocks.add(plot.block);
    if (plot.replicate !== null) replicates.add(plot.replicate);
  }
  const sorted = (values: Set<number>): number[] => [...values].sort((a, b) => a - b);
  return { blocks: sorted(blocks), replicates: sorted(replicates) };
}

/** The plots (in walking order) that pass every part of the filter. Returns `ordered` itself when nothing filters. */
export function filterPlots(ordered: readonly PlotRow[], filter: PlotFilter, walkVariableIds: readonly string[]): readonly PlotRow[] {
  const layout = layoutMatcher(filter);
  if (!layout && !filter.unscoredOnly) return ordered;
  return ordered.filter((plot) => (layout === null || layout(plot)) && !(filter.unscoredOnly && isScored(plot, walkVariableIds)));
}

/**
 * The rows to walk: the plots that pass the filter, plus the selected plot even when it no longer
 * does (it was just scored, say), so "save, then Enter for the next plot" keeps its place.
 */
export function withSelected(ordered: readonly PlotRow[], matching: readonly PlotRow[], matchingIds: ReadonlySet<string> | null, selectedId: string | null): readonly PlotRow[] {
  if (matchingIds === null || selectedId === null || matchingIds.has(selectedId)) return matching;
  if (!ordered.some((p) => p.id === selectedId)) return matching;
  return ordered.filter((p) => p.id === selectedId || matchingIds.has(p.id));
}
