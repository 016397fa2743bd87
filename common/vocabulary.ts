/** Closed vocabularies of the domain, shared by the app, the server and the schema's CHECK constraints. */
export const roles = ['admin', 'station-manager', 'agronomist', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const locationKinds = ['station', 'greenhouse', 'field', 'compartment', 'bench', 'bin'] as const;
export type LocationKind = (typeof locationKinds)[number];

export const scaleTypes = [
  'numeric',
  'ordinal',
  'categorical',
  'date',
  'text',
  'boolean',
  'counter',
  'percent',
  'photo',
] as const;
export type ScaleType = (typeof scaleTypes)[number];

export const observationUnitKinds = ['plot', 'plant'] as const;

export const batchKinds = ['seed-lot', 'plant-batch', 'tray', 'material'] as const;
export type BatchKind = (typeof batchKinds)[number];

export const stockUnits = ['seeds', 'grams', 'plants', 'trays'] as const;
export type StockUnit = (typeof stockUnits)[number];

export const movementKinds = ['receive', 'transfer', 'sow', 'split', 'dispose', 'adjust'] as const;
export type MovementKind = (typeof movementKinds)[number];

export const countStatuses = ['open', 'approved', 'cancelled'] as const;
export type CountStatus = (typeof countStatuses)[number];

export const attachmentKinds = ['observation-unit', 'observation', 'location', 'stock-batch'] as const;

export const noteSubjectKinds = ['study', 'observation-unit', 'trial', 'location'] as const;
