import type { Role } from '../vocabulary';

/**
 * Who may change stock figures by decision rather than by recording what happened: post an
 * adjustment, approve a count. Station managers keep the stock; admins stand in for them.
 * The app refuses the others at entry and the server refuses a change that gets past that.
 */
export const stockManagerRoles: readonly Role[] = ['station-manager', 'admin'];

export function mayManageStock(role: Role | null | undefined): boolean {
  return role !== null && role !== undefined && stockManagerRoles.includes(role);
}

/** Whether a change, as it travels, posts an adjustment or approves a count: what only managers do. */
export function isStockManagerChange(entity: string, fields: Readonly<Record<string, unknown>>): 'adjustment' | 'approval' | null {
  if (entity === 'stock_movements' && (fields['kind'] === 'adjust' || typeof fields['count_id'] === 'string')) return 'adjustment';
  if (entity === 'stock_counts' && (fields['status'] === 'approved' || typeof fields['approved_by'] === 'string')) return 'approval';
  return null;
}
