import type { ApiArgs } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { describeQuantity, formatQuantity, quantityProblem, toMilli, unitsForKind, type Milli, type QuantitySign } from '../../common/stock/quantity';
import type { MovementResult } from '../../common/stock/stock-results';
import type { MovementKind, StockUnit } from '../../common/vocabulary';
import type { EntityChange } from '../replica/entity-writes';
import type { StationSession } from '../stations/station-session';
import { movementsById } from './ledger';
import { requireRecorder, requireStockManager } from './stock-access';
import { batchById, findBatches, resolveBatch, resolveLocation, toBatchSummary, type BatchRow, type LocationRow } from './stock-lookups';

/** A quantity entered for a batch kept in `unit`, or a validation error for `field` that says how to fix it. */
export function checkedQuantity(input: number | string, unit: StockUnit, sign: QuantitySign, field: string): Milli {
  const problem = quantityProblem(input, unit, sign);
  if (problem) throw new AppError('validation', problem, { field });
  return toMilli(input);
}

/** The unit a form says the quantity is in must be the batch's. */
export function checkUnit(batch: Pick<BatchRow, 'code' | 'unit'>, unit: StockUnit | undefined, field = 'unit'): void {
  if (unit !== undefined && unit !== batch.unit) {
    throw new AppError('validation', `Batch ${batch.code} is kept in ${batch.unit}, not ${unit}. Enter the quantity in ${batch.unit}.`, { field });
  }
}

const aheadToleranceMs = 60 * 60 * 1000;

/** When it happened: now unless given; a date in the past is fine (recorded late), one far ahead is a slip. */
export function occurredAt(given: string | undefined, field = 'occurredAt'): string {
  if (given === undefined) return new Date().toISOString();
  const at = Date.parse(given);
  if (at > Date.now() + aheadToleranceMs) {
    throw new AppError('validation', `${given} is in the future. Enter when it happened, or leave it empty for now.`, { field });
  }
  return new Date(at).toISOString();
}

interface MovementFields {
  batchId: string;
  kind: MovementKind;
  quantity: Milli;
  from: string | null;
  to: string | null;
  at: string;
  reason: string | null;
  studyId?: string | null;
  countId?: string | null;
}

/** A movement as it is written through the one write path: a fact with who and which device. */
export function movementChange(session: StationSession, m: MovementFields, id = newId()): EntityChange {
  return {
    entity: 'stock_movements',
    operation: 'insert',
    rowId: id,
    fields: {
      batch_id: m.batchId,
      kind: m.kind,
      quantity: formatQuantity(m.quantity),
      from_location_id: m.from,
      to_location_id: m.to,
      occurred_at: m.at,
      reason: m.reason,
      study_id: m.studyId ?? null,
      recorded_by: session.identity.userId,
      device_id: session.identity.deviceId,
      count_id: m.countId ?? null,
    },
  };
}

/** Balances this write took below zero on this computer: saved anyway, worth a look. */
async function negativeWarnings(session: StationSession, pairs: { batch: BatchRow; location: LocationRow }[]): Promise<string[]> {
  const warnings: string[] = [];
  for (const { batch, location } of pairs) {
    const [row] = await session.replica.query<{ quantity: string }>(
      'SELECT quantity::text AS quantity FROM stock_balances WHERE batch_id = $1 AND location_id = $2',
      [batch.id, location.id],
    );
    const balance = toMilli(row?.quantity ?? '0');
    if (balance < 0) {
      warnings.push(
        `${batch.code} in ${location.code} is now at ${describeQuantity(balance, batch.unit)} on this computer. It is saved; if stock recorded elsewhere does not cover it, it will be listed under exceptions until it is counted or explained.`,
      );
    }
  }
  return warnings;
}

async function result(
  session: StationSession,
  changes: EntityChange[],
  batchId: string,
  outOf: { batch: BatchRow; location: LocationRow }[],
  newBatchId: string | null = null,
): Promise<MovementResult> {
  await session.write(changes);
  const movementIds = changes.filter((c) => c.entity === 'stock_movements').map((c) => c.rowId);
  const batch = await batchById(session.replica, batchId);
  const newBatch = newBatchId === null ? null : await batchById(session.replica, newBatchId);
  if (!batch) throw new AppError('internal', 'The batch just written could not be read back.');
  return {
    movements: await movementsById(session.replica, movementIds),
    batch: toBatchSummary(batch),
    newBatch: newBatch ? toBatchSummary(newBatch) : null,
    warnings: await negativeWarnings(session, outOf),
  };
}

/** No other batch may answer to this barcode, or a scan would be ambiguous. */
async function checkBarcodeFree(session: StationSession, barcode: string | null | undefined, field: string): Promise<void> {
  if (!barcode) return;
  const [clash] = await findBatches(session.replica, session.identity.tenantId, barcode);
  if (clash && (clash.code === barcode || clash.barcode === barcode)) {
    throw new AppError('validation', `The barcode ${barcode} already belongs to batch ${clash.code}. Check the label, or leave the barcode empty.`, { field });
  }
}

/** Codes are unique per organisation (the write checks it too); said here with the form's own field. */
async function checkCodeFree(session: StationSession, code: string, field: string): Promise<void> {
  const clash = (await findBatches(session.replica, session.identity.tenantId, code)).find((b) => b.code === code);
  if (clash) throw new AppError('validation', `Batch code ${code} is already used by another batch. Choose another code.`, { field });
}

/** Receives a new batch (seed lot, plant batch, trays, material) into a location: the batch and its first movement. */
export async function receiveBatch(session: StationSession, args: ApiArgs<'stock:receive'>): Promise<MovementResult> {
  await requireRecorder(session);
  const replica = session.replica;
  if (!unitsForKind[args.kind].includes(args.unit)) {
    throw new AppError('validation', `A ${args.kind} is kept in ${unitsForKind[args.kind].join(' or ')}, not ${args.unit}. Choose one of those units.`, {
      field: 'unit',
    });
  }
  const germplasmId = args.germplasmId ?? null;
  if (args.kind === 'seed-lot' && germplasmId === null) {
    throw new AppError('validation', 'A seed lot needs its germplasm. Choose the variety or line it is seed of.', { field: 'germplasmId' });
  }
  if (germplasmId !== null && (await replica.query('SELECT 1 FROM germplasm WHERE id = $1 AND NOT deleted', [germplasmId])).length === 0) {
    throw new AppError('validation', 'That germplasm is not in this station any more. Choose another.', { field: 'germplasmId' });
  }
  const quantity = checkedQuantity(args.quantity, args.unit, 'positive', 'quantity');
  const location = await resolveLocation(replica, session.identity.tenantId, args.location, 'location', { inUse: true });
  await checkCodeFree(session, args.code, 'code');
  await checkBarcodeFree(session, args.barcode, 'barcode');
  const at = occurredAt(args.occurredAt);
  const batchId = newId();
  const changes: EntityChange[] = [
    {
      entity: 'stock_batches',
      operation: 'insert',
      rowId: batchId,
      fields: {
        code: args.code,
        barcode: args.barcode ?? null,
        kind: args.kind,
        germplasm_id: germplasmId,
        unit: args.unit,
        source: args.source ?? null,
        received_on: args.receivedOn ?? at.slice(0, 10),
        unit_cost: args.unitCost === undefined || args.unitCost === null ? null : String(args.unitCost),
      },
    },
    movementChange(session, { batchId, kind: 'receive', quantity, from: null, to: location.id, at, reason: args.source ? `Received from ${args.source}` : 'Received' }),
  ];
  return result(session, changes, batchId, []);
}

type MoveArgs = ApiArgs<'stock:move'>;

/** Records a transfer, sowing, split, disposal or adjustment of an existing batch. */
export async function moveStock(session: StationSession, args: MoveArgs): Promise<MovementResult> {
  if (args.kind === 'adjust') await requireStockManager(session, 'post stock adjustments');
  else await requireRecorder(session);
  const replica = session.replica;
  const tenantId = session.identity.tenantId;
  const batch = await resolveBatch(replica, tenantId, args.batch, 'batch');
  checkUnit(batch, args.unit);
  const at = occurredAt(args.occurredAt);
  switch (args.kind) {
    case 'transfer': {
      const quantity = checkedQuantity(args.quantity, batch.unit, 'positive', 'quantity');
      const from = await resolveLocation(replica, tenantId, args.from, 'from');
      const to = await resolveLocation(replica, tenantId, args.to, 'to', { inUse: true });
      if (from.id === to.id) {
        throw new AppError('validation', `The stock is already in ${to.code}. Choose another location to move it to.`, { field: 'to' });
      }
      const change = movementChange(session, { batchId: batch.id, kind: 'transfer', quantity, from: from.id, to: to.id, at, reason: args.reason ?? null });
      return result(session, [change], batch.id, [{ batch, location: from }]);
    }
    case 'sow':
      return sow(session, batch, args, at);
    case 'split':
      return split(session, batch, args, at);
    case 'dispose': {
      const quantity = checkedQuantity(args.quantity, batch.unit, 'positive', 'quantity');
      const from = await resolveLocation(replica, tenantId, args.from, 'from');
      const change = movementChange(session, { batchId: batch.id, kind: 'dispose', quantity, from: from.id, to: null, at, reason: args.reason });
      return result(session, [change], batch.id, [{ batch, location: from }]);
    }
    case 'adjust': {
      const delta = checkedQuantity(args.quantity, batch.unit, 'non-zero', 'quantity');
      const location = await resolveLocation(replica, tenantId, args.location, 'location', { inUse: delta > 0 });
      const change = movementChange(session, {
        batchId: batch.id,
        kind: 'adjust',
        quantity: Math.abs(delta),
        from: delta < 0 ? location.id : null,
        to: delta > 0 ? location.id : null,
        at,
        reason: args.reason,
      });
      return result(session, [change], batch.id, delta < 0 ? [{ batch, location }] : []);
    }
  }
}

async function sow(session: StationSession, batch: BatchRow, args: Extract<MoveArgs, { kind: 'sow' }>, at: string): Promise<MovementResult> {
  const replica = session.replica;
  if (batch.kind !== 'seed-lot') {
    throw new AppError('validation', `${batch.code} is a ${batch.kind}, not a seed lot: only seed is sown. Scan the seed lot, or record a transfer.`, {
      field: 'batch',
    });
  }
  const perPlot = checkedQuantity(args.quantityPerPlot, batch.unit, 'positive', 'quantityPerPlot');
  const [study] = await replica.query<{ name: string; plots: number }>(
    `SELECT s.name, (SELECT count(*)::int FROM observation_units u WHERE u.study_id = s.id AND NOT u.deleted) AS plots
       FROM studies s WHERE s.id = $1 AND NOT s.deleted`,
    [args.studyId],
  );
  if (!study) throw new AppError('validation', 'That study is not in this station any more. Choose the study that was sown.', { field: 'studyId' });
  const plots = args.plots ?? study.plots;
  if (plots <= 0) {
    throw new AppError('validation', `${study.name} has no plots yet. Enter how many plots were sown.`, { field: 'plots' });
  }
  const from = await resolveLocation(replica, session.identity.tenantId, args.from, 'from');
  const quantity = perPlot * plots;
  const reason = args.reason ?? `Sown for ${study.name}: ${plots} plot${plots === 1 ? '' : 's'} × ${describeQuantity(perPlot, batch.unit)}`;
  const change = movementChange(session, { batchId: batch.id, kind: 'sow', quantity, from: from.id, to: null, at, reason, studyId: args.studyId });
  return result(session, [change], batch.id, [{ batch, location: from }]);
}

async function split(session: StationSession, batch: BatchRow, args: Extract<MoveArgs, { kind: 'split' }>, at: string): Promise<MovementResult> {
  const replica = session.replica;
  const tenantId = session.identity.tenantId;
  const quantity = checkedQuantity(args.quantity, batch.unit, 'positive', 'quantity');
  const from = await resolveLocation(replica, tenantId, args.from, 'from');
  const to = await resolveLocation(replica, tenantId, args.to ?? from.id, args.to === undefined ? 'from' : 'to', { inUse: true });
  await checkCodeFree(session, args.newCode, 'newCode');
  await checkBarcodeFree(session, args.newBarcode, 'newBarcode');
  const newBatchId = newId();
  const changes: EntityChange[] = [
    {
      entity: 'stock_batches',
      operation: 'insert',
      rowId: newBatchId,
      fields: {
        code: args.newCode,
        barcode: args.newBarcode ?? null,
        kind: batch.kind,
        germplasm_id: batch.germplasm_id,
        unit: batch.unit,
        source: batch.source,
        received_on: batch.received_on,
        parent_batch_id: batch.id,
        unit_cost: batch.unit_cost,
      },
    },
    movementChange(session, { batchId: batch.id, kind: 'split', quantity, from: from.id, to: null, at, reason: args.reason ?? `Split into ${args.newCode}` }),
    movementChange(session, { batchId: newBatchId, kind: 'split', quantity, from: null, to: to.id, at, reason: args.reason ?? `Split from ${batch.code}` }),
  ];
  return result(session, changes, batch.id, [{ batch, location: from }], newBatchId);
}
