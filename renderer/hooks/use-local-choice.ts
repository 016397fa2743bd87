import { useState } from 'react';

function stored<T extends string>(key: string, choices: readonly T[], fallback: T): T {
  try {
    const value = window.localStorage.getItem(key);
    return choices.find((choice) => choice === value) ?? fallback;
  } catch {
    return fallback;
  }
}

/**
 * One of `choices`, kept on this computer under `key` (a setting of the person's, not of the
 * station's data): read once when the screen opens, written on every change.
 */
export function useLocalChoice<T extends string>(key: string, choices: readonly T[], fallback: T): [T, (choice: T) => void] {
  const [choice, setChoice] = useState<T>(() => stored(key, choices, fallback));
  const change = (next: T): void => {
    setChoice(next);
    try {
      window.localStorage.setItem(key, next);
    } catch {
      // private mode: the choice lasts for this window only
    }
  };
  return [choice, change];
}
