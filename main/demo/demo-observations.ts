import { newId } from '../../common/ids';
import type { TableCopy } from './csv-rows';
import type { DemoPlot } from './demo-plots';
import type { DemoStudy } from './demo-trials';
import { generateValue, type DemoVariable } from './demo-variables';
import type { SeededRandom } from './seeded-random';

export interface ObservationPlan {
  /** One label per round of scoring: null for a single measurement, else "14 DAS", "28 DAS", … */
  timepoints: (string | null)[];
  /** How many observations each round records in each study: quotas[round][study]. */
  quotas: number[][];
}

const dasStep = 14;

/**
 * Spreads `total` observations over the studies in proportion to their plot × variable cells. When
 * there are more observations than cells, the plots are scored in several rounds (repeated measures,
 * each with its own timepoint) so the total is met exactly and no cell repeats within a round.
 */
export function planObservations(total: number, cellsPerStudy: readonly number[]): ObservationPlan {
  const cells = cellsPerStudy.reduce((sum, n) => sum + n, 0);
  const rounds = total <= cells ? 1 : Math.ceil(total / cells);
  const timepoints = rounds === 1 ? [null] : Array.from({ length: rounds }, (_, k) => `${dasStep * (k + 1)} DAS`);
  const quotas = timepoints.map((_, k) => {
    const roundTotal = Math.floor(total / rounds) + (k < total % rounds ? 1 : 0);
    let before = 0;
    let assigned = 0;
    return cellsPerStudy.map((studyCells) => {
      before += studyCells;
      const upTo = cells === 0 ? 0 : Math.round((before * roundTotal) / cells);
      const quota = upTo - assigned;
      assigned = upTo;
      return quota;
    });
  });
  return { timepoints, quotas };
}

export interface ObservationSource {
  study: DemoStudy;
  plots: readonly DemoPlot[];
  variables: readonly DemoVariable[];
  plan: ObservationPlan;
  collectorId: string;
  deviceId: string;
}

export const observationFields = [
  'unit_id', 'variable_id', 'value', 'value_number', 'timepoint', 'observed_at', 'collector_id', 'device_id',
] as const;

/**
 * Streams one study's observations into COPY. Cells are chosen by selection sampling (Knuth's
 * algorithm S): every cell equally likely, exactly the quota chosen, in plot and variable order.
 */
export async function copyObservations(
  table: TableCopy<'observations'>,
  source: ObservationSource,
  random: SeededRandom,
): Promise<number> {
  const { study, plots, variables, plan } = source;
  let written = 0;
  for (let round = 0; round < plan.timepoints.length; round++) {
    const timepoint = plan.timepoints[round] ?? null;
    const das = timepoint === null ? null : dasStep * (round + 1);
    let needed = plan.quotas[round]?.[study.index] ?? 0;
    let remaining = plots.length * variables.length;
    for (const plot of plots) {
      const context = {
        profile: plot.germplasm.profile,
        repEffectCm: study.repEffectsCm[plot.replicate - 1] ?? 0,
        sowingMs: study.sowingMs,
        das,
      };
      for (const variable of variables) {
        if (needed > 0 && random.next() * remaining < needed) {
          const generated = generateValue(variable, random, context);
          await table.add(newId(), [
            plot.id,
            variable.id,
            generated.value,
            generated.numeric,
            timepoint,
            new Date(generated.observedAtMs).toISOString(),
            source.collectorId,
            source.deviceId,
          ]);
          needed--;
          written++;
        }
        remaining--;
      }
    }
  }
  return written;
}
