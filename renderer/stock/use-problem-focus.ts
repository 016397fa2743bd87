import { useEffect, useRef } from 'react';

/**
 * After a refusal, the focus goes to the first field marked invalid in the form, so a keyboard
 * (or screen reader) user lands on what to fix; `token` changes with each refusal.
 */
export function useProblemFocus<T extends HTMLElement>(token: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (token === null || token === undefined) return;
    // Without a field to fix (a role refusal, say), the submit button: the notice above it is read out.
    const target = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current?.querySelector<HTMLElement>('button[type="submit"]');
    target?.focus();
  }, [token]);
  return ref;
}
