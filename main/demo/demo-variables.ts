import { newId } from '../../common/ids';
import type { ScaleType } from '../../common/vocabulary';
import type { TableCopy } from './csv-rows';
import type { SeededRandom } from './seeded-random';

/** What an entry brings to every plot it is sown in: the genetic part of its trait values. */
export interface GenotypeProfile {
  heightCm: number;
  susceptibility: number;
  floweringDays: number;
  vigour: number;
  germinationRate: number;
}

export function randomProfile(random: SeededRandom): GenotypeProfile {
  return {
    heightCm: random.normal(90, 10),
    susceptibility: random.normal(4.5, 1.4),
    floweringDays: random.normal(62, 4),
    vigour: random.normal(0, 1),
    germinationRate: Math.min(0.99, random.normal(0.86, 0.06)),
  };
}

/** One plot's circumstances when it is scored. */
export interface ScoringContext {
  profile: GenotypeProfile;
  /** The replicate's (environmental) effect on height, in cm. */
  repEffectCm: number;
  sowingMs: number;
  /** Days after sowing for repeated measures; null for a single measurement. */
  das: number | null;
}

export interface GeneratedValue {
  value: string;
  numeric: number | null;
  observedAtMs: number;
}

type Generate = (random: SeededRandom, context: ScoringContext, das: number) => { value: string; numeric: number | null };

interface VariableSpec {
  name: string;
  trait: string;
  method: string;
  scaleType: Exclude<ScaleType, 'photo'>;
  unit: string | null;
  minimum: number | null;
  maximum: number | null;
  decimalPlaces: number | null;
  categories: { value: string; label: string }[] | null;
  description: string;
  /** When a single measurement of it is usually taken, in days after sowing. */
  typicalDas: (random: SeededRandom, context: ScoringContext) => number;
  generate: Generate;
}

export interface DemoVariable extends VariableSpec {
  id: string;
}

const dayMs = 86_400_000;
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
const growth = (das: number, midpoint: number, spread: number): number => 1 / (1 + Math.exp(-(das - midpoint) / spread));
const numberValue = (numeric: number): { value: string; numeric: number } => ({ value: String(numeric), numeric });

const diseaseLabels = [
  'No symptoms', 'Trace', 'Very light', 'Light', 'Moderate', 'Moderately severe', 'Severe', 'Very severe', 'Plant dead',
];

const remarks = [
  'Bird damage at the row end',
  'Uneven emergence, re-check next visit',
  'Label faded; re-tagged',
  'Aphids on the flag leaf',
  'Lodged after the storm, "partial" only',
  'Border effect: next to the path',
  'Mixed plot?\nOff-types in the second row',
  'Waterlogged corner',
  'Looks good',
  'Sampled 5 plants for DNA',
];

function floweringDayMs(context: ScoringContext, random: SeededRandom): number {
  const days = Math.round(context.profile.floweringDays + random.normal(0, 1.5));
  return context.sowingMs + days * dayMs;
}

const specs: VariableSpec[] = [
  {
    name: 'Germination count', trait: 'Germination', method: 'Count emerged seedlings of the 50 sown', scaleType: 'counter',
    unit: 'seedlings', minimum: 0, maximum: 50, decimalPlaces: 0, categories: null,
    description: 'Seedlings emerged per plot, counted about two weeks after sowing.',
    typicalDas: (random) => random.int(12, 16),
    generate: (random, c) => numberValue(Math.round(clamp(50 * c.profile.germinationRate + random.normal(0, 2), 0, 50))),
  },
  {
    name: 'Vigour', trait: 'Early vigour', method: 'Visual score of the whole plot', scaleType: 'categorical',
    unit: null, minimum: null, maximum: null, decimalPlaces: null,
    categories: [{ value: 'low', label: 'Low' }, { value: 'medium', label: 'Medium' }, { value: 'high', label: 'High' }],
    description: 'Early vigour compared with the neighbouring plots.',
    typicalDas: (random) => random.int(19, 24),
    generate: (random, c) => {
      const score = c.profile.vigour + random.normal(0, 0.7);
      return { value: score < -0.6 ? 'low' : score > 0.6 ? 'high' : 'medium', numeric: null };
    },
  },
  {
    name: 'Ground cover', trait: 'Canopy cover', method: 'Visual estimate of soil covered by green canopy', scaleType: 'percent',
    unit: '%', minimum: 0, maximum: 100, decimalPlaces: 0, categories: null,
    description: 'Share of the plot area covered by canopy, seen from above.',
    typicalDas: (random) => random.int(33, 38),
    generate: (random, c, das) =>
      numberValue(Math.round(clamp(95 * growth(das, 40, 9) * (1 + 0.08 * c.profile.vigour) + random.normal(0, 4), 0, 100))),
  },
  {
    name: 'Plant height', trait: 'Plant height', method: 'Ruler, soil to tip of the ear, mean of 3 plants', scaleType: 'numeric',
    unit: 'cm', minimum: 0, maximum: 250, decimalPlaces: 1, categories: null,
    description: 'Height of the main stem from the soil to the tip of the ear (awns excluded).',
    typicalDas: (random) => random.int(82, 88),
    generate: (random, c, das) => {
      const final = c.profile.heightCm + c.repEffectCm + random.normal(0, 5);
      return numberValue(Math.round(clamp(final * growth(das, 45, 10), 0, 250) * 10) / 10);
    },
  },
  {
    name: 'Disease score', trait: 'Septoria leaf blotch severity', method: 'Visual score 1–9 on the upper leaves', scaleType: 'ordinal',
    unit: null, minimum: 1, maximum: 9, decimalPlaces: 0,
    categories: diseaseLabels.map((label, i) => ({ value: String(i + 1), label })),
    description: 'Septoria leaf blotch on the top three leaves: 1 no symptoms, 9 plant dead.',
    typicalDas: (random) => random.int(54, 60),
    generate: (random, c, das) =>
      numberValue(Math.round(clamp(1 + (c.profile.susceptibility - 1) * Math.min(1, das / 56) + random.normal(0, 0.8), 1, 9))),
  },
  {
    name: 'Flowering date', trait: 'Flowering time', method: 'Date when half of the ears show anthers', scaleType: 'date',
    unit: null, minimum: null, maximum: null, decimalPlaces: null, categories: null,
    description: 'Date of 50% anthesis in the plot.',
    typicalDas: (_random, c) => Math.round(c.profile.floweringDays) + 5,
    generate: (random, c) => ({ value: new Date(floweringDayMs(c, random)).toISOString().slice(0, 10), numeric: null }),
  },
  {
    name: 'Lodging', trait: 'Lodging', method: 'Any stems leaning more than 45°', scaleType: 'boolean',
    unit: null, minimum: null, maximum: null, decimalPlaces: null, categories: null,
    description: 'Whether any part of the plot has lodged.',
    typicalDas: (random) => random.int(86, 96),
    generate: (random, c) => ({ value: random.chance(0.05 + Math.max(0, (c.profile.heightCm - 90) / 150)) ? 'true' : 'false', numeric: null }),
  },
  {
    name: 'Remarks', trait: 'Remarks', method: 'Free text', scaleType: 'text',
    unit: null, minimum: null, maximum: null, decimalPlaces: null, categories: null,
    description: 'Anything worth telling the breeder about this plot.',
    typicalDas: (random) => random.int(10, 100),
    generate: (random) => ({ value: random.pick(remarks), numeric: null }),
  },
];

/** The 8 variables of the demo studies, in the order a team walks them. */
export function buildVariables(): DemoVariable[] {
  return specs.map((spec) => ({ ...spec, id: newId() }));
}

/** A plausible value for one plot and variable, and when it was recorded. */
export function generateValue(variable: DemoVariable, random: SeededRandom, context: ScoringContext): GeneratedValue {
  const das = context.das ?? variable.typicalDas(random, context);
  const { value, numeric } = variable.generate(random, context, das);
  const hourMs = random.int(6 * 60, 16 * 60) * 60_000 + random.int(0, 59) * 1000;
  return { value, numeric, observedAtMs: context.sowingMs + das * dayMs + hourMs };
}

export const variableFields = [
  'name', 'trait', 'method', 'scale_type', 'unit', 'minimum', 'maximum', 'categories', 'decimal_places', 'description',
] as const;

export async function copyVariables(table: TableCopy<'observation_variables'>, variables: DemoVariable[]): Promise<void> {
  for (const v of variables) {
    await table.add(v.id, [
      v.name, v.trait, v.method, v.scaleType, v.unit, v.minimum, v.maximum, v.categories, v.decimalPlaces, v.description,
    ]);
  }
}
