import { useEffect, useEffectEvent } from 'react';

/** Input types whose own Ctrl+Z undoes typing. */
const textInputTypes = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'number', '']);

/** Whether Ctrl+Z in this element undoes typing of its own (text fields, text areas, notes). */
export function hasOwnUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && textInputTypes.has(target.type);
}

/**
 * Ctrl+Z (Cmd+Z) anywhere in the study undoes the last save while one can be undone, except in a
 * field with typing of its own to undo. The entry box right after a save holds only the saved
 * value, nothing typed since: there Ctrl+Z undoes the save too.
 */
export function useUndoShortcut(canUndo: boolean, onUndo: () => void): void {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (!canUndo || event.defaultPrevented || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return;
    if (event.key.toLowerCase() !== 'z') return;
    const entryBox = event.target instanceof HTMLElement && event.target.hasAttribute('data-entry-focus');
    if (hasOwnUndo(event.target) && !entryBox) return;
    event.preventDefault();
    onUndo();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
