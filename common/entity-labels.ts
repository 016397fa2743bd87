import type { EntityName } from './entities';

/** Entity names in people's words, for messages: [one, many]. */
const labels: Record<EntityName, readonly [string, string]> = {
  tenants: ['organisation', 'organisations'],
  users: ['user', 'users'],
  devices: ['device', 'devices'],
  locations: ['location', 'locations'],
  germplasm: ['germplasm entry', 'germplasm entries'],
  programs: ['program', 'programs'],
  trials: ['trial', 'trials'],
  studies: ['study', 'studies'],
  observation_units: ['plot or plant', 'plots and plants'],
  observation_variables: ['variable', 'variables'],
  study_variables: ['study variable', 'study variables'],
  observations: ['observation', 'observations'],
  stock_batches: ['stock batch', 'stock batches'],
  stock_movements: ['stock movement', 'stock movements'],
  stock_counts: ['stock count', 'stock counts'],
  stock_count_lines: ['count line', 'count lines'],
  stock_count_explanations: ['count explanation', 'count explanations'],
  photos: ['photo', 'photos'],
  notes: ['note', 'notes'],
};

export const oneOf = (entity: EntityName): string => labels[entity][0];
export const manyOf = (entity: EntityName): string => labels[entity][1];
