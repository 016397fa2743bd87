import { parseQuantity } from '../../common/stock/quantity';
import type { CodeMatch, FindCodeResult } from '../../common/stock/stock-results';
import type { StockUnit } from '../../common/vocabulary';

/**
 * The count's scan box, as a sequence a keyboard-wedge scanner (or typing) can follow: a batch
 * code or barcode and a bin in either order, then the quantity counted. After a line is saved the
 * bin stays chosen, so counting a bin is: scan the bin once, then each batch and its quantity.
 */
export interface ScanBatch {
  id: string;
  code: string;
  unit: StockUnit;
}

export interface ScanLocation {
  id: string;
  code: string;
  name: string;
}

export interface ScanState {
  batch: ScanBatch | null;
  location: ScanLocation | null;
}

export const emptyScan: ScanState = { batch: null, location: null };

export type ScanStep = 'first-code' | 'location' | 'batch' | 'quantity';

export function stepOf(state: ScanState): ScanStep {
  if (state.batch && state.location) return 'quantity';
  if (state.batch) return 'location';
  if (state.location) return 'batch';
  return 'first-code';
}

/** What the box asks for now: its label and placeholder. */
export function promptOf(state: ScanState): { label: string; placeholder: string } {
  switch (stepOf(state)) {
    case 'first-code':
      return { label: 'Scan or type a batch or a bin', placeholder: 'Batch code, barcode or bin code' };
    case 'location':
      return { label: `Now the bin where ${state.batch?.code ?? 'the batch'} is`, placeholder: 'Bin code (or another batch)' };
    case 'batch':
      return { label: `Now a batch in ${state.location?.code ?? 'the bin'}`, placeholder: 'Batch code or barcode (or another bin)' };
    case 'quantity':
      return { label: `How many ${state.batch?.unit ?? ''} of ${state.batch?.code ?? ''} in ${state.location?.code ?? ''}?`, placeholder: `Quantity in ${state.batch?.unit ?? 'units'}` };
  }
}

/**
 * Whether `text` is the quantity rather than another code: only once the batch and the bin are
 * known, and only when it reads as a number. (A code scanned then replaces the batch or the bin.)
 */
export function readsAsQuantity(state: ScanState, text: string): boolean {
  return stepOf(state) === 'quantity' && /^[\d.,+-]+$/.test(text.trim()) && /\d/.test(text);
}

/** A typed quantity checked before it is sent: the number, or what is wrong with it in words. */
export function checkQuantity(text: string): { ok: true; quantity: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed.includes(',')) return { ok: false, message: 'Write the quantity without thousands separators and with a dot for decimals, like 1250 or 12.5.' };
  const parsed = parseQuantity(trimmed);
  if (!parsed.ok) {
    return {
      ok: false,
      message:
        parsed.problem === 'too-precise'
          ? 'Use at most 3 decimal places.'
          : parsed.problem === 'too-large'
            ? 'That is too large for a stock quantity: check the number.'
            : 'Enter the quantity as a number, like 250 or 12.5.',
    };
  }
  if (parsed.milli < 0) return { ok: false, message: 'A counted quantity cannot be negative. Enter 0 when the bin holds none of it.' };
  return { ok: true, quantity: trimmed.replace(/^\+/, '') };
}

export type ScanOutcome =
  | { kind: 'set'; state: ScanState; said: string }
  | { kind: 'choose'; matches: CodeMatch[]; message: string }
  | { kind: 'refused'; message: string; offerReceive: boolean };

/** Takes one match (chosen, or the only one) into the state: a batch fills the batch, a location the bin. */
export function takeMatch(state: ScanState, match: CodeMatch, inScope: (locationId: string) => boolean, scopeCode: string): ScanOutcome {
  if (match.type === 'batch') {
    const { id, code, unit } = match.batch;
    return { kind: 'set', state: { ...state, batch: { id, code, unit } }, said: `Batch ${code} (${unit}).` };
  }
  const { id, code, name } = match.location;
  if (!inScope(id)) {
    return {
      kind: 'refused',
      message: `${code} (${name}) is not part of this count, which counts ${scopeCode} and what is inside it. Scan a bin inside ${scopeCode}.`,
      offerReceive: false,
    };
  }
  return { kind: 'set', state: { ...state, location: { id, code, name } }, said: `Bin ${code} (${name}).` };
}

/** What a scanned or typed code does to the state, given what `stock:find-code` found for it. */
export function applyFound(state: ScanState, found: FindCodeResult, inScope: (locationId: string) => boolean, scopeCode: string): ScanOutcome {
  const [only, ...others] = found.matches;
  if (!only) {
    if (parseQuantity(found.code).ok && stepOf(state) !== 'quantity') {
      const missing = stepOf(state) === 'location' ? 'the bin' : stepOf(state) === 'batch' ? 'the batch' : 'the batch and the bin';
      return { kind: 'refused', message: `Scan ${missing} before entering the quantity.`, offerReceive: false };
    }
    return { kind: 'refused', message: found.message ?? `Nothing has the code “${found.code}”.`, offerReceive: found.offerCreateBatch };
  }
  if (others.length > 0) return { kind: 'choose', matches: found.matches, message: found.message ?? `“${found.code}” matches several things. Choose the one you meant.` };
  return takeMatch(state, only, inScope, scopeCode);
}

/** After a line is saved: the bin stays, ready for the next batch in it. */
export function afterRecorded(state: ScanState): ScanState {
  return { batch: null, location: state.location };
}

/** The name of a match on a choice button: "Batch SL-2026-001 (seeds)", "Bin GH1-C1-B01-BIN1 · ST / GH1 / …". */
export function matchLabel(match: CodeMatch): string {
  return match.type === 'batch'
    ? `Batch ${match.batch.code}${match.batch.barcode ? ` (barcode ${match.batch.barcode})` : ''}`
    : `${match.location.kind === 'bin' ? 'Bin' : 'Location'} ${match.location.code} · ${match.location.path}`;
}
