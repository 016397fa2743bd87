import type { BatchKind, CountStatus, LocationKind, MovementKind, StockUnit } from '../vocabulary';

/** Quantities in results are plain numbers (exact to three decimals); the wire and CSV use decimal text. */

export interface LocationRef {
  id: string;
  code: string;
  name: string;
}

/** One node of the location tree, listed depth first (parents before children). */
export interface LocationNode extends LocationRef {
  parentId: string | null;
  kind: LocationKind;
  depth: number;
  /** Codes from the root down to this location: "ST / GH1 / GH1-C1". */
  path: string;
  archivedAt: string | null;
  hasGeometry: boolean;
}

export interface BatchSummary {
  id: string;
  code: string;
  barcode: string | null;
  kind: BatchKind;
  unit: StockUnit;
  germplasmId: string | null;
  germplasmName: string | null;
  source: string | null;
  receivedOn: string | null;
  unitCost: number | null;
  parentBatchId: string | null;
  parentBatchCode: string | null;
  /** The balance over all locations now. */
  total: number;
}

/** One movement of a batch, as its ledger shows it. */
export interface LedgerEntry {
  id: string;
  batchId: string;
  kind: MovementKind;
  /** Always above zero; `from` loses it and `to` gains it. */
  quantity: number;
  /** What it did to the batch's total: + for a receive, 0 for a transfer, − for a sow. */
  change: number;
  from: LocationRef | null;
  to: LocationRef | null;
  occurredAt: string;
  recordedAt: string;
  recordedBy: string | null;
  device: string | null;
  reason: string | null;
  study: { id: string; name: string } | null;
  countId: string | null;
  /** Whether the server has it yet: pending and rejected changes are still on this computer. */
  sync: 'pending' | 'rejected' | 'synced';
}

export interface LocationBalance {
  location: LocationRef & { path: string };
  quantity: number;
}

export interface BatchDetail {
  batch: BatchSummary;
  /** Batches split from this one. */
  children: { id: string; code: string }[];
  /** Every movement, oldest first, with the batch's total after it. */
  ledger: (LedgerEntry & { totalAfter: number })[];
  /** Where the batch is now (locations holding a non-zero balance). */
  balances: LocationBalance[];
}

export interface MovementResult {
  movements: LedgerEntry[];
  batch: BatchSummary;
  /** The batch a split created. */
  newBatch: BatchSummary | null;
  /**
   * Saved, but worth a look: a balance this movement took below zero on this computer. Never a
   * refusal (another device may have recorded the stock that covers it); it is listed under
   * exceptions until it is explained.
   */
  warnings: string[];
}

export interface OnHandRow {
  batchId: string;
  batchCode: string;
  barcode: string | null;
  kind: BatchKind;
  unit: StockUnit;
  germplasmName: string | null;
  locationId: string;
  locationCode: string;
  locationName: string;
  quantity: number;
  value: number | null;
}

export interface OnHand {
  /** The instant the balances are for; null for now. */
  asOf: string | null;
  root: LocationRef | null;
  rows: OnHandRow[];
  /** Every location of the subtree with what it and everything below it hold, per unit. */
  locationTotals: { locationId: string; unit: StockUnit; quantity: number }[];
  totals: { unit: StockUnit; quantity: number; value: number | null }[];
}

/** A PDF to download: its name and its bytes in base64. */
export interface PdfFile {
  fileName: string;
  mimeType: 'application/pdf';
  content: string;
}

export interface CsvFile {
  filename: string;
  csv: string;
}

export type CodeMatch = { type: 'batch'; batch: BatchSummary } | { type: 'location'; location: LocationNode };

export interface FindCodeResult {
  code: string;
  matches: CodeMatch[];
  /** Nothing matched: the screen offers to receive a new batch with this code. */
  offerCreateBatch: boolean;
  message: string | null;
}

/** A balance that went below zero (after a merge, usually), with the movements that took it there. */
export interface StockException {
  batch: { id: string; code: string; unit: StockUnit };
  location: LocationRef;
  balance: number;
  lowest: number;
  stillNegative: boolean;
  wentNegativeAt: string;
  causes: LedgerEntry[];
  /** The movement that brought it back to zero or above, when one did. */
  resolvedBy: LedgerEntry | null;
}

export interface StudyLot {
  batchId: string;
  code: string;
  germplasmName: string | null;
  unit: StockUnit;
  sown: number;
  sowings: number;
  lastSownAt: string;
}

export interface CountSummary {
  id: string;
  name: string;
  location: LocationRef;
  snapshotAt: string;
  status: CountStatus;
  startedBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  note: string | null;
}

export interface CountEntryView {
  id: string;
  quantity: number;
  countedAt: string;
  countedBy: string | null;
  device: string | null;
  current: boolean;
}

export interface CountLineView {
  batchId: string;
  batchCode: string;
  unit: StockUnit;
  location: LocationRef;
  /** The balance as of the snapshot, leaving out this count's own adjustments. */
  expected: number;
  counted: number | null;
  status: 'counted' | 'not-counted' | 'disputed';
  variance: number | null;
  value: number | null;
  /** This count's adjustments already posted for the line. */
  posted: number;
  /** What approving (again) would post. */
  outstanding: number;
  explanation: string | null;
  entries: CountEntryView[];
}

export interface CountVariances {
  count: CountSummary;
  lines: CountLineView[];
  totals: { unit: StockUnit; variance: number; value: number | null }[];
  disputed: number;
  uncounted: number;
  /** Lines whose outstanding adjustment is not zero. */
  outstanding: number;
  /** Why approval would be refused now, in words; empty when it can go ahead. */
  blockers: string[];
}

export interface ApproveResult {
  count: CountSummary;
  /** Adjustments posted by this approval. */
  posted: number;
}

export interface ReconciliationReport extends CountVariances {
  locationPath: string;
  generatedAt: string;
}

/** What each stock method answers (merged into ApiResults in common/api-contract.ts). */
export interface StockResults {
  'stock:receive': MovementResult;
  'stock:move': MovementResult;
  'stock:on-hand': OnHand;
  'stock:on-hand-csv': CsvFile;
  'stock:batch-detail': BatchDetail;
  'stock:find-code': FindCodeResult;
  'stock:exceptions': StockException[];
  'stock:study-lots': StudyLot[];
  'counts:list': CountSummary[];
  'counts:start': CountSummary;
  'counts:record-line': CountLineView;
  'counts:explain': CountLineView;
  'counts:variances': CountVariances;
  'counts:approve': ApproveResult;
  'counts:cancel': CountSummary;
  'counts:report': ReconciliationReport;
  'counts:report-csv': CsvFile;
  'counts:report-pdf': PdfFile;
  'stock:labels-pdf': PdfFile;
  'locations:tree': LocationNode[];
  'locations:create': LocationNode;
  'locations:rename': LocationNode;
  'locations:move': LocationNode;
  'locations:set-outline': LocationNode;
  'locations:archive': LocationNode;
}

