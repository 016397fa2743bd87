import { useEffect, useId, useRef, type ReactNode } from 'react';

interface StockDialogProps {
  title: string;
  /** Under the title: what the form does. */
  lead?: ReactNode;
  busy: boolean;
  onClose(): void;
  children: ReactNode;
  testId?: string;
}

/**
 * A modal dialog for one stock form: opened when mounted, closed by Escape (not while its call
 * runs), and the focus goes back where it was when it closes. The field marked `data-autofocus`
 * takes the focus when it opens.
 */
export function StockDialog({ title, lead, busy, onClose, children, testId }: StockDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    // React's autoFocus runs while the dialog is still closed (and so cannot take the focus): the
    // field marked data-autofocus takes it once the dialog is open; otherwise the first field does.
    element?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (element?.open) element.close();
      returnTo?.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="stock-dialog"
      aria-labelledby={titleId}
      aria-busy={busy}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      data-testid={testId}
    >
      <header className="stock-dialog-head">
        <h2 id={titleId}>{title}</h2>
        {lead ? <p className="stock-dialog-lead">{lead}</p> : null}
      </header>
      {children}
    </dialog>
  );
}
