/**
 * Web mode's per-launch token. The launch address carries it in the fragment (`#token=…`), which
 * browsers never send to a server; it is read once, kept in sessionStorage (this tab only) and
 * removed from the address bar so it is not bookmarked, shared or left in history.
 */
const storageKey = 'field-station:web-token';

/** Used when sessionStorage is unavailable (a privacy setting), for this page's lifetime. */
let memoryToken: string | null = null;
const changeListeners = new Set<() => void>();

/** Takes a token out of the address bar, if one is there; answers whether one was found. */
export function adoptTokenFromAddress(): boolean {
  const fragment = window.location.hash.replace(/^#/, '');
  if (!fragment.includes('token=')) return false;
  const token = new URLSearchParams(fragment).get('token');
  if (!token) return false;
  memoryToken = token;
  try {
    window.sessionStorage.setItem(storageKey, token);
  } catch {
    // sessionStorage refused: the token lives in memory until the page closes.
  }
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  for (const listener of changeListeners) listener();
  return true;
}

export function currentToken(): string | null {
  try {
    return window.sessionStorage.getItem(storageKey) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

/** Called when a new launch address (after the services restarted) brings a new token. */
export function onTokenChange(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}
