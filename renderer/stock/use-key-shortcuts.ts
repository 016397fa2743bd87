import { useEffect, useEffectEvent } from 'react';

function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** How long a shortcut waits for a following key: a scanner's burst is not a shortcut. */
const burstGapMs = 60;

/**
 * Single-key shortcuts (`t`, `s`…) for a screen's actions, heard while no field has the focus and
 * no dialog is open. A key is taken only when no other key follows it at once, so the first letter
 * of a barcode scan does not start an action.
 */
export function useKeyShortcuts(shortcuts: Readonly<Record<string, () => void>>, enabled = true): void {
  const run = useEffectEvent((key: string) => shortcuts[key]?.());
  const known = Object.keys(shortcuts).sort().join('');
  useEffect(() => {
    if (!enabled) return;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const cancel = (): void => {
      if (pending !== null) clearTimeout(pending);
      pending = null;
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (pending !== null) return cancel();
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (typingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      if (!known.includes(key) || key.length !== 1) return;
      pending = setTimeout(() => {
        pending = null;
        run(key);
      }, burstGapMs);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      cancel();
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [known, enabled]);
}
