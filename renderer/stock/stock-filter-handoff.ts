/**
 * A location to show on the stock-on-hand screen, handed over by another screen (a scanned bin on a
 * batch's page, "Show its stock" on the locations screen). The address has no room for filters, so
 * it travels in this tab's sessionStorage and is taken once (read, then cleared when the screen has
 * started: React may run a state initialiser twice).
 */
const key = 'field-station:stock-location';

export function handOverStockLocation(code: string): void {
  try {
    sessionStorage.setItem(key, code);
  } catch {
    // Storage switched off: the stock screen opens unfiltered.
  }
}

/** The location handed over, if any (read when the screen starts; `clearStockLocation` once it has). */
export function handedOverStockLocation(): string {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

export function clearStockLocation(): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}
