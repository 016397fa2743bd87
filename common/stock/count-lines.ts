import { balanceKey } from './balances';
import { valueOf, type Milli } from './quantity';

/**
 * A count line is a fact: someone, on some device, counted a quantity of a batch at a location
 * during a count. Entering a line again (a correction, or a second look) records a new entry that
 * supersedes the entries its device knew for that batch and location. Entries made on two devices
 * that had not seen each other both stay current: when they agree the line is settled; when they
 * disagree the line is disputed and shown for review, and whoever resolves it (having seen both)
 * records an entry that supersedes both. Nothing a counter entered is lost or silently outvoted.
 */
export interface CountEntry {
  id: string;
  batchId: string;
  locationId: string;
  quantity: Milli;
  countedAt: number;
  countedBy: string | null;
  deviceId: string | null;
  supersedesIds: readonly string[];
}

export interface ResolvedLine {
  batchId: string;
  locationId: string;
  /** The entries nothing supersedes, oldest first. */
  current: CountEntry[];
  /** Every entry ever made for the line, oldest first. */
  history: CountEntry[];
  /** The counted quantity when the current entries agree; null when disputed. */
  counted: Milli | null;
  disputed: boolean;
}

const byTime = (a: CountEntry, b: CountEntry): number => a.countedAt - b.countedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Groups a count's entries by batch and location and settles each line (see CountEntry). */
export function resolveCountLines(entries: readonly CountEntry[]): Map<string, ResolvedLine> {
  const superseded = new Set<string>();
  for (const entry of entries) for (const id of entry.supersedesIds) superseded.add(id);
  const lines = new Map<string, ResolvedLine>();
  for (const entry of [...entries].sort(byTime)) {
    const key = balanceKey(entry.batchId, entry.locationId);
    let line = lines.get(key);
    if (!line) {
      line = { batchId: entry.batchId, locationId: entry.locationId, current: [], history: [], counted: null, disputed: false };
      lines.set(key, line);
    }
    line.history.push(entry);
    if (!superseded.has(entry.id)) line.current.push(entry);
  }
  for (const line of lines.values()) {
    // Entries that supersede each other in a cycle cannot all be superseded: keep the newest.
    if (line.current.length === 0) line.current = line.history.slice(-1);
    const values = new Set(line.current.map((entry) => entry.quantity));
    line.disputed = values.size > 1;
    line.counted = line.disputed ? null : (line.current[0]?.quantity ?? null);
  }
  return lines;
}

/** The ids a new entry for a line supersedes: every entry of the line this device has seen still current. */
export function supersededByNewEntry(line: ResolvedLine | undefined): string[] {
  return line ? line.current.map((entry) => entry.id) : [];
}

export interface LineFigures {
  /** The balance as of the count's snapshot, leaving out the count's own adjustments. */
  expected: Milli;
  /** What was counted; null when not counted (or disputed). */
  counted: Milli | null;
  /** The count's own adjustments already posted for the line. */
  posted: Milli;
  unitCost: string | null;
}

export interface LineVariance {
  /** counted − expected; null while nothing is counted. */
  variance: Milli | null;
  /** What approval still has to post: variance − posted (0 when settled). */
  outstanding: Milli;
  value: number | null;
}

/**
 * The variance of one line: what was counted minus the balance as of the count's snapshot time, so
 * movements recorded anywhere while the count was open (dated before or after the snapshot) fall
 * on the right side of it. The count's own adjustments are dated at the snapshot but left out of
 * `expected`; what approval posts is whatever the posted adjustments do not yet cover, so a
 * movement dated before the snapshot that arrives after approval shows up as outstanding again.
 */
export function lineVariance(figures: LineFigures): LineVariance {
  if (figures.counted === null) return { variance: null, outstanding: 0, value: null };
  const variance = figures.counted - figures.expected;
  return { variance, outstanding: variance - figures.posted, value: valueOf(variance, figures.unitCost) };
}
