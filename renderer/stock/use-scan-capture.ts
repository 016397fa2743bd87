import { useEffect, useEffectEvent } from 'react';
import { ScanBurst } from './scan-burst';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * Hears a barcode scan made while no field has the focus (a keyboard-wedge scanner types fast and
 * ends with Enter) and hands its code to `onScan`. Typing in a field, or with a dialog open, is
 * left alone: that field is where the code was asked for.
 */
export function useScanCapture(onScan: (code: string) => void): void {
  const handle = useEffectEvent(onScan);
  useEffect(() => {
    const burst = new ScanBurst();
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey) return burst.reset();
      if (isEditable(event.target) || document.querySelector('dialog[open]')) return burst.reset();
      const code = burst.key(event.key, event.timeStamp);
      if (code !== null) {
        event.preventDefault();
        handle(code);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
