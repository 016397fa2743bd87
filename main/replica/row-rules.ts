import type { EntityName } from '../../common/entities';
import { AppError } from '../../common/errors';
import type { ReplicaTx } from './replica';

/**
 * Rules that span rows (a location code is used once per organisation) or fields that merge one by
 * one (a variable's minimum is not above its maximum). The central server keeps them with its
 * unique indexes and checks, and refuses the later of two clashing changes; the replica holds no
 * such constraint (migration 003), so a pull always applies. The app checks them here instead, on
 * every local write, against the row as just written in the same transaction: the merged state,
 * whatever subset of fields the change set.
 */
interface RowRule {
  /** The fields whose change can break the rule. */
  fields: readonly string[];
  /** The broken rule in the user's words, or null when the row keeps it. */
  problem(tx: ReplicaTx, rowId: string, changed: readonly string[]): Promise<AppError | null>;
}

async function first<T>(tx: ReplicaTx, sql: string, params: unknown[]): Promise<T | undefined> {
  return (await tx.query<T>(sql, params)).rows[0];
}

/** Another live row of the same tenant with this row's code, for tables whose code is unique per tenant. */
function sameCodeSql(table: 'locations' | 'stock_batches'): string {
  return `SELECT me.code${table === 'locations' ? ', other.name AS other' : ''}
            FROM ${table} me
            JOIN ${table} other ON other.tenant_id = me.tenant_id AND other.code = me.code AND other.id <> me.id AND NOT other.deleted
           WHERE me.id = $1 AND NOT me.deleted
           ORDER BY other.id LIMIT 1`;
}

/** A note's subject kind in words (`observation-unit` → plot). */
function subjectWords(kind: string): string {
  return kind === 'observation-unit' ? 'plot' : kind.replace(/[-_]/g, ' ');
}

const rules: Partial<Record<EntityName, RowRule>> = {
  locations: {
    fields: ['code'],
    async problem(tx, rowId) {
      const clash = await first<{ code: string; other: string }>(tx, sameCodeSql('locations'), [rowId]);
      return clash
        ? new AppError('validation', `Location code ${clash.code} is already used by the location “${clash.other}” in this organisation. Choose another code.`, { field: 'code' })
        : null;
    },
  },
  stock_batches: {
    fields: ['code'],
    async problem(tx, rowId) {
      const clash = await first<{ code: string }>(tx, sameCodeSql('stock_batches'), [rowId]);
      return clash
        ? new AppError('validation', `Stock batch code ${clash.code} is already used by another stock batch in this organisation. Choose another code.`, { field: 'code' })
        : null;
    },
  },
  study_variables: {
    fields: ['study_id', 'variable_id'],
    async problem(tx, rowId) {
      const clash = await first<{ variable: string | null }>(
        tx,
        `SELECT v.name AS variable
           FROM study_variables me
           JOIN study_variables other ON other.study_id = me.study_id AND other.variable_id = me.variable_id AND other.id <> me.id AND NOT other.deleted
           LEFT JOIN observation_variables v ON v.id = me.variable_id
          WHERE me.id = $1 AND NOT me.deleted
          LIMIT 1`,
        [rowId],
      );
      return clash
        ? new AppError('validation', `This study already scores ${clash.variable ?? 'that variable'}. Choose another variable, or change the one already in the study.`, { field: 'variable_id' })
        : null;
    },
  },
  notes: {
    fields: ['subject_kind', 'subject_id'],
    async problem(tx, rowId) {
      const clash = await first<{ subject_kind: string }>(
        tx,
        `SELECT me.subject_kind
           FROM notes me
           JOIN notes other ON other.subject_kind = me.subject_kind AND other.subject_id = me.subject_id AND other.id <> me.id AND NOT other.deleted
          WHERE me.id = $1 AND NOT me.deleted
          LIMIT 1`,
        [rowId],
      );
      return clash
        ? new AppError('validation', `This ${subjectWords(clash.subject_kind)} already has a note. Write in that note instead of starting another.`, { field: 'subject_id' })
        : null;
    },
  },
  observation_variables: {
    fields: ['minimum', 'maximum'],
    async problem(tx, rowId, changed) {
      const range = await first<{ name: string; minimum: number; maximum: number }>(
        tx,
        'SELECT name, minimum, maximum FROM observation_variables WHERE id = $1 AND minimum > maximum',
        [rowId],
      );
      return range
        ? new AppError(
            'validation',
            `The minimum of ${range.name} (${range.minimum}) is above its maximum (${range.maximum}). Lower the minimum or raise the maximum.`,
            { field: changed.includes('minimum') ? 'minimum' : 'maximum' },
          )
        : null;
    },
  },
};

/**
 * Refuses a local write that breaks a rule the server keeps across rows or merged fields. Call it
 * after writing the row, in the same transaction, with the names of the fields the change set:
 * rows whose rule fields did not change are not checked (a clash that arrived by a pull is for the
 * server to settle, not a reason to refuse an unrelated edit).
 */
export async function checkRowRules(tx: ReplicaTx, entity: EntityName, rowId: string, changed: readonly string[]): Promise<void> {
  const rule = rules[entity];
  if (!rule || !rule.fields.some((field) => changed.includes(field))) return;
  const problem = await rule.problem(tx, rowId, changed);
  if (problem) throw problem;
}
