import { useCallback, useState } from 'react';

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * A text kept on this computer under `key` (null: nothing kept), for a choice among options only
 * known at run time (use-local-choice.ts is for a fixed list): the caller checks it is still one of
 * them. Read when the key changes, written on every change; the setter keeps its identity per key.
 */
export function useLocalText(key: string): [string | null, (value: string | null) => void] {
  const [state, setState] = useState(() => ({ key, value: stored(key) }));
  let current = state;
  if (state.key !== key) {
    current = { key, value: stored(key) };
    setState(current);
  }
  const change = useCallback(
    (value: string | null): void => {
      setState({ key, value });
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
      } catch {
        // private mode: the choice lasts for this window only
      }
    },
    [key],
  );
  return [current.value, change];
}
