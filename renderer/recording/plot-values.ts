import type { PlotRow } from '../../common/api-contract';

/** The plots with one plot's current value of a variable set (or, null, cleared), others untouched. */
export function withLatest(plots: PlotRow[], unitId: string, variableId: string, value: string | null): PlotRow[] {
  return plots.map((plot) => {
    if (plot.id !== unitId) return plot;
    const others = Object.entries(plot.latest).filter(([id]) => id !== variableId);
    const latest: PlotRow['latest'] = Object.fromEntries(value === null || value === '' ? others : [...others, [variableId, { value }]]);
    return { ...plot, latest };
  });
}
