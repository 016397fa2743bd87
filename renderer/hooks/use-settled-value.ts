import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `delayMs`, so hints wait until the user pauses typing. */
export function useSettledValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
