import { newId } from '../../common/ids';
import type { TableCopy } from './csv-rows';
import type { DemoLocation } from './demo-locations';
import { randomProfile, type GenotypeProfile } from './demo-variables';
import type { SeededRandom } from './seeded-random';

export const replicatesPerStudy = 4;
export const maxPlotsPerStudy = 5000;
const dayMs = 86_400_000;
const firstSowingMs = Date.UTC(2026, 2, 2);
const species = 'Triticum aestivum';

export interface DemoGermplasm {
  id: string;
  name: string;
  accession: string;
  pedigree: string;
  profile: GenotypeProfile;
}

export interface DemoTrial {
  id: string;
  name: string;
  description: string;
  startDate: string;
  endDate: string;
}

export interface DemoStudy {
  id: string;
  index: number;
  trialId: string;
  name: string;
  location: DemoLocation;
  season: string;
  sowingMs: number;
  /** Entries per replicate; the study has 4 × entries plots. */
  entries: number;
  germplasm: DemoGermplasm[];
  blockRows: number;
  columns: number;
  /** Each replicate's environmental effect on plant height, in cm. */
  repEffectsCm: number[];
}

export interface DemoTrialPlan {
  program: { id: string; name: string; description: string };
  trials: DemoTrial[];
  studies: DemoStudy[];
  germplasm: DemoGermplasm[];
}

const trialKinds = [
  { name: 'Spring wheat yield trial 2026', short: 'Yield', description: 'Preliminary yield trial of advanced spring wheat lines.' },
  { name: 'Septoria resistance screen 2026', short: 'Septoria', description: 'Screening of breeding lines for Septoria leaf blotch resistance.' },
];

const parents = ['Ritmo', 'Julius', 'Tybalt', 'Lavett', 'Kampana', 'Cellule', 'Reform', 'Skyfall', 'Hereward', 'Mulika', 'Sahara', 'Granary'];

/** The item at `index`, wrapping around the list. */
function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error('Expected a non-empty list.');
  return item;
}

/** Entries per replicate of each study: at least 2 studies, none over 5,000 plots, sizes as equal as possible. */
export function studySizes(plots: number): number[] {
  const studies = Math.max(2, Math.ceil(plots / maxPlotsPerStudy));
  const entries = plots / replicatesPerStudy;
  const base = Math.floor(entries / studies);
  const extra = entries % studies;
  return Array.from({ length: studies }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Columns per block: a divisor of the entry count near its square root, so blocks are full rectangles. */
function columnsFor(entries: number): number {
  const root = Math.sqrt(entries);
  let best = Math.ceil(root);
  for (let d = Math.max(1, Math.ceil(root / 2)); d <= Math.floor(root * 2); d++) {
    if (entries % d === 0 && (entries % best !== 0 || Math.abs(d - root) < Math.abs(best - root))) best = d;
  }
  return best;
}

function germplasmAt(index: number, random: SeededRandom): DemoGermplasm {
  const number = String(index + 1).padStart(4, '0');
  const mother = random.pick(parents);
  const father = random.pick(parents.filter((p) => p !== mother));
  return {
    id: newId(),
    name: `FS-2026-${number}`,
    accession: `ACC-2026-${number}`,
    pedigree: random.chance(0.3) ? `${mother}*2/${father}` : `${mother}/${father}`,
    profile: randomProfile(random),
  };
}

/** The program, trials (one study each), studies and their entries for `plots` plots in all. */
export function planTrials(plots: number, compartments: readonly DemoLocation[], random: SeededRandom): DemoTrialPlan {
  const program = { id: newId(), name: 'Wheat breeding', description: 'Spring and winter wheat for North-West Europe.' };
  const trials: DemoTrial[] = [];
  const studies: DemoStudy[] = [];
  const germplasm: DemoGermplasm[] = [];
  studySizes(plots).forEach((entries, index) => {
    const kind = itemAt(trialKinds, index);
    const set = Math.floor(index / trialKinds.length) + 1;
    const sowingMs = firstSowingMs + (index % 6) * 7 * dayMs;
    const trial: DemoTrial = {
      id: newId(),
      name: set === 1 ? kind.name : `${kind.name}, set ${set}`,
      description: kind.description,
      startDate: new Date(sowingMs).toISOString().slice(0, 10),
      endDate: new Date(sowingMs + 130 * dayMs).toISOString().slice(0, 10),
    };
    trials.push(trial);
    const location = itemAt(compartments, (index % 3) * 4 + Math.floor(index / 3));
    const entryGermplasm = Array.from({ length: entries }, (_, i) => germplasmAt(germplasm.length + i, random));
    germplasm.push(...entryGermplasm);
    const columns = columnsFor(entries);
    studies.push({
      id: newId(),
      index,
      trialId: trial.id,
      name: `${kind.short} ${set === 1 ? '' : `set ${set} `}${location.code}`,
      location,
      season: '2026 spring',
      sowingMs,
      entries,
      germplasm: entryGermplasm,
      blockRows: Math.ceil(entries / columns),
      columns,
      repEffectsCm: Array.from({ length: replicatesPerStudy }, () => random.normal(0, 3)),
    });
  });
  return { program, trials, studies, germplasm };
}

export interface PlanTables {
  programs: TableCopy<'programs'>;
  trials: TableCopy<'trials'>;
  studies: TableCopy<'studies'>;
  germplasm: TableCopy<'germplasm'>;
}

export const programFields = ['name', 'description'] as const;
export const trialFields = ['program_id', 'name', 'description', 'start_date', 'end_date'] as const;
export const studyFields = [
  'trial_id', 'location_id', 'name', 'season', 'design', 'layout_rows', 'layout_columns', 'start_date',
] as const;
export const germplasmFields = ['name', 'accession_number', 'species', 'pedigree'] as const;

export async function copyPlan(tables: PlanTables, plan: DemoTrialPlan): Promise<void> {
  await tables.programs.add(plan.program.id, [plan.program.name, plan.program.description]);
  for (const t of plan.trials) await tables.trials.add(t.id, [plan.program.id, t.name, t.description, t.startDate, t.endDate]);
  for (const s of plan.studies) {
    const sowing = new Date(s.sowingMs).toISOString().slice(0, 10);
    const row = [s.trialId, s.location.id, s.name, s.season, 'RCBD', s.blockRows * replicatesPerStudy, s.columns, sowing];
    await tables.studies.add(s.id, row);
  }
  for (const g of plan.germplasm) await tables.germplasm.add(g.id, [g.name, g.accession, species, g.pedigree]);
}
