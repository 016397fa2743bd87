import { entities, type EntityName } from '../common/entities';

/**
 * Partial replication: a device enrolled for some stations receives only their rows (and every
 * tenant-wide and shared row). A station is a location of kind `station`; every location below it
 * belongs to it, and a row of a station-scoped entity belongs to the station of the location it
 * hangs from (a plot → its study → the study's location). Rows that hang from no station (a study
 * without a location, a location outside any station) go to every device.
 *
 * Which station a row belongs to is decided from the current central rows when a device reads,
 * not stamped on the log when the row is written, so a push costs nothing extra and devices that
 * hold the whole tenant (no stations in their enrolment) take the plain path.
 */

/** The entities whose rows belong to one station (see `scope` in common/entities.ts). */
export type StationScopedEntity = {
  [Name in EntityName]: (typeof entities)[Name]['scope'] extends 'station' ? Name : never;
}[EntityName];

/** What a scoped read needs: the tenant and the device's stations, as SQL (parameters or literals). */
export interface StationScopeSql {
  tenant: string;
  /** A `uuid[]` expression: the stations the device is enrolled for. */
  stations: string;
}

/**
 * The CTEs every scoped read starts with: each location's station (nearest ancestor of kind
 * `station`, walked down from the roots, so a parent cycle left by a merge cannot loop), then the
 * locations, studies and plots that belong to another station.
 */
export function hiddenRowsCtes(scope: StationScopeSql): string {
  return `RECURSIVE location_stations(id, station) AS (
      SELECT l.id, CASE WHEN l.kind = 'station' THEN l.id END FROM locations l
       WHERE l.tenant_id = ${scope.tenant} AND l.parent_id IS NULL
      UNION ALL
      SELECT l.id, CASE WHEN l.kind = 'station' THEN l.id ELSE ls.station END
        FROM locations l JOIN location_stations ls ON l.parent_id = ls.id
       WHERE l.tenant_id = ${scope.tenant}
    ),
    hidden_locations AS (SELECT id FROM location_stations WHERE station IS NOT NULL AND station <> ALL (${scope.stations})),
    hidden_studies AS (SELECT id FROM studies WHERE tenant_id = ${scope.tenant} AND location_id IN (SELECT id FROM hidden_locations)),
    hidden_units AS (SELECT id FROM observation_units WHERE tenant_id = ${scope.tenant} AND study_id IN (SELECT id FROM hidden_studies))`;
}

const inHidden = (column: string, set: 'hidden_locations' | 'hidden_studies' | 'hidden_units'): string => `${column} IN (SELECT id FROM ${set})`;

const hiddenObservation = (id: string, tenant: string): string =>
  `EXISTS (SELECT 1 FROM observations o WHERE o.tenant_id = ${tenant} AND o.id = ${id} AND ${inHidden('o.unit_id', 'hidden_units')})`;

/**
 * For each station-scoped entity: when a row (alias `t`) belongs to another station. Typed over
 * every station-scoped entity, so a new one cannot be left out.
 */
const hiddenRow: Record<StationScopedEntity, (t: string, tenant: string) => string> = {
  locations: (t) => inHidden(`${t}.id`, 'hidden_locations'),
  studies: (t) => inHidden(`${t}.location_id`, 'hidden_locations'),
  observation_units: (t) => inHidden(`${t}.study_id`, 'hidden_studies'),
  study_variables: (t) => inHidden(`${t}.study_id`, 'hidden_studies'),
  observations: (t) => inHidden(`${t}.unit_id`, 'hidden_units'),
  // A transfer between two stations belongs to both: hidden only when every end is elsewhere.
  stock_movements: (t) =>
    `((${t}.from_location_id IS NOT NULL OR ${t}.to_location_id IS NOT NULL)
      AND (${t}.from_location_id IS NULL OR ${inHidden(`${t}.from_location_id`, 'hidden_locations')})
      AND (${t}.to_location_id IS NULL OR ${inHidden(`${t}.to_location_id`, 'hidden_locations')}))`,
  // A count, its lines and their explanations: where they were counted.
  stock_counts: (t) => inHidden(`${t}.location_id`, 'hidden_locations'),
  stock_count_lines: (t) => inHidden(`${t}.location_id`, 'hidden_locations'),
  stock_count_explanations: (t) => inHidden(`${t}.location_id`, 'hidden_locations'),
  photos: (t, tenant) => `CASE ${t}.subject_kind
      WHEN 'observation-unit' THEN ${inHidden(`${t}.subject_id`, 'hidden_units')}
      WHEN 'location' THEN ${inHidden(`${t}.subject_id`, 'hidden_locations')}
      WHEN 'observation' THEN ${hiddenObservation(`${t}.subject_id`, tenant)}
      ELSE false END`,
  notes: (t) => `CASE ${t}.subject_kind
      WHEN 'study' THEN ${inHidden(`${t}.subject_id`, 'hidden_studies')}
      WHEN 'observation-unit' THEN ${inHidden(`${t}.subject_id`, 'hidden_units')}
      WHEN 'location' THEN ${inHidden(`${t}.subject_id`, 'hidden_locations')}
      ELSE false END`,
};

export function isStationScoped(entity: EntityName): entity is StationScopedEntity {
  return entity in hiddenRow;
}

/** When a row (alias `t`) of `entity` belongs to another station; `false` for tenant-wide entities. */
export function hiddenRowSql(entity: EntityName, t: string, tenant: string): string {
  return isStationScoped(entity) ? `(${hiddenRow[entity](t, tenant)})` : 'false';
}

/** When a log entry (alias `c`) is about a row that belongs to another station. */
export function hiddenChangeSql(c: string, tenant: string): string {
  const cases = (Object.keys(hiddenRow) as StationScopedEntity[]).map(
    (entity) =>
      `WHEN '${entity}' THEN EXISTS (SELECT 1 FROM ${entities[entity].table} t WHERE t.tenant_id = ${tenant} AND t.id = ${c}.row_id AND ${hiddenRowSql(entity, 't', tenant)})`,
  );
  return `CASE ${c}.entity ${cases.join(' ')} ELSE false END`;
}

/** A `uuid[]` literal of checked station ids (COPY statements take no parameters). */
export function stationsLiteral(stationIds: readonly string[], literal: (value: string) => string): string {
  return `${literal(`{${stationIds.join(',')}}`)}::uuid[]`;
}
