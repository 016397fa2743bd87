import type { PlotRow, VariableSummary } from '../../common/api-contract';

/** How many plots have a current value, per variable id. */
export function countRecorded(plots: readonly PlotRow[], variables: readonly VariableSummary[]): Map<string, number> {
  const counts = new Map(variables.map((v) => [v.id, 0]));
  for (const plot of plots) {
    for (const variableId of Object.keys(plot.latest)) {
      const count = counts.get(variableId);
      if (count !== undefined) counts.set(variableId, count + 1);
    }
  }
  return counts;
}

export interface Selection {
  unitId: string;
  variableId: string;
}

/** Where to pick up: the first variable not yet complete, at its first plot without a value. */
export function resumePoint(plots: readonly PlotRow[], variables: readonly VariableSummary[]): Selection | null {
  const first = plots[0];
  if (!first) return null;
  for (const variable of variables) {
    const missing = plots.find((p) => !p.latest[variable.id]);
    if (missing) return { unitId: missing.id, variableId: variable.id };
  }
  const variable = variables[0];
  return variable ? { unitId: first.id, variableId: variable.id } : null;
}

/**
 * The plot a typed or scanned code names: its barcode (a Field Book unique id is kept as the barcode),
 * its plot number, its id, or else its germplasm's name (the first such plot in the order given,
 * which is the walking order).
 */
export function findPlot(plots: readonly PlotRow[], code: string): PlotRow | null {
  const wanted = code.trim().toLowerCase();
  if (wanted === '') return null;
  return (
    plots.find((p) => p.barcode?.toLowerCase() === wanted) ??
    plots.find((p) => String(p.plotNumber) === wanted) ??
    plots.find((p) => p.id === wanted) ??
    plots.find((p) => p.germplasmName?.toLowerCase() === wanted) ??
    null
  );
}

/** A scanned barcode typed into the entry box by the scanner: jump to its plot instead of saving it. */
export function findPlotByBarcode(plots: readonly PlotRow[], code: string): PlotRow | null {
  const wanted = code.trim().toLowerCase();
  return wanted === '' ? null : (plots.find((p) => p.barcode?.toLowerCase() === wanted) ?? null);
}
