import { useEffect, useRef } from 'react';

/** A ref whose element takes the focus each time `token` changes (and on mount when token > 0). */
export function useFocusOn<T extends HTMLElement>(token: number) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (token > 0) ref.current?.focus({ preventScroll: true });
  }, [token]);
  return ref;
}
