import type { ApiArgs } from '../../common/api-contract';
import { balanceKey, negativeEpisodes, splitBalanceKey, type LedgerStep } from '../../common/stock/balances';
import { quantityNumber, toMilli } from '../../common/stock/quantity';
import type { BatchDetail, FindCodeResult, LedgerEntry, StockException, StudyLot } from '../../common/stock/stock-results';
import type { StockUnit } from '../../common/vocabulary';
import type { Replica } from '../replica/replica';
import type { StationSession } from '../stations/station-session';
import { batchLedger, movementsById } from './ledger';
import { listLocationTree, subtreeCte } from './locations';
import { findBatches, findLocations, resolveBatch, resolveLocation, toBatchSummary } from './stock-lookups';

/** A batch with its ledger (who, when, which device) and where it is now. */
export async function batchDetail(session: StationSession, args: ApiArgs<'stock:batch-detail'>): Promise<BatchDetail> {
  const replica = session.replica;
  const batch = await resolveBatch(replica, session.identity.tenantId, args.batch, 'batch');
  const ledger = await batchLedger(replica, batch.id);
  let total = 0;
  const withTotals = ledger.map((entry) => {
    total += toMilli(String(entry.change));
    return { ...entry, totalAfter: quantityNumber(total) };
  });
  const children = await replica.query<{ id: string; code: string }>(
    'SELECT id, code FROM stock_batches WHERE parent_batch_id = $1 AND NOT deleted ORDER BY code',
    [batch.id],
  );
  const held = await replica.query<{ location_id: string; quantity: string }>(
    'SELECT location_id, quantity::text AS quantity FROM stock_balances WHERE batch_id = $1 AND quantity <> 0',
    [batch.id],
  );
  const tree = new Map((await listLocationTree(replica, { includeArchived: true })).map((n) => [n.id, n]));
  const balances = held
    .map((h) => {
      const node = tree.get(h.location_id);
      return {
        location: { id: h.location_id, code: node?.code ?? '?', name: node?.name ?? 'unknown location', path: node?.path ?? '?' },
        quantity: quantityNumber(toMilli(h.quantity)),
      };
    })
    .sort((a, b) => a.location.path.localeCompare(b.location.path));
  return { batch: toBatchSummary(batch), children, ledger: withTotals, balances };
}

/**
 * What a scanned or typed code is: a batch (by code or barcode) or a location (by code). When
 * nothing matches, the screen offers to receive a new batch with that code rather than failing.
 */
export async function findCode(session: StationSession, args: ApiArgs<'stock:find-code'>): Promise<FindCodeResult> {
  const replica = session.replica;
  const tenantId = session.identity.tenantId;
  const batches = await findBatches(replica, tenantId, args.code);
  const locations = await findLocations(replica, tenantId, args.code);
  const nodes = locations.length === 0 ? [] : await listLocationTree(replica, { includeArchived: true });
  const matches: FindCodeResult['matches'] = [
    ...batches.map((b) => ({ type: 'batch' as const, batch: toBatchSummary(b) })),
    ...locations.flatMap((l) => {
      const node = nodes.find((n) => n.id === l.id);
      return node ? [{ type: 'location' as const, location: node }] : [];
    }),
  ];
  const nothing = matches.length === 0;
  return {
    code: args.code,
    matches,
    offerCreateBatch: nothing,
    message: nothing
      ? `Nothing in this station has the code “${args.code.slice(0, 60)}”. Receive it as a new batch, or check the label and scan again.`
      : matches.length > 1
        ? `“${args.code.slice(0, 60)}” matches ${matches.length} things. Choose the one you meant.`
        : null,
  };
}

interface StepRow {
  id: string;
  batch_id: string;
  location_id: string;
  delta: string;
  occurred_at: Date;
}

/**
 * Balances that went below zero at some point (usually after two devices' movements merged), each
 * with the movements that took it there and, when it recovered, the one that brought it back.
 * Only balances that can have dipped are walked: those below zero now, and those that received
 * stock after some had left (see stock_balances in migration 004).
 */
export async function stockExceptions(session: StationSession, args: ApiArgs<'stock:exceptions'>): Promise<StockException[]> {
  const replica = session.replica;
  const root = args.location ? await resolveLocation(replica, session.identity.tenantId, args.location, 'location') : null;
  const steps = await candidateSteps(replica, root?.id ?? null);
  const byPair = new Map<string, LedgerStep[]>();
  for (const row of steps) {
    const key = balanceKey(row.batch_id, row.location_id);
    byPair.set(key, [...(byPair.get(key) ?? []), { movementId: row.id, delta: toMilli(row.delta), occurredAt: row.occurred_at.getTime() }]);
  }
  const found: { key: string; balance: number; episode: ReturnType<typeof negativeEpisodes>[number] }[] = [];
  for (const [key, pairSteps] of byPair) {
    const balance = pairSteps.reduce((sum, s) => sum + s.delta, 0);
    for (const episode of negativeEpisodes(pairSteps)) found.push({ key, balance, episode });
  }
  const entries = new Map(
    (await movementsById(replica, found.flatMap(({ episode }) => [...episode.causes, ...(episode.endedBy ? [episode.endedBy] : [])]))).map((e) => [e.id, e]),
  );
  const batchIds = [...new Set(found.map((f) => splitBalanceKey(f.key).batchId))];
  const batches = new Map(
    (await replica.query<{ id: string; code: string; unit: StockUnit }>('SELECT id, code, unit FROM stock_batches WHERE id = ANY($1::uuid[])', [batchIds])).map(
      (b) => [b.id, b],
    ),
  );
  const tree = new Map((await listLocationTree(replica, { includeArchived: true })).map((n) => [n.id, n]));
  const pick = (id: string): LedgerEntry[] => {
    const entry = entries.get(id);
    return entry ? [entry] : [];
  };
  return found
    .map(({ key, balance, episode }): StockException => {
      const { batchId, locationId } = splitBalanceKey(key);
      const batch = batches.get(batchId);
      const location = tree.get(locationId);
      return {
        batch: { id: batchId, code: batch?.code ?? '?', unit: batch?.unit ?? 'seeds' },
        location: { id: locationId, code: location?.code ?? '?', name: location?.name ?? 'unknown location' },
        balance: quantityNumber(balance),
        lowest: quantityNumber(episode.lowest),
        stillNegative: episode.endedBy === null,
        wentNegativeAt: new Date(episode.startedAt).toISOString(),
        causes: episode.causes.flatMap(pick),
        resolvedBy: episode.endedBy === null ? null : (pick(episode.endedBy)[0] ?? null),
      };
    })
    .sort((a, b) => Number(b.stillNegative) - Number(a.stillNegative) || b.wentNegativeAt.localeCompare(a.wentNegativeAt));
}

/** The movements, as signed steps, of every balance that may have dipped below zero. */
async function candidateSteps(replica: Replica, rootId: string | null): Promise<StepRow[]> {
  const scoped = rootId !== null;
  return replica.query<StepRow>(
    `WITH ${scoped ? `${subtreeCte('$1')},` : ''}
     candidates AS (
       SELECT batch_id, location_id FROM stock_balances
        WHERE (quantity < 0 OR last_in_at >= first_out_at) ${scoped ? 'AND location_id IN (SELECT id FROM subtree)' : ''})
     SELECT m.id, m.batch_id, c.location_id, (CASE WHEN m.to_location_id = c.location_id THEN m.quantity ELSE -m.quantity END)::text AS delta, m.occurred_at
       FROM candidates c
       JOIN stock_movements m ON m.batch_id = c.batch_id AND (m.to_location_id = c.location_id OR m.from_location_id = c.location_id)`,
    scoped ? [rootId] : [],
  );
}

/** The seed lots a study consumed, with how much of each. */
export async function studyLots(session: StationSession, args: ApiArgs<'stock:study-lots'>): Promise<StudyLot[]> {
  const rows = await session.replica.query<{ id: string; code: string; germplasm_name: string | null; unit: StockUnit; sown: string; sowings: number; last_sown_at: Date }>(
    `SELECT b.id, b.code, g.name AS germplasm_name, b.unit, sum(m.quantity)::text AS sown, count(*)::int AS sowings, max(m.occurred_at) AS last_sown_at
       FROM stock_movements m JOIN stock_batches b ON b.id = m.batch_id LEFT JOIN germplasm g ON g.id = b.germplasm_id
      WHERE m.study_id = $1 AND m.kind = 'sow'
      GROUP BY b.id, b.code, g.name, b.unit
      ORDER BY b.code`,
    [args.studyId],
  );
  return rows.map((r) => ({
    batchId: r.id,
    code: r.code,
    germplasmName: r.germplasm_name,
    unit: r.unit,
    sown: quantityNumber(toMilli(r.sown)),
    sowings: r.sowings,
    lastSownAt: r.last_sown_at.toISOString(),
  }));
}
