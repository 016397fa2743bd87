/**
 * The tables whose changes (`data:changed`) alter what a count screen shows: entries from other
 * devices, explanations, approvals, late movements that move the expected balances, batches and
 * locations renamed, and the names of who counted on which device.
 */
export const countTables = [
  'stock_counts',
  'stock_count_lines',
  'stock_count_explanations',
  'stock_movements',
  'stock_batches',
  'locations',
  'users',
  'devices',
] as const;

export const countListTables = ['stock_counts', 'locations', 'users'] as const;
