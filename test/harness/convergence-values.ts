// Random but valid field values for the convergence scenarios, drawn from the scenario's seeded
// generator. Every value is one a user could enter (the test is about sync, not validation), with
// the awkward cases mixed in: non-ASCII text, time zones, nulls, nested JSON with nulls, geometry,
// numeric text with trailing zeros, and bytes of every value. Notes are edited as Yjs documents.
import type { EntityName } from '../../common/entities';
import type { NoteEdit, NoteMark } from '../../common/notes/note-document';
import type { SeededRandom } from '../../main/demo/seeded-random';
import type { StationSession } from '../../main/stations/station-session';

/** Names rows as they are created; `RowRegistry` and its reserved blocks. */
export interface RowNaming {
  /** `order` names the row after an existing number instead of a new one (a note after its subject). */
  register(entity: EntityName, id: string, creator: number, order?: number): string;
  label(id: string): string;
  order(id: string): number;
  creator(id: string): number | undefined;
}

/** Rows of the scenario, in creation order: how random picks stay the same on a replay. */
export class RowRegistry implements RowNaming {
  private readonly rows = new Map<string, { entity: EntityName; label: string; order: number; creator: number }>();
  private next = 0;

  register(entity: EntityName, id: string, creator: number, order?: number): string {
    const number = order ?? ++this.next;
    const label = `${labelPrefix[entity]}${number}`;
    this.rows.set(id, { entity, label, order: number, creator });
    return label;
  }

  /**
   * Numbers set aside for rows created while a sync runs, so that two devices writing at the same
   * time still name (and later pick) their rows in the same order on every replay.
   */
  reserve(size: number): RowNaming {
    const numbers = Array.from({ length: size }, () => ++this.next);
    return {
      register: (entity, id, creator, order) => {
        if (order !== undefined) return this.register(entity, id, creator, order);
        const number = numbers.shift();
        if (number === undefined) throw new Error('the reserved block of row numbers is used up');
        return this.register(entity, id, creator, number);
      },
      label: (id) => this.label(id),
      order: (id) => this.order(id),
      creator: (id) => this.creator(id),
    };
  }

  label(id: string): string {
    return this.rows.get(id)?.label ?? `?${id.slice(-6)}`;
  }

  order(id: string): number {
    return this.rows.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  }

  creator(id: string): number | undefined {
    return this.rows.get(id)?.creator;
  }
}

const labelPrefix: Record<EntityName, string> = {
  tenants: 'tenant', users: 'user', devices: 'device', locations: 'L', germplasm: 'G', programs: 'P', trials: 'T',
  studies: 'S', observation_units: 'U', observation_variables: 'V', study_variables: 'SV', observations: 'O',
  stock_batches: 'B', stock_movements: 'M', photos: 'PH', notes: 'N',
  stock_counts: 'C', stock_count_lines: 'CL', stock_count_explanations: 'CE',
};

/** What a value generator may use: the generator, the replica (to pick rows) and a unique suffix source. */
export interface ValueContext {
  rng: SeededRandom;
  session: StationSession;
  registry: RowNaming;
  /** A code no other row of the tenant has (codes are unique per tenant). */
  uniqueCode(prefix: string): string;
}

const words = ['north', 'early', 'dwarf', 'late', 'red', 'spring', 'tall', 'Wägeningen', 'ß-line', '育種', 'élite', 'O\'Brien', 'trial "B"'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const phrase = (rng: SeededRandom): string => `${rng.pick(words)} ${rng.pick(words)}`;
export const maybe = <T>(rng: SeededRandom, probability: number, value: () => T): T | null => (rng.chance(probability) ? value() : null);
export const date = (rng: SeededRandom): string => `2026-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;

export function timestamp(rng: SeededRandom): string {
  const zone = rng.pick(['Z', '+02:00', '-05:30', '+00:00']);
  return `2026-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}T${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}.${pad(rng.int(0, 999), 3)}${zone}`;
}

/** Coordinates with four decimals, built from integers so they survive PostGIS exactly. */
export function geometry(rng: SeededRandom): Record<string, unknown> {
  const lon = 56_000 + rng.int(0, 9_000);
  const lat = 519_000 + rng.int(0, 9_000);
  const at = (dLon: number, dLat: number): number[] => [(lon + dLon) / 10_000, (lat + dLat) / 10_000];
  if (rng.chance(0.5)) return { type: 'Point', coordinates: at(0, 0) };
  const size = rng.int(1, 40);
  return { type: 'Polygon', coordinates: [[at(0, 0), at(size, 0), at(size, size), at(0, size), at(0, 0)]] };
}

/**
 * A note edit drawn before the note is read: where it goes is a fraction of the text's length, so
 * it lands on whatever text the replica holds when it runs. Mostly typing (sometimes bold or
 * italic), sometimes formatting a stretch; never deleting, so every edit's text must survive.
 */
export interface NoteEditPlan {
  at: number;
  text: string;
  marks: NoteMark[];
  format: { length: number; marks: Partial<Record<NoteMark, boolean>> } | null;
  summary: string;
}

export function noteEditPlan(rng: SeededRandom): NoteEditPlan {
  const at = rng.next();
  if (rng.chance(0.15)) {
    const format = { length: rng.int(1, 12), marks: rng.pick([{ bold: true }, { italic: true }, { bold: false }, { italic: false, bold: true }]) };
    return { at, text: '', marks: [], format, summary: `format ${format.length} at ${at.toFixed(2)} ${JSON.stringify(format.marks)}` };
  }
  const text = `${rng.chance(0.3) ? '\n' : ' '}${phrase(rng)} ${rng.int(1, 999)}`;
  const marks = rng.pick<NoteMark[]>([[], [], [], ['bold'], ['italic'], ['bold', 'italic']]);
  return { at, text, marks, format: null, summary: `type ${JSON.stringify(text)} at ${at.toFixed(2)}${marks.length > 0 ? ` ${marks.join('+')}` : ''}` };
}

/** The plan as an edit of a text of `length` UTF-16 units. */
export function noteEdit(plan: NoteEditPlan, length: number): NoteEdit {
  const index = Math.floor(plan.at * (length + 1));
  return plan.format ? { kind: 'format', index, length: plan.format.length, marks: plan.format.marks } : { kind: 'insert', index, text: plan.text, marks: plan.marks };
}

/** Money and quantities as numbers or decimal text, sometimes with trailing zeros. */
export function decimal(rng: SeededRandom): number | string {
  const cents = rng.int(1, 99_999);
  return rng.pick([() => cents / 100, () => (cents / 100).toFixed(3), () => String(rng.int(1, 500))])();
}

export function attributes(rng: SeededRandom): Record<string, unknown> {
  return { shade: rng.chance(0.5), irrigation: rng.pick(['drip', 'none', null]), scores: [rng.int(1, 9), null], note: maybe(rng, 0.5, () => phrase(rng)) };
}

/** Live (not deleted) row ids of an entity on this replica, in scenario creation order. */
export async function liveIds(context: ValueContext, entity: EntityName, where = '', params: unknown[] = []): Promise<string[]> {
  const rows = await context.session.replica.query<{ id: string }>(`SELECT id FROM ${entity} WHERE NOT deleted ${where}`, params);
  return rows.map((row) => row.id).sort((a, b) => context.registry.order(a) - context.registry.order(b) || a.localeCompare(b));
}

export async function pickLive(context: ValueContext, entity: EntityName, where = '', params: unknown[] = []): Promise<string | null> {
  const ids = await liveIds(context, entity, where, params);
  return ids.length === 0 ? null : context.rng.pick(ids);
}

async function maybeLive(context: ValueContext, entity: EntityName, probability: number): Promise<string | null> {
  const id = await pickLive(context, entity);
  return context.rng.chance(probability) ? id : null;
}

const childKinds: Record<string, string[]> = {
  station: ['greenhouse', 'field'], greenhouse: ['compartment'], field: ['compartment'], compartment: ['bench'], bench: ['bin'], bin: [],
};
const batchKinds: [string, string][] = [['seed-lot', 'seeds'], ['seed-lot', 'grams'], ['plant-batch', 'plants'], ['tray', 'trays'], ['material', 'grams']];
const scales: Record<string, unknown>[] = [
  { scale_type: 'numeric', unit: 'cm', minimum: 0, maximum: 300, decimal_places: 1 },
  { scale_type: 'ordinal', minimum: 1, maximum: 9 },
  { scale_type: 'categorical', categories: [{ value: 'low', label: 'Low' }, { value: 'mid', label: 'Medium' }, { value: 'high', label: 'High' }] },
  { scale_type: 'text' },
];

type Fields = Record<string, unknown>;
type FieldMaker = (context: ValueContext, rowId: string) => Promise<unknown>;
const value = (make: (rng: SeededRandom) => unknown): FieldMaker => async (context) => make(context.rng);

/** New rows: the fields of an insert, or null when the replica lacks what the row needs. */
export const creators: Partial<Record<EntityName, (context: ValueContext, label: string) => Promise<Fields | null>>> = {
  germplasm: async ({ rng }, label) => ({
    name: `${label} ${phrase(rng)}`, accession_number: maybe(rng, 0.6, () => `ACC-${rng.int(1, 9999)}`),
    species: maybe(rng, 0.7, () => rng.pick(['Triticum aestivum', 'Hordeum vulgare', 'Zea mays'])), pedigree: maybe(rng, 0.3, () => 'A/B//C'),
  }),
  programs: async ({ rng }, label) => ({ name: `${label} ${phrase(rng)}`, description: maybe(rng, 0.5, () => phrase(rng)) }),
  locations: async (context, label) => {
    const { rng } = context;
    const parentId = rng.chance(0.7) ? await pickLive(context, 'locations', `AND kind <> 'bin'`) : null;
    const parentKind = parentId ? (await context.session.replica.query<{ kind: string }>('SELECT kind FROM locations WHERE id = $1', [parentId]))[0]?.kind : undefined;
    const kind = parentKind ? rng.pick(childKinds[parentKind] ?? ['bench']) : 'station';
    return { parent_id: parentId, kind, code: context.uniqueCode('LOC'), name: `${label} ${phrase(rng)}`, geometry: maybe(rng, 0.5, () => geometry(rng)) };
  },
  trials: async (context, label) => {
    const { rng } = context;
    return { program_id: await maybeLive(context, 'programs', 0.7), name: `${label} ${phrase(rng)}`, description: maybe(rng, 0.4, () => phrase(rng)), start_date: maybe(rng, 0.6, () => date(rng)) };
  },
  studies: async (context, label) => {
    const { rng } = context;
    const trialId = await pickLive(context, 'trials');
    if (!trialId) return null;
    return {
      trial_id: trialId, location_id: await maybeLive(context, 'locations', 0.6), name: `${label} ${phrase(rng)}`,
      season: maybe(rng, 0.5, () => `2026 ${rng.pick(['spring', 'summer'])}`), layout_rows: maybe(rng, 0.5, () => rng.int(1, 20)),
      layout_columns: maybe(rng, 0.5, () => rng.int(1, 20)), start_date: maybe(rng, 0.5, () => date(rng)),
    };
  },
  observation_units: async (context) => {
    const { rng } = context;
    const studyId = await pickLive(context, 'studies');
    if (!studyId) return null;
    return {
      study_id: studyId, kind: rng.pick(['plot', 'plant']), plot_number: rng.int(1, 500), block: maybe(rng, 0.5, () => rng.int(1, 4)),
      replicate: maybe(rng, 0.5, () => rng.int(1, 3)), germplasm_id: await maybeLive(context, 'germplasm', 0.6),
      barcode: maybe(rng, 0.5, () => `P${rng.int(1, 99999)}`), geometry: maybe(rng, 0.3, () => geometry(rng)), attributes: maybe(rng, 0.4, () => attributes(rng)),
    };
  },
  observation_variables: async ({ rng }, label) => ({ name: `${label} ${phrase(rng)}`, trait: rng.pick(['height', 'disease', 'vigour', 'lodging']), ...rng.pick(scales) }),
  stock_batches: async (context) => {
    const { rng } = context;
    const [kind, unit] = rng.pick(batchKinds);
    return {
      code: context.uniqueCode('LOT'), kind, unit, barcode: maybe(rng, 0.4, () => `B${rng.int(1, 99999)}`), germplasm_id: await maybeLive(context, 'germplasm', 0.6),
      received_on: maybe(rng, 0.5, () => date(rng)), parent_batch_id: await maybeLive(context, 'stock_batches', 0.3), unit_cost: maybe(rng, 0.5, () => decimal(rng)),
    };
  },
  photos: async (context) => {
    const { rng } = context;
    return {
      sha256: Array.from({ length: 64 }, () => rng.pick([...'0123456789abcdef'])).join(''), mime_type: 'image/jpeg', byte_size: rng.int(1_000, 9_000_000),
      taken_at: maybe(rng, 0.6, () => timestamp(rng)), latitude: maybe(rng, 0.5, () => rng.int(519_000, 520_000) / 10_000),
      longitude: maybe(rng, 0.5, () => rng.int(56_000, 57_000) / 10_000), subject_kind: 'observation-unit',
      subject_id: await maybeLive(context, 'observation_units', 0.7), created_by: context.session.identity.userId,
    };
  },
};

/** Fields a user edits on an existing row, and how a new value is drawn. */
export const editors: Partial<Record<EntityName, Record<string, FieldMaker>>> = {
  germplasm: {
    name: value((rng) => `G ${phrase(rng)}`), accession_number: value((rng) => maybe(rng, 0.7, () => `ACC-${rng.int(1, 9999)}`)),
    species: value((rng) => rng.pick(['Triticum durum', 'Avena sativa', null])), pedigree: value((rng) => maybe(rng, 0.5, () => `${phrase(rng)}/X`)),
  },
  programs: { name: value((rng) => `P ${phrase(rng)}`), description: value((rng) => maybe(rng, 0.7, () => phrase(rng))) },
  locations: {
    name: value((rng) => `L ${phrase(rng)}`), code: async (context) => context.uniqueCode('LOC'), geometry: value((rng) => maybe(rng, 0.7, () => geometry(rng))),
    archived_at: value((rng) => maybe(rng, 0.4, () => timestamp(rng))),
    parent_id: async (context, rowId) => {
      // Never under itself or its own subtree on this replica (other replicas may still make a cycle).
      const subtree = `AND id NOT IN (WITH RECURSIVE below AS (SELECT id FROM locations WHERE id = $1
        UNION SELECT l.id FROM locations l JOIN below ON l.parent_id = below.id) SELECT id FROM below)`;
      const parentId = await pickLive(context, 'locations', subtree, [rowId]);
      return context.rng.chance(0.8) ? parentId : null;
    },
  },
  trials: {
    name: value((rng) => `T ${phrase(rng)}`), description: value((rng) => maybe(rng, 0.7, () => phrase(rng))), start_date: value((rng) => maybe(rng, 0.8, () => date(rng))),
    end_date: value((rng) => maybe(rng, 0.8, () => date(rng))), program_id: (context) => maybeLive(context, 'programs', 0.8),
  },
  studies: {
    name: value((rng) => `S ${phrase(rng)}`), season: value((rng) => maybe(rng, 0.8, () => `2027 ${rng.pick(['spring', 'autumn'])}`)),
    design: value((rng) => rng.pick(['RCBD', 'alpha-lattice', null])), layout_rows: value((rng) => maybe(rng, 0.8, () => rng.int(1, 30))),
    layout_columns: value((rng) => maybe(rng, 0.8, () => rng.int(1, 30))), start_date: value((rng) => maybe(rng, 0.8, () => date(rng))),
    location_id: (context) => maybeLive(context, 'locations', 0.8),
  },
  observation_units: {
    plot_number: value((rng) => rng.int(1, 500)), block: value((rng) => maybe(rng, 0.8, () => rng.int(1, 4))), replicate: value((rng) => maybe(rng, 0.8, () => rng.int(1, 3))),
    germplasm_id: (context) => maybeLive(context, 'germplasm', 0.8), barcode: value((rng) => maybe(rng, 0.8, () => `P${rng.int(1, 99999)}`)),
    geometry: value((rng) => maybe(rng, 0.7, () => geometry(rng))), attributes: value((rng) => maybe(rng, 0.8, () => attributes(rng))),
  },
  observation_variables: {
    name: value((rng) => `V ${phrase(rng)}`),
    method: value((rng) => maybe(rng, 0.7, () => phrase(rng))), description: value((rng) => maybe(rng, 0.7, () => phrase(rng))),
  },
  study_variables: { position: value((rng) => rng.int(1, 40)) },
  stock_batches: {
    code: async (context) => context.uniqueCode('LOT'), barcode: value((rng) => maybe(rng, 0.7, () => `B${rng.int(1, 99999)}`)),
    source: value((rng) => maybe(rng, 0.7, () => phrase(rng))), received_on: value((rng) => maybe(rng, 0.8, () => date(rng))),
    unit_cost: value((rng) => maybe(rng, 0.8, () => decimal(rng))), germplasm_id: (context) => maybeLive(context, 'germplasm', 0.8),
  },
  photos: {
    taken_at: value((rng) => maybe(rng, 0.8, () => timestamp(rng))), latitude: value((rng) => maybe(rng, 0.8, () => rng.int(519_000, 520_000) / 10_000)),
    width: value((rng) => maybe(rng, 0.8, () => rng.int(100, 8000))), height: value((rng) => maybe(rng, 0.8, () => rng.int(100, 8000))),
  },
};

export interface ScaleRow {
  scale_type: string;
  minimum: number | null;
  maximum: number | null;
  categories: { value: string }[] | null;
}

/** A valid value for an observation of a variable with this scale (as the replica knows it now). */
export function observationValue(rng: SeededRandom, scale: ScaleRow): string {
  switch (scale.scale_type) {
    case 'numeric':
      return String(rng.int((scale.minimum ?? 0) * 10, (scale.maximum ?? 300) * 10) / 10);
    case 'ordinal':
      return String(rng.int(scale.minimum ?? 1, scale.maximum ?? 9));
    case 'categorical':
      return rng.pick((scale.categories ?? [{ value: 'low' }]).map((category) => category.value));
    default:
      return `${phrase(rng)} ${rng.int(1, 99)}`;
  }
}
