import type { ApiArgs } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { outlineFromGeoJson } from '../../common/stock/geojson-outline';
import { newId } from '../../common/ids';
import { isWithin, placeLocations, placementProblem } from '../../common/stock/location-tree';
import { describeQuantity, toMilli } from '../../common/stock/quantity';
import type { LocationNode } from '../../common/stock/stock-results';
import type { LocationKind, StockUnit } from '../../common/vocabulary';
import type { Replica } from '../replica/replica';
import type { StationSession } from '../stations/station-session';
import { requireRecorder } from './stock-access';
import { locationById, type LocationRow } from './stock-lookups';

/** [id, parent id, kind, code, name, archived at, has geometry] as the query packs them. */
type PackedLocation = [string, string | null, LocationKind, string, string, string | null, boolean];

/**
 * The location tree, depth first; archived locations only when asked for. Read as one JSON value:
 * PGlite hands rows over one by one, slowly, and stock screens ask for the tree often.
 */
export async function listLocationTree(replica: Replica, options: { includeArchived?: boolean } = {}): Promise<LocationNode[]> {
  const [packed] = await replica.query<{ locations: string | null }>(
    `SELECT json_agg(json_build_array(id, parent_id, kind, code, name, archived_at, geometry IS NOT NULL))::text AS locations
       FROM locations WHERE NOT deleted`,
  );
  const rows = (packed?.locations ? (JSON.parse(packed.locations) as PackedLocation[]) : []).map(
    ([id, parentId, kind, code, name, archivedAt, hasGeometry]) => ({ id, parentId, kind, code, name, archivedAt, hasGeometry }),
  );
  return placeLocations(rows)
    .filter((p) => options.includeArchived === true || p.location.archivedAt === null)
    .map(({ location: l, depth, path }) => ({
      id: l.id,
      parentId: l.parentId,
      kind: l.kind,
      code: l.code,
      name: l.name,
      depth,
      path: path.join(' / '),
      archivedAt: l.archivedAt === null ? null : new Date(l.archivedAt).toISOString(),
      hasGeometry: l.hasGeometry,
    }));
}

/** The ids of a location and everything below it, from a listed tree. */
export function subtreeIds(tree: readonly LocationNode[], rootId: string): string[] {
  const parentOf = new Map(tree.map((node) => [node.id, node.parentId]));
  return tree.filter((node) => isWithin(node.id, rootId, parentOf)).map((node) => node.id);
}

export async function locationNode(replica: Replica, id: string): Promise<LocationNode> {
  const node = (await listLocationTree(replica, { includeArchived: true })).find((n) => n.id === id);
  if (!node) throw new AppError('not-found', 'That location is not in this station any more. Refresh the location tree.', { field: 'locationId' });
  return node;
}

/**
 * The ids of a location and everything below it, as a CTE named `subtree` over parameter `param`
 * (UNION, not UNION ALL: a parent cycle left by a merge ends the walk instead of looping).
 */
export function subtreeCte(param: string): string {
  return `RECURSIVE subtree(id) AS (
      SELECT ${param}::uuid
      UNION
      SELECT l.id FROM locations l JOIN subtree s ON l.parent_id = s.id WHERE NOT l.deleted)`;
}

async function liveLocation(replica: Replica, id: string, field: string): Promise<LocationRow> {
  const location = await locationById(replica, id);
  if (!location || location.deleted) {
    throw new AppError('validation', 'That location is not in this station any more. Refresh the location tree and choose another.', { field });
  }
  return location;
}

async function parentFor(replica: Replica, kind: LocationKind, parentId: string | null): Promise<LocationRow | null> {
  const parent = parentId === null ? null : await liveLocation(replica, parentId, 'parentId');
  if (parent?.archived_at) {
    throw new AppError('validation', `${parent.code} is archived: nothing new goes inside it. Choose a location in use.`, { field: 'parentId' });
  }
  const problem = placementProblem(kind, parent);
  if (problem) throw new AppError('validation', problem, { field: 'parentId' });
  return parent;
}

export async function createLocation(session: StationSession, args: ApiArgs<'locations:create'>): Promise<LocationNode> {
  await requireRecorder(session);
  await parentFor(session.replica, args.kind, args.parentId);
  const id = newId();
  await session.write([
    {
      entity: 'locations',
      operation: 'insert',
      rowId: id,
      fields: { parent_id: args.parentId, kind: args.kind, code: args.code, name: args.name, geometry: args.geometry ?? null },
    },
  ]);
  return locationNode(session.replica, id);
}

export async function renameLocation(session: StationSession, args: ApiArgs<'locations:rename'>): Promise<LocationNode> {
  await requireRecorder(session);
  await liveLocation(session.replica, args.locationId, 'locationId');
  const fields: Record<string, unknown> = {};
  if (args.name !== undefined) fields['name'] = args.name;
  if (args.code !== undefined) fields['code'] = args.code;
  await session.write([{ entity: 'locations', operation: 'update', rowId: args.locationId, fields }]);
  return locationNode(session.replica, args.locationId);
}

export async function moveLocation(session: StationSession, args: ApiArgs<'locations:move'>): Promise<LocationNode> {
  await requireRecorder(session);
  const location = await liveLocation(session.replica, args.locationId, 'locationId');
  await parentFor(session.replica, location.kind, args.parentId);
  const parents = await session.replica.query<{ id: string; parent_id: string | null }>('SELECT id, parent_id FROM locations');
  if (isWithin(args.parentId, location.id, new Map(parents.map((p) => [p.id, p.parent_id])))) {
    throw new AppError('validation', `${location.code} cannot go inside itself or inside one of its own locations. Choose a location outside it.`, {
      field: 'parentId',
    });
  }
  await session.write([{ entity: 'locations', operation: 'update', rowId: location.id, fields: { parent_id: args.parentId } }]);
  return locationNode(session.replica, location.id);
}

/**
 * Sets (or, with null, removes) a location's outline from a GeoJSON file's text: a geometry, a
 * Feature, or a collection of one feature, in WGS 84. Drawing one comes with the map.
 */
export async function setLocationOutline(session: StationSession, args: ApiArgs<'locations:set-outline'>): Promise<LocationNode> {
  await requireRecorder(session);
  await liveLocation(session.replica, args.locationId, 'locationId');
  let geometry: unknown = null;
  if (args.geoJson !== null) {
    const outline = outlineFromGeoJson(args.geoJson);
    if (!outline.ok) throw new AppError('validation', outline.message, { field: 'geoJson' });
    geometry = outline.geometry;
  }
  await session.write([{ entity: 'locations', operation: 'update', rowId: args.locationId, fields: { geometry } }]);
  return locationNode(session.replica, args.locationId);
}

export interface Holding {
  batchCode: string;
  locationCode: string;
  quantity: number;
  unit: StockUnit;
}

/** What a location and everything below it hold now (non-zero balances). */
export async function holdingsBelow(replica: Replica, locationId: string): Promise<Holding[]> {
  const rows = await replica.query<{ batch_code: string; location_code: string; quantity: string; unit: StockUnit }>(
    `WITH ${subtreeCte('$1')}
     SELECT b.code AS batch_code, l.code AS location_code, s.quantity::text AS quantity, b.unit
       FROM stock_balances s JOIN subtree t ON t.id = s.location_id
       JOIN stock_batches b ON b.id = s.batch_id JOIN locations l ON l.id = s.location_id
      WHERE s.quantity <> 0
      ORDER BY l.code, b.code`,
    [locationId],
  );
  return rows.map((r) => ({ batchCode: r.batch_code, locationCode: r.location_code, quantity: Number(r.quantity), unit: r.unit }));
}

/**
 * Archives a location and every location in use below it. Refused while anything there still
 * holds stock (a negative balance too: it needs explaining first), with the list of what is there.
 */
export async function archiveLocation(session: StationSession, args: ApiArgs<'locations:archive'>): Promise<LocationNode> {
  await requireRecorder(session);
  const location = await liveLocation(session.replica, args.locationId, 'locationId');
  const holdings = await holdingsBelow(session.replica, location.id);
  if (holdings.length > 0) {
    const listed = holdings
      .slice(0, 5)
      .map((h) => `${h.batchCode} (${describeQuantity(toMilli(String(h.quantity)), h.unit)}) in ${h.locationCode}`)
      .join('; ');
    const more = holdings.length > 5 ? `, and ${holdings.length - 5} more` : '';
    throw new AppError(
      'conflict',
      `${location.code} still holds stock: ${listed}${more}. Move, sow or dispose of it (or count and adjust it) before archiving.`,
      { field: 'locationId', holdings },
    );
  }
  const below = await session.replica.query<{ id: string }>(
    `WITH ${subtreeCte('$1')} SELECT l.id FROM locations l JOIN subtree t ON t.id = l.id WHERE l.archived_at IS NULL AND NOT l.deleted`,
    [location.id],
  );
  const archivedAt = new Date().toISOString();
  if (below.length > 0) {
    await session.write(below.map((row) => ({ entity: 'locations' as const, operation: 'update' as const, rowId: row.id, fields: { archived_at: archivedAt } })));
  }
  return locationNode(session.replica, location.id);
}
