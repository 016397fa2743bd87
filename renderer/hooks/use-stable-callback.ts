import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A function that keeps one identity across renders and always calls the latest `fn`: for event
 * handlers passed to memoised children, so a re-render of the parent does not redraw them. Not for
 * calling during render.
 */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
